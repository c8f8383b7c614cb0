# Brauzer sahifalari: kirish, roʻyxatdan oʻtish, pochtani tasdiqlash, parollar, shaxsiy kabinet.

web-field-email = Elektron pochta manzili
web-field-email-hint = Tasdiqlash uchun bu manzilga havola yuboramiz.
web-field-password = Parol
web-field-full-name = Familiya va ism
web-field-full-name-hint = Pasportda yozilganidek.
web-field-new-password = Yangi parol
web-field-new-password-hint = Kamida 10 ta belgi. Esda qoladigan bir nechta soʻz — yaxshi parol.
web-field-current-password = Joriy parol

web-sign-in-title = Kirish
web-sign-in-button = Kirish
web-sign-in-forgot-link = Parolni unutdim
web-sign-in-register-link = Hisob yaratish
web-sign-in-wrong = Elektron pochta manzili yoki parol notoʻgʻri
web-sign-in-disabled = Bu hisob oʻchirilgan. Uni qayta yoqish uchun qoʻllab-quvvatlash xizmatiga murojaat qiling
web-sign-in-too-many = Kirishga urinishlar juda koʻp. 15 daqiqa kuting va qaytadan urinib koʻring

web-register-title = Hisob yaratish
web-register-intro = Ish qidirayotgan ishchilar uchun. Shundan soʻng boʻsh ish oʻrinlariga ariza berib, shartnomangizni oʻqishingiz mumkin.
web-register-button = Hisob yaratish
web-register-sign-in-link = Menda hisob bor
web-register-done-title = Pochtangizni tekshiring
web-register-done-body = Koʻrsatilgan manzilga xat yubordik. Manzilni tasdiqlash uchun xatdagi havolani oching. Havola { $hours } soat amal qiladi.

web-link-invalid-title = Bu havola ishlamaydi
web-link-invalid-body = Undan allaqachon foydalanilgan, muddati tugagan yoki toʻliq nusxalanmagan. Yangisini soʻrashingiz mumkin.

web-verify-done-title = Elektron pochta manzilingiz tasdiqlandi
web-verify-done-body = Rahmat. Endi shaxsiy kabinetingizning barcha boʻlimlari ochiq.

web-forgot-title = Parolni tiklash
web-forgot-intro = Hisobingizning elektron pochta manzilini kiriting. Yangi parol tanlash uchun havola yuboramiz.
web-forgot-button = Havolani yuborish
web-forgot-sent-title = Pochtangizni tekshiring
web-forgot-sent-body = Agar bu manzil hisobga bogʻlangan boʻlsa, unga yangi parol tanlash uchun havola yubordik. Havola { $minutes } daqiqa amal qiladi.

web-reset-title = Yangi parol tanlang
web-reset-button = Yangi parolni saqlash
web-reset-done-body = Yangi parol bilan kiring. Siz barcha qurilmalardan chiqarildingiz.
web-password-changed-title = Parol oʻzgartirildi

web-change-password-title = Parolni oʻzgartirish
web-change-password-button = Parolni oʻzgartirish
web-change-password-done-body = Siz boshqa barcha qurilmalar va ilovalardan chiqarildingiz.

web-account-title = Shaxsiy kabinet
web-account-signed-in-as = Siz { $name } sifatida kirdingiz.
web-account-role = Hisob turi
web-account-unverified = Elektron pochta manzilingiz hali tasdiqlanmagan. Biz yuborgan xatdagi havolani oching.
web-account-link-search = Ish topish
