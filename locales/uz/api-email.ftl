# Emails (src/email/mod.rs): `email-<template>-subject` and `email-<template>-body`.
# A body keeps its line breaks and blank lines exactly; its last line, { "" }, keeps the
# final line break (Fluent drops trailing blank lines).
# Uzbek: CLDR plural categories one and other. A noun after a number keeps its form, so
# both variants read the same; they are there so they can differ where the grammar needs it.

email-complaint_forwarded-subject = Vazirlik sizga shikoyatni yubordi: { $category }
email-complaint_forwarded-body =
    Assalomu alaykum, { $name }!

    Vazirlik tashkilotingizga nisbatan shikoyatni yubordi ({ $category }).

    Vazirlikning bayoni:

    { $summary }

    Tafsilotlar va vazirlik qarori, u qabul qilinganda:

    { $link }

    Shikoyat tufayli ishchilarga har qanday bosim oʻtkazishning oʻzi qoidabuzarlikdir.

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-complaint_status-subject = Shikoyatingiz ({ $category }): { $state }
email-complaint_status-body =
    Assalomu alaykum, { $name }!

    Shikoyatingiz holati ({ $category }): { $state }.

    Qaror: { $outcome }

    Siz shikoyat qilgan tomon kim shikoyat qilganini bilmaydi, agar vazirlik qaror buni talab qiladi deb hisoblamasa.

    Shikoyatingiz boʻyicha barcha qadamlar shu yerda:

    { $link }

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-contract_offered-subject = «{ $vacancy }» vakansiyasi boʻyicha shartnomangiz tayyor
email-contract_offered-body =
    Assalomu alaykum, { $name }!

    Ish beruvchi «{ $vacancy }» vakansiyasi boʻyicha mehnat shartnomangizning { $version }-versiyasini tuzdi va imzoladi.
    Tasdiqlashdan oldin uni oʻz tilingizda oʻqing:

    { $link }

    Ish haqi, ish soatlari, turar joy va boshlanish sanasini tekshiring. Siz hech narsa toʻlamaysiz:
    yollash xarajatlarini ish beruvchi toʻlaydi. Tushunarsiz narsa boʻlsa, tasdiqlashdan oldin soʻrang.

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-followup_due-subject = Orgnabor: «{ $vacancy }» boʻyicha ishingiz qanday?
email-followup_due-body =
    Assalomu alaykum, { $name }!

    «{ $vacancy }» boʻyicha ishingiz haqidagi savollarga javob berish vaqti keldi (muddati — { $due }).
    Beshta qisqa savol: ish haqi oʻz vaqtida va toʻliq toʻlanadimi, ish soatlari va turar joy
    shartnomadagidekmi, pasportingiz oʻz qoʻlingizdami?

    { $link }

    Ish beruvchi javoblaringizni koʻrmaydi. Biror narsa notoʻgʻri boʻlsa, yozing: vazirlik choralar koʻradi.

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-invite-subject = Sizni Orgnaborda { $organisation } tashkilotiga taklif qilishdi
email-invite-body =
    Assalomu alaykum, { $name }!

    Orgnaborda siz uchun { $organisation } tashkiloti xodimi sifatida hisob ochildi. Parol oʻrnatib, tizimga kirish uchun ushbu havolani oching:

    { $link }

    Havola { $hours ->
        [one] { $hours } soat
       *[other] { $hours } soat
    } amal qiladi va faqat bir marta ishlaydi. Agar bu taklifni kutmagan boʻlsangiz, ushbu xatga eʼtibor bermang.

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-licence_active-subject = Ishga joylashtirish agentligingiz litsenziyasi amalda
email-licence_active-body =
    Assalomu alaykum!

    Orgnaborda sizni vakil qilib turgan { $agency } agentligining { $number } litsenziyasi { $valid_to } gacha amalda, hududlar: { $regions }. U sizning nomingizdan ish yurita oladi.

    Esda tuting: ishga joylashish uchun hech kimga pul toʻlamaysiz.

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-licence_changed-subject = Muhim: agentligingiz hozircha sizning nomingizdan ish yurita olmaydi
email-licence_changed-body =
    Assalomu alaykum!

    Orgnaborda sizning manfaatlaringizni ifodalovchi { $agency } agentligining litsenziyasi «{ $status }» holatini oldi. Litsenziya qayta amalga kirmaguncha agentlik sizning nomingizdan ish yurita olmaydi: sizni ish beruvchilarga taklif qila olmaydi va arizalaringizni olib bora olmaydi.

    Profilingiz va arizalaringiz saqlanadi. Ish qidirishni mustaqil davom ettirishingiz mumkin. Yordam kerak boʻlsa, jumladan boshqa litsenziyali agentlikni tanlash uchun, joʻnab ketish oldidan tayyorlov markaziga yoki vazirlikning ishonch telefoniga murojaat qiling.

    Yodda tuting: ishga joylashish uchun hech kimga pul toʻlashingiz shart emas.

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-licence_staff-subject = { $agency } agentligining { $number } litsenziyasi: { $action }
email-licence_staff-body =
    Assalomu alaykum!

    { $agency } agentligining { $number } litsenziyasi: { $action }. Uning holati endi «{ $status }»; { $valid_from } dan { $valid_to } gacha amal qiladi, hududlar: { $regions }.

    Asos: { $reason }

    Litsenziya amalda boʻlmagan paytda agentlik Orgnaborda nomzodlar nomidan ish yurita olmaydi.

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-passport_review_resolved-subject = Roʻyxatdan oʻtkazish { $reference }: vazirlik qarori
email-passport_review_resolved-body =
    Assalomu alaykum, { $name }!

    Siz yuborgan { $reference } roʻyxatida tizimda allaqachon mavjud pasport raqami koʻrsatilgan, shuning uchun uni vazirlik tekshirdi.

    Qaror: { $outcome }

    Vazirlik izohi:
    { $note }

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-placement_changed-subject = «{ $vacancy }» boʻyicha ariza: { $state }
email-placement_changed-body =
    Assalomu alaykum, { $name }!

    «{ $vacancy }» vakansiyasi boʻyicha ariza «{ $from }» holatidan «{ $state }» holatiga oʻtdi.

    Sababi: { $reason }

    Ishning barcha qadamlari shu yerda:

    { $link }

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-placement_new-subject = Orgnaborda yangilik: { $origin } — «{ $vacancy }»
email-placement_new-body =
    Assalomu alaykum, { $name }!

    Orgnaborda «{ $vacancy }» vakansiyasi boʻyicha yangi ariza paydo boʻldi: { $origin }.

    Uni va nomzod vakansiyaga nima uchun mos kelishini shu yerda koʻrishingiz mumkin:

    { $link }

    Yodda tuting: ishchi ishga joylashish uchun hech qachon pul toʻlamaydi. Tanlov xarajatlarini ish beruvchi toʻlaydi.

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-readiness_expired-subject = «{ $vacancy }» boʻyicha joʻnashdan oldin: tayyorgarlik bandi endi amal qilmaydi
email-readiness_expired-body =
    Assalomu alaykum, { $name }!

    «{ $vacancy }» vakansiyasi boʻyicha { $date } kuni joʻnash uchun tayyorgarlik roʻyxatining quyidagi bandlari endi amal qilmaydi:

    { $items }

    Ularni joʻnashdan oldingi tayyorgarlik markazida yangilang: shungacha joʻnashga ruxsat berilmaydi. Ishning barcha bosqichlari shu yerda:

    { $link }

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-readiness_missing-subject = Tasdiqlandi: «{ $vacancy }» boʻyicha joʻnashdan oldin yana kerak
email-readiness_missing-body =
    Assalomu alaykum, { $name }!

    «{ $vacancy }» vakansiyasi boʻyicha ariza tasdiqlandi. { $date } gacha joʻnash uchun tayyorgarlik roʻyxatining quyidagi bandlari hali yoʻq yoki amal qilmaydi:

    { $items }

    Joʻnashdan oldingi tayyorgarlik markazi ularning har birini siz bilan birga tekshiradi. Ishning barcha bosqichlari shu yerda:

    { $link }

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-register_taken-subject = Kimdir sizning manzilingiz bilan roʻyxatdan oʻtmoqchi boʻldi — Orgnabor
email-register_taken-body =
    Assalomu alaykum, { $name }!

    Kimdir ushbu elektron pochta manzili bilan Orgnaborda yangi hisob ochmoqchi boʻldi. Sizda allaqachon hisob bor, shuning uchun hech narsa oʻzgarmadi.

    Agar bu siz boʻlsangiz, shunchaki tizimga kiring; parolni unutgan boʻlsangiz, kirish sahifasidagi «Parolni unutdingizmi?» havolasidan foydalaning. Agar bu siz boʻlmasangiz, ushbu xatga eʼtibor bermang.

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-reset-subject = Parolni tiklash — Orgnabor
email-reset-body =
    Assalomu alaykum, { $name }!

    Orgnabordagi hisobingiz parolini tiklash boʻyicha soʻrov oldik. Yangi parol oʻrnatish uchun quyidagi havolani oching:

    { $link }

    Havola { $minutes ->
        [one] { $minutes } daqiqa
       *[other] { $minutes } daqiqa
    } davomida amal qiladi. Agar parolni tiklashni siz soʻramagan boʻlsangiz, bu xatga eʼtibor bermang — parolingiz oʻzgarmaydi.

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }

email-verify-subject = Elektron pochta manzilingizni tasdiqlang — Orgnabor
email-verify-body =
    Assalomu alaykum, { $name }!

    Siz Orgnaborda — Rossiyaga ishchilarni uyushgan tarzda yollash birjasida roʻyxatdan oʻtdingiz. Elektron pochta manzilingizni tasdiqlash uchun quyidagi havolani oching:

    { $link }

    Havola { $hours ->
        [one] { $hours } soat
       *[other] { $hours } soat
    } davomida amal qiladi. Agar siz roʻyxatdan oʻtmagan boʻlsangiz, bu xatga eʼtibor bermang.

    Yodda tuting: Orgnabor va u orqali ishlaydigan litsenziyali agentliklar ishchilardan hech qachon haq olmaydi. Xalqaro mehnat tashkilotining (XMT) 181-sonli Konvensiyasiga koʻra, ishga yollash xarajatlarini ish beruvchi toʻlaydi. Agar kimdir sizdan ish uchun pul soʻrasa, toʻlamang va bizga xabar bering.

    Hurmat bilan,
    Orgnabor jamoasi
    { "" }
