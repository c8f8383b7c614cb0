# Words for states, categories and checklist items that go into emails and API answers
# (licence, placement, complaint, readiness, passport review).

complaint-category-conditions_differ = conditions differ from the contract
complaint-category-discrimination = discrimination
complaint-category-fee_charged = a fee was charged
complaint-category-other = other
complaint-category-passport_retained = passport retained
complaint-category-unpaid_wages = unpaid wages
complaint-category-violence = violence

complaint-state-dismissed = dismissed
complaint-state-in_review = under review
complaint-state-received = received
complaint-state-upheld = upheld

licence-action-expire = expired
licence-action-issue = issued
licence-action-reinstate = reinstated
licence-action-renew = renewed
licence-action-revoke = revoked
licence-action-suspend = suspended

licence-status-active = active
licence-status-expired = expired
licence-status-revoked = revoked
licence-status-suspended = suspended

passport_review-outcome-entry_error = the number was entered wrongly. Register the person again with the number exactly as it is in the passport.
passport_review-outcome-same_person = the person is already registered. Ask them to give your organisation consent on their existing profile; no new profile was created.

placement-state-applied = application
placement-state-approved = approved
placement-state-arrived = arrived
placement-state-completed = completed
placement-state-contract_signed = contract signed
placement-state-departed = departed
placement-state-employed = employed
placement-state-invited = invitation by the employer
placement-state-offered = offer made
placement-state-proposed = proposal by an agency
placement-state-rejected = rejected
placement-state-shortlisted = shortlisted
placement-state-terminated = terminated
placement-state-under_review = under ministry review
placement-state-withdrawn = withdrawn

readiness-item-contract_explained = Contract explained in your language
readiness-item-insurance = Health insurance for the whole contract
readiness-item-medical = Medical check (valid 3 months)
readiness-item-orientation = Orientation session attended
readiness-item-passport = Passport (valid 6 months beyond the contract end)
readiness-item-reentry_ban_check = Re-entry ban check (no earlier than 30 days before departure)
readiness-item-russian_test = Russian language test

readiness-reason-expired = not valid long enough
readiness-reason-failed = not passed
readiness-reason-missing = missing
readiness-reason-no_contract = no contract yet
readiness-reason-too_early = done too early
readiness-reason-wrong_language = not in your language
