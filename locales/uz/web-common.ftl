# Brauzer sahifalari: maket, xato sahifalari, shakldagi xatolar, bosh sahifa, rollar nomlari.

web-service-name = Orgnabor
web-skip-link = Asosiy mazmunga oʻtish
web-language-nav = Til
web-account-nav = Shaxsiy kabinet
web-account-link = Shaxsiy kabinet
web-sign-out = Chiqish
web-footer-check = Ish yoki agentlikni tekshirish
web-footer-rights = Sizning huquqlaringiz
web-footer-hotline = Ish haqi toʻlanmayaptimi, pasportingiz olib qoʻyildimi yoki sizdan pul talab qilinyaptimi? Ishchilar uchun ishonch telefoniga qoʻngʻiroq qiling: raqamlar «Sizning huquqlaringiz» sahifasida.

web-error-prefix = Xato:
web-error-summary-title = Xatolar bor
web-error-home-link = Bosh sahifaga oʻtish
web-error-not-found-title = Sahifa topilmadi
web-error-not-found-typed = Agar manzilni qoʻlda yozgan boʻlsangiz, uning toʻgʻriligini tekshiring.
web-error-not-found-pasted = Agar manzilni nusxalab qoʻygan boʻlsangiz, uni toʻliq nusxalaganingizni tekshiring.
web-error-forbidden-title = Bu sahifa siz uchun ochiq emas
web-error-forbidden-body = Bu sahifa boshqa turdagi hisob uchun.
web-error-csrf-title = Shaklni yuborib boʻlmadi
web-error-csrf-body = Hech narsa oʻzgarmadi. Sahifa juda uzoq ochiq turgan yoki shakl boshqa saytdan kelgan. Orqaga qayting, sahifani yangilang va qaytadan urinib koʻring.
web-error-bad-request-title = Shaklni oʻqib boʻlmadi
web-error-bad-request-body = Hech narsa oʻzgarmadi. Orqaga qayting, sahifani yangilang va qaytadan urinib koʻring.
web-error-rate-limited-title = Urinishlar juda koʻp
web-error-rate-limited-body = Hech narsa oʻzgarmadi. 15 daqiqa kuting va qaytadan urinib koʻring.
web-error-internal-title = Kechirasiz, xizmatda nosozlik yuz berdi
web-error-internal-body = Keyinroq urinib koʻring. Kiritgan maʼlumotlaringiz saqlanmadi.

web-error-invalid = Bu yerga kiritilganini tekshiring
web-error-required-field = «{ $field }» maydonini toʻldiring
web-error-invalid-field = «{ $field }» maydonini tekshiring
web-error-required = Bu maydonni toʻldiring
web-error-too_short = Kamida { $min } ta belgi kiriting
web-error-too_long = Koʻpi bilan { $max } ta belgi kiriting
web-error-invalid_email = Elektron pochta manzilini toʻgʻri formatda kiriting, masalan name@example.com
web-error-common_password = Bu parolni topish juda oson. Boshqasini tanlang, masalan, esda qoladigan bir nechta soʻz
web-error-forbidden_character = Bu yerda ishlatib boʻlmaydigan belgini olib tashlang ({ $char })
web-error-unknown_value = Quyidagilardan birini tanlang: { $allowed }
web-error-wrong_password = Joriy parol notoʻgʻri
web-error-same_password = Yangi parol joriy paroldan farq qilishi kerak
web-error-email-required = Elektron pochta manzilingizni kiriting
web-error-email-invalid_email = Elektron pochta manzilini toʻgʻri formatda kiriting, masalan name@example.com
web-error-password-required = Parolingizni kiriting
web-error-password-too_short = Parol kamida { $min } ta belgidan iborat boʻlishi kerak
web-error-new_password-too_short = Yangi parol kamida { $min } ta belgidan iborat boʻlishi kerak
web-error-current_password-required = Joriy parolingizni kiriting
web-error-full_name-required = Familiya va ismingizni kiriting

web-home-title = Rossiyada xavfsiz ish qidirish
web-home-heading = Rossiyada qonuniy ish toping
web-home-lead = Tekshirilgan ish beruvchilarning boʻsh ish oʻrinlari: yozma shartnoma, turar joy va sizdan hech qanday toʻlov olinmaydi.
web-home-search-label = Qanday ish qidiryapsiz?
web-home-search-hint = Masalan: payvandchi, Moskva
web-home-search-button = Qidirish

web-role-migrant = Ishchi
web-role-employer = Ish beruvchi
web-role-agency = Kadrlar agentligi
web-role-centre = Joʻnab ketishga tayyorlov markazi
web-role-ministry = Vazirlik
web-role-admin = Administrator
web-role-migrant-intro = Ish qidiring, boʻsh ish oʻrinlariga ariza bering va shartnomangizni oʻz tilingizda oʻqing.
web-role-employer-intro = Bu yerda boʻsh ish oʻrinlarini eʼlon qilasiz va ishga olish jarayonini kuzatasiz.
web-role-agency-intro = Bu yerda nomzodlar nomidan ish yuritasiz va ularning ishga joylashishini kuzatasiz.
web-role-centre-intro = Bu yerda mashgʻulotlar oʻtkazasiz va joʻnab ketishga tayyorlikni tekshirasiz.
web-role-ministry-intro = Bu yerda litsenziyalar, ishga joylashtirishlar, kvotalar va shikoyatlarni koʻrib chiqasiz.
web-role-admin-intro = Bu yerda tashkilotlar va hisoblarni boshqarasiz.
