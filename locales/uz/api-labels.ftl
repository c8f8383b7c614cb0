# Words for states, categories and checklist items that go into emails and API answers
# (licence, placement, complaint, readiness, passport review).

complaint-category-conditions_differ = shartlar shartnomaga mos emas
complaint-category-discrimination = kamsitish
complaint-category-fee_charged = haq olingan
complaint-category-other = boshqa
complaint-category-passport_retained = pasport ushlab qolingan
complaint-category-unpaid_wages = ish haqi toʻlanmagan
complaint-category-violence = zoʻravonlik

complaint-state-dismissed = rad etildi
complaint-state-in_review = koʻrib chiqilmoqda
complaint-state-received = qabul qilindi
complaint-state-upheld = asosli deb topildi

licence-action-expire = muddati tugadi
licence-action-issue = berildi
licence-action-reinstate = tiklandi
licence-action-renew = uzaytirildi
licence-action-revoke = bekor qilindi
licence-action-suspend = toʻxtatildi

licence-status-active = amalda
licence-status-expired = muddati tugagan
licence-status-revoked = bekor qilingan
licence-status-suspended = toʻxtatilgan

passport_review-outcome-entry_error = raqam xato kiritilgan. Shaxsni pasportdagi raqam bilan aynan qayta roʻyxatdan oʻtkazing.
passport_review-outcome-same_person = bu shaxs allaqachon roʻyxatdan oʻtgan. Undan mavjud profilida tashkilotingizga rozilik berishini soʻrang; yangi profil yaratilmadi.

placement-state-applied = nomzodning arizasi
placement-state-approved = maʼqullandi
placement-state-arrived = yetib keldi
placement-state-completed = yakunlandi
placement-state-contract_signed = shartnoma imzolandi
placement-state-departed = joʻnab ketdi
placement-state-employed = ishga joylashdi
placement-state-invited = ish beruvchining taklifnomasi
placement-state-offered = ish taklif qilindi
placement-state-proposed = agentlik taklifi
placement-state-rejected = rad etildi
placement-state-shortlisted = saralanganlar roʻyxatida
placement-state-terminated = bekor qilindi
placement-state-under_review = vazirlikda koʻrib chiqilmoqda
placement-state-withdrawn = nomzod qaytarib oldi

readiness-item-contract_explained = Shartnoma sizning tilingizda tushuntirilgan
readiness-item-insurance = Shartnomaning butun muddatiga tibbiy sugʻurta
readiness-item-medical = Tibbiy koʻrik (3 oy amal qiladi)
readiness-item-orientation = Yoʻnaltiruvchi seminarda qatnashgan
readiness-item-passport = Pasport (shartnoma tugaganidan keyin yana 6 oy amal qiladi)
readiness-item-reentry_ban_check = Kirish taqiqini tekshirish (joʻnashdan 30 kundan oldin emas)
readiness-item-russian_test = Rus tili testi

readiness-reason-expired = amal qilish muddati yetarli emas
readiness-reason-failed = oʻtmagan
readiness-reason-missing = yoʻq
readiness-reason-no_contract = shartnoma hali yoʻq
readiness-reason-too_early = juda erta qilingan
readiness-reason-wrong_language = sizning tilingizda emas
