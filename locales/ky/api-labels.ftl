# Words for states, categories and checklist items that go into emails and API answers
# (licence, placement, complaint, readiness, passport review).

complaint-category-conditions_differ = шарттар келишимге туура келбейт
complaint-category-discrimination = басмырлоо
complaint-category-fee_charged = акы алынды
complaint-category-other = башка
complaint-category-passport_retained = паспорт кармалып калды
complaint-category-unpaid_wages = эмгек акы төлөнгөн жок
complaint-category-violence = зомбулук

complaint-state-dismissed = четке кагылды
complaint-state-in_review = каралууда
complaint-state-received = кабыл алынды
complaint-state-upheld = негиздүү деп табылды

licence-action-expire = мөөнөтү бүттү
licence-action-issue = берилди
licence-action-reinstate = калыбына келтирилди
licence-action-renew = узартылды
licence-action-revoke = жокко чыгарылды
licence-action-suspend = токтотулду

licence-status-active = жарактуу
licence-status-expired = мөөнөтү бүткөн
licence-status-revoked = жокко чыгарылган
licence-status-suspended = токтотулган

passport_review-outcome-entry_error = номер ката киргизилген. Адамды паспорттогудай так номер менен кайра каттаңыз.
passport_review-outcome-same_person = адам мурунтан катталган. Анын учурдагы профилинде уюмуңузга макулдук беришин сураңыз; жаңы профиль түзүлгөн жок.

placement-state-applied = талапкердин арызы
placement-state-approved = жактырылды
placement-state-arrived = келди
placement-state-completed = аяктады
placement-state-contract_signed = келишимге кол коюлду
placement-state-departed = жөнөп кетти
placement-state-employed = жумушка орношту
placement-state-invited = иш берүүчүнүн чакыруусу
placement-state-offered = жумуш сунушталды
placement-state-proposed = агенттиктин сунушу
placement-state-rejected = баш тартылды
placement-state-shortlisted = тандалгандар тизмесинде
placement-state-terminated = токтотулду
placement-state-under_review = министрликте текшерүүдө
placement-state-withdrawn = талапкер кайтарып алды

readiness-item-contract_explained = Келишим сиздин тилиңизде түшүндүрүлгөн
readiness-item-insurance = Келишимдин бүт мөөнөтүнө медициналык камсыздандыруу
readiness-item-medical = Медициналык текшерүү (3 ай жарактуу)
readiness-item-orientation = Багыттоо семинарына катышкан
readiness-item-passport = Паспорт (келишим аяктагандан кийин дагы 6 ай жарактуу)
readiness-item-reentry_ban_check = Кирүүгө тыюу салууну текшерүү (жөнөөдөн 30 күн мурун эмес)
readiness-item-russian_test = Орус тили боюнча тест

readiness-reason-expired = мөөнөтү жетишсиз
readiness-reason-failed = өткөн жок
readiness-reason-missing = жок
readiness-reason-no_contract = келишим али жок
readiness-reason-too_early = өтө эрте жасалган
readiness-reason-wrong_language = сиздин тилиңизде эмес
