# Words for states, categories and checklist items that go into emails and API answers
# (licence, placement, complaint, readiness, passport review).

complaint-category-conditions_differ = условия не соответствуют договору
complaint-category-discrimination = дискриминация
complaint-category-fee_charged = взята плата
complaint-category-other = другое
complaint-category-passport_retained = удержание паспорта
complaint-category-unpaid_wages = невыплата заработной платы
complaint-category-violence = насилие

complaint-state-dismissed = отклонена
complaint-state-in_review = на рассмотрении
complaint-state-received = получена
complaint-state-upheld = признана обоснованной

licence-action-expire = истекла
licence-action-issue = выдана
licence-action-reinstate = возобновлена
licence-action-renew = продлена
licence-action-revoke = отозвана
licence-action-suspend = приостановлена

licence-status-active = действует
licence-status-expired = истекла
licence-status-revoked = отозвана
licence-status-suspended = приостановлена

passport_review-outcome-entry_error = номер введён с ошибкой. Зарегистрируйте человека заново с номером точно как в паспорте.
passport_review-outcome-same_person = человек уже зарегистрирован. Попросите его дать вашей организации согласие в его существующем профиле; новый профиль не создан.

placement-state-applied = отклик кандидата
placement-state-approved = одобрено
placement-state-arrived = прибыл
placement-state-completed = завершено
placement-state-contract_signed = договор подписан
placement-state-departed = выехал
placement-state-employed = трудоустроен
placement-state-invited = приглашение работодателя
placement-state-offered = сделано предложение о работе
placement-state-proposed = предложение агентства
placement-state-rejected = отказ
placement-state-shortlisted = в списке отобранных
placement-state-terminated = расторгнуто
placement-state-under_review = на проверке в министерстве
placement-state-withdrawn = отозвано кандидатом

readiness-item-contract_explained = Договор разъяснён на вашем языке
readiness-item-insurance = Медицинская страховка на весь срок договора
readiness-item-medical = Медицинский осмотр (действителен 3 месяца)
readiness-item-orientation = Пройден ориентационный семинар
readiness-item-passport = Паспорт (действителен ещё 6 месяцев после окончания договора)
readiness-item-reentry_ban_check = Проверка запрета на въезд (не ранее чем за 30 дней до выезда)
readiness-item-russian_test = Тест по русскому языку

readiness-reason-expired = срок действия недостаточен
readiness-reason-failed = не пройдено
readiness-reason-missing = нет
readiness-reason-no_contract = договора ещё нет
readiness-reason-too_early = сделано слишком рано
readiness-reason-wrong_language = не на вашем языке
