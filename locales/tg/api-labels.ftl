# Words for states, categories and checklist items that go into emails and API answers
# (licence, placement, complaint, readiness, passport review).

complaint-category-conditions_differ = шартҳо ба шартнома мувофиқ нестанд
complaint-category-discrimination = табъиз
complaint-category-fee_charged = пул гирифта шуд
complaint-category-other = дигар
complaint-category-passport_retained = шиноснома нигоҳ дошта шуд
complaint-category-unpaid_wages = музди меҳнат пардохт нашуд
complaint-category-violence = зӯроварӣ

complaint-state-dismissed = рад карда шуд
complaint-state-in_review = дар баррасӣ
complaint-state-received = қабул шуд
complaint-state-upheld = асоснок дониста шуд

licence-action-expire = мӯҳлаташ гузашт
licence-action-issue = дода шуд
licence-action-reinstate = барқарор карда шуд
licence-action-renew = тамдид карда шуд
licence-action-revoke = бекор карда шуд
licence-action-suspend = боздошта шуд

licence-status-active = эътибор дорад
licence-status-expired = мӯҳлаташ гузаштааст
licence-status-revoked = бекор карда шудааст
licence-status-suspended = боздошта шудааст

passport_review-outcome-entry_error = рақам хато ворид шудааст. Шахсро бо рақам айнан мисли шиноснома аз нав ба қайд гиред.
passport_review-outcome-same_person = ин шахс аллакай ба қайд гирифта шудааст. Аз ӯ хоҳиш кунед, ки дар профили мавҷудааш ба ташкилоти шумо розигӣ диҳад; профили нав сохта нашуд.

placement-state-applied = аризаи номзад
placement-state-approved = тасдиқ шуд
placement-state-arrived = расид
placement-state-completed = анҷом ёфт
placement-state-contract_signed = шартнома имзо шуд
placement-state-departed = рафт
placement-state-employed = ба кор қабул шуд
placement-state-invited = даъвати корфармо
placement-state-offered = кор пешниҳод шуд
placement-state-proposed = пешниҳоди агентӣ
placement-state-rejected = рад шуд
placement-state-shortlisted = дар рӯйхати интихобшудагон
placement-state-terminated = бекор карда шуд
placement-state-under_review = дар вазорат баррасӣ мешавад
placement-state-withdrawn = номзод бозпас гирифт

readiness-item-contract_explained = Шартнома бо забони шумо шарҳ дода шудааст
readiness-item-insurance = Суғуртаи тиббӣ барои тамоми мӯҳлати шартнома
readiness-item-medical = Муоинаи тиббӣ (3 моҳ эътибор дорад)
readiness-item-orientation = Дар семинари ориентатсионӣ иштирок кардааст
readiness-item-passport = Шиноснома (6 моҳ пас аз анҷоми шартнома эътибор дорад)
readiness-item-reentry_ban_check = Санҷиши манъи вуруд (на пештар аз 30 рӯз пеш аз сафар)
readiness-item-russian_test = Санҷиши забони русӣ

readiness-reason-expired = мӯҳлати эътибор кифоя нест
readiness-reason-failed = нагузаштааст
readiness-reason-missing = нест
readiness-reason-no_contract = шартнома ҳанӯз нест
readiness-reason-too_early = хеле барвақт анҷом дода шудааст
readiness-reason-wrong_language = на бо забони шумо
