# Ochiq sahifalar: qidiruv, boʻsh ish oʻrni sahifasi, tekshirish, huquqlar, kvota raqamlari.

web-home-promises-heading = Orgnabor nimani vaʼda qiladi
web-home-promise-fee = Siz ish uchun hech qachon pul toʻlamaysiz: ishga yollash xarajatlarini ish beruvchi toʻlaydi.
web-home-promise-contract = Yoʻlga chiqishdan oldin yozma shartnomani oʻz tilingizda oʻqiysiz va imzolaysiz.
web-home-promise-check = Har bir ish beruvchi, agentlik va shartnomaning kodi bor. Uni shu yerda tekshirishingiz mumkin.

web-search-title = Boʻsh ish oʻrinlari
web-search-region = Rossiyadagi hudud
web-search-region-any = Istalgan hudud
web-search-salary = Rozi boʻladigan eng kam ish haqingiz, oyiga rublda
web-search-salary-hint = Faqat raqamlar, masalan 60000
web-search-housing = Faqat turar joy beriladigan ishlar
web-search-total = { $count ->
        [one] { $count } ta ish topildi
       *[other] { $count } ta ish topildi
    }
web-search-understood = Shu kasb boʻyicha qidirildi: { $occupation }
web-search-nothing = Mos ish topilmadi. Kamroq soʻz yozing, boshqacha yozib koʻring yoki istalgan hududni tanlang.
web-search-starts = Boshlanishi: { $date }
web-search-with-housing = turar joy beriladi
web-search-pages = Natijalar sahifalari
web-search-previous = Oldingi sahifa
web-search-next = Keyingi sahifa
web-search-page-of = { $pages } sahifadan { $page }-sahifa
web-search-by-region = Hududlar boʻyicha ishlar
web-search-too-deep = Boshqa sahifa yoʻq. Buning oʻrniga qidiruvni aniqroq qiling.
web-salary-per-month = oyiga { $amount } ₽
web-error-salary_min-invalid_number = Ish haqini raqamlar bilan yozing, masalan 60000
web-error-salary_min-out_of_range = { $max } rublgacha boʻlgan ish haqini yozing
web-error-invalid_region = Roʻyxatdan hududni tanlang
web-error-q-too_long = Koʻpi bilan { $max } ta belgi kiriting

web-vacancy-title = Boʻsh ish oʻrni
web-vacancy-by = Ish beruvchi: { $employer }
web-vacancy-fee-notice = Ishchi toʻlaydigan haq: 0 ₽. Bu ish uchun hech kim sizdan pul soʻrashga haqli emas.
web-vacancy-restricted = Vazirlik bu ish beruvchini cheklab qoʻygan: hozir yangi ishga joylashtirishlar maʼqullanmaydi.
web-vacancy-employer = Ish beruvchi
web-vacancy-place = Ish joyi
web-vacancy-salary = Ish haqi
web-vacancy-fee = Ishchi toʻlaydigan haq
web-vacancy-fee-value = 0 ₽ (bepul)
web-vacancy-hours = Ish vaqti
web-vacancy-hours-value = { $hours ->
        [one] haftasiga { $hours } soat
       *[other] haftasiga { $hours } soat
    }
web-vacancy-contract = Shartnoma muddati
web-vacancy-months = { $months ->
        [one] { $months } oy
       *[other] { $months } oy
    }
web-vacancy-start = Boshlanish sanasi
web-vacancy-housing = Turar joy
web-vacancy-meals = Ovqat
web-vacancy-transport = Ishga borib-kelish
web-vacancy-russian = Rus tilini bilish
web-vacancy-russian-none = Talab qilinmaydi
web-vacancy-positions = Qolgan oʻrinlar
web-vacancy-open-until = Qachongacha ochiq
web-vacancy-about = Ish haqida
web-vacancy-record = Ish beruvchining Orgnabordagi tarixi
web-vacancy-record-hint = Orgnabor orqali ishga joylashtirishlar boʻyicha hisoblanadi. Ishchilarning baholari besh nafar ishchi baho berganidan keyin koʻrinadi.
web-record-placements = Ishga joylashtirilgan ishchilar
web-record-completed = Oxirigacha bajarilgan shartnomalar
web-record-complaints-upheld = Asosli deb topilgan shikoyatlar
web-record-truth = «Taklif rost edi»
web-record-treatment = «Menga qanday munosabatda boʻlishdi»
web-vacancy-code-heading = Bu boʻsh ish oʻrnini tekshiring
web-vacancy-code-hint = Agar kimdir bu ishni sizga messenjerda yuborsa, uning kodini shu yerda tekshiring:
web-vacancy-apply-heading = Qanday ariza berish mumkin
web-vacancy-apply-hint = Ariza berish uchun hisob yarating yoki tizimga kiring. Bu bepul.
web-vacancy-apply-signed-in = Shaxsiy kabinetingizdan ariza bering: ish beruvchi profilingizni faqat siz ariza berganingizdan keyin koʻradi.
web-vacancy-register = Hisob yaratish
web-vacancy-sign-in = Ariza berish uchun kiring
web-vacancy-never-pay = Bu ishni olish uchun hech kimga pul toʻlamang va pasportingizni hech kimga bermang.
web-yes = Ha
web-no = Yoʻq

web-check-title = Ish yoki agentlikni tekshirish
web-check-lead = Firibgarlik koʻpincha messenjerdagi soxta taklif yoki soxta agentlikdan boshlanadi. Pul toʻlashdan yoki hujjatlaringizni berishdan oldin shu yerda tekshiring.
web-check-label = Kod, litsenziya raqami yoki agentlik nomi
web-check-hint = Kod shartnomada yozilgan boʻladi yoki boʻsh ish oʻrni va agentlik yonida koʻrsatiladi, masalan V-7K2M-9QXP
web-check-button = Tekshirish
web-check-too-long = Koʻpi bilan 100 ta belgi kiriting
web-check-real-valid = Haqiqiy va amalda
web-check-real-not-valid = Haqiqiy, lekin hozir amalda emas
web-check-is-vacancy = Bu Orgnaborda eʼlon qilingan boʻsh ish oʻrni.
web-check-is-agency = Bu Orgnaborda roʻyxatdan oʻtgan kadrlar agentligi.
web-check-is-contract = Bu Orgnabor orqali tuzilgan shartnoma.
web-check-code = Kod
web-check-vacancy = Ish
web-check-agency = Agentlik
web-check-licence = Litsenziya
web-check-issuer = Kim bergan
web-check-valid-dates = Amal qilish muddati
web-check-valid-to = { $date } gacha amal qiladi
web-check-contract-version = Shartnoma versiyasi
web-check-status = Hozir
web-check-valid-now = Bugun amalda
web-check-open-vacancy = Boʻsh ish oʻrnini ochish
web-check-agencies-found = Topilgan agentliklar
web-check-unknown-heading = Topilmadi: bu soxta boʻlishi mumkin
web-check-unknown-body = Orgnabor bunday kod, litsenziya yoki agentlikni bilmaydi. Pul toʻlamang va pasportingizni bermang. Yuborgan odamdan kodni soʻrang va qayta tekshiring yoki bu haqda joʻnab ketishga tayyorlov markaziga xabar bering.
web-check-reason-vacancy_paused = Ish beruvchi bu boʻsh ish oʻrnini vaqtincha toʻxtatgan.
web-check-reason-vacancy_closed = Bu boʻsh ish oʻrni yopilgan.
web-check-reason-vacancy_filled = Bu ishdagi barcha oʻrinlar band boʻlgan.
web-check-reason-vacancy_expired = Bu boʻsh ish oʻrnining muddati tugagan.
web-check-reason-vacancy_not_published = Bu boʻsh ish oʻrni eʼlon qilinmagan.
web-check-reason-licence_suspended = Agentlik litsenziyasi toʻxtatilgan: hozir u ishchilarni yollay olmaydi.
web-check-reason-licence_revoked = Agentlik litsenziyasi bekor qilingan: u ishchilarni yollay olmaydi.
web-check-reason-licence_expired = Agentlik litsenziyasining muddati tugagan.
web-check-reason-licence_not_yet_valid = Agentlik litsenziyasi hali kuchga kirmagan.
web-check-reason-contract_not_signed = Bu shartnomani hali ikkala tomon ham imzolamagan.
web-check-reason-contract_superseded = Bu shartnomaning yangiroq versiyasi bor: faqat oxirgisi hisobga olinadi.
web-check-reason-contract_ended = Bu shartnoma tugagan.
web-check-reason-contract_under_review = Bu shartnoma imzolangan va vazirlik koʻrib chiqishini kutmoqda.
web-check-reason-contract_rejected = Bu shartnoma boʻyicha ishga joylashtirish rad etilgan.
web-check-reason-contract_withdrawn = Bu shartnoma boʻyicha ishga joylashtirish qaytarib olingan.
web-check-reason-contract_terminated = Bu shartnoma muddatidan oldin bekor qilingan.
web-licence-status-active = Litsenziya amalda
web-licence-status-suspended = Litsenziya toʻxtatilgan
web-licence-status-revoked = Litsenziya bekor qilingan
web-licence-status-expired = Litsenziya muddati tugagan

web-rights-title = Sizning huquqlaringiz
web-rights-lead = Bu huquqlar Orgnabor orqali ishga yollangan har bir ishchiga tegishli. Bu sahifani saqlab qoʻying: uni bir marta ochganingizdan keyin u internetsiz ham ochiladi.
web-rights-no-fee-heading = Siz ish uchun hech qachon pul toʻlamaysiz
web-rights-no-fee-body = Hech bir ish beruvchi, agentlik yoki markaz sizdan ish topib bergani, shartnoma yoki yoʻlni tashkil qilgani uchun haq olishga haqli emas (Xalqaro mehnat tashkilotining (XMT) 181-sonli Konvensiyasi, 7-modda). Agar kimdir pul soʻrasa, bermang va bu haqda xabar bering.
web-rights-contract-first-heading = Yoʻlga chiqishdan oldin yozma shartnoma
web-rights-contract-first-body = Uydan chiqishdan oldin siz yozma shartnomani oʻqiysiz va tasdiqlaysiz. Unda ish haqi, ish vaqti, turar joy va ish boshlanadigan sana yozilgan boʻladi. Sizga nima vaʼda qilingan boʻlsa, shartnomada ham shu yoziladi.
web-rights-own-language-heading = Oʻz tilingizda
web-rights-own-language-body = Shartnoma sizga qirgʻiz, oʻzbek, tojik, rus yoki ingliz tilida koʻrsatiladi va joʻnab ketishga tayyorlov markazida tushuntiriladi.
web-rights-passport-heading = Pasportingiz oʻzingizda qoladi
web-rights-passport-body = Hech kim pasportingizni ushlab qolishga haqli emas: na ish beruvchi, na agentlik, na uy egasi.
web-rights-minimum-wage-heading = Kamida eng kam ish haqi
web-rights-minimum-wage-body = Ish haqingiz siz ishlayotgan hududdagi eng kam ish haqidan past boʻlishi mumkin emas. U toʻliq va oʻz vaqtida toʻlanadi.
web-rights-hours-heading = Oddiy ish vaqti
web-rights-hours-body = Oddiy ish haftasi 40 soat. Qoʻshimcha ish alohida toʻlanadi va hech qachon qonun ruxsat berganidan oshmaydi.
web-rights-leave-heading = Haq toʻlanadigan taʼtil
web-rights-leave-body = Sizga yiliga kamida 28 kalendar kun haq toʻlanadigan taʼtil beriladi.
web-rights-housing-heading = Vaʼda qilingan turar joy
web-rights-housing-body = Agar shartnomada turar joy boʻlsa, u shartnomada yozilganidek boʻlishi kerak.
web-rights-complain-heading = Xavfsiz shikoyat qilishingiz mumkin
web-rights-complain-body = Istalgan vaqtda shaxsiy kabinetingizdan shikoyat qilishingiz mumkin. Ish beruvchiga kim shikoyat qilgani aytilmaydi. Shikoyat uchun ishchiga bosim oʻtkazishning oʻzi qonunbuzarlikdir.
web-rights-numbers-heading = Qoʻngʻiroq qilish uchun raqamlar
web-rights-number-ru-112 = Rossiyada favqulodda yordam
web-rights-number-ru-police = Rossiyada politsiya
web-rights-number-kg-112 = Qirgʻizistonda favqulodda yordam
web-rights-inspection = Rossiyada ish haqi toʻlanmasa yoki shartnoma buzilsa, bu haqda mehnat inspeksiyasiga (Rostrud) онлайнинспекция.рф sayti orqali ham xabar berishingiz mumkin.

web-quota-title = Chet ellik ishchilar uchun kvotalar
web-quota-lead = Bu yerda har bir hudud har bir kasb guruhi boʻyicha nechta chet ellik ishchini ishga olishi mumkinligi, ish beruvchilar qancha soʻragani, vazirlik qancha bergani va qanchasi ishlatilgani koʻrsatiladi. Hech kimni aniqlab boʻlmasligi uchun beshtadan kam odam haqidagi sonlar koʻrsatilmaydi.
web-quota-years = Yillar
web-quota-year-heading = { $year } yil uchun kvotalar
web-quota-none = Bu yil uchun hali kvota belgilanmagan.
web-quota-caption = Hududlar va kasb guruhlari boʻyicha kvota (ISCO-08)
web-quota-region = Hudud
web-quota-group = Kasb guruhi
web-quota-cap = Kvota
web-quota-requested = Soʻralgan
web-quota-allocated = Berilgan
web-quota-used = Ishlatilgan
web-quota-withheld = 5 tadan kam
web-quota-withheld-note = «5 tadan kam» degani birdan toʻrttagacha odam degani: aniq son koʻrsatilmaydi.
web-quota-download = Bu raqamlarni yuklab olish (CSV)

web-offline-title = Internet yoʻq
web-offline-body = Hozir aloqa yoʻq. Avval ochgan sahifalaringiz shu yerda saqlangan: koʻrgan ish oʻrinlaringiz, shartnomangiz va huquqlaringiz.
web-offline-saved = Internetsiz oʻqish mumkin boʻlgan sahifalar
web-offline-none = Internet bor paytda ish oʻrnini, shartnomangizni yoki huquqlar sahifasini ochsangiz, ular shu yerda saqlanadi.
web-offline-numbers = Yordam hozir kerak boʻlsa, qoʻngʻiroq qiling
web-manifest-description = Rossiyada yozma shartnoma bilan ish, ishchidan toʻlov olinmaydi. Agentlik yoki ish taklifini tekshiring.
