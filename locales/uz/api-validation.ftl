# Messages about one input field (src/error.rs, `FieldError`): `validation-<code>`.
# Numbers ($min, $max, $days) come as Fluent numbers: select on them with the language's
# CLDR plural categories. A $min or $max that is a date comes as text.
# Uzbek: CLDR plural categories one and other. A noun after a number keeps its form, so
# both variants read the same; they are there so they can differ where the grammar needs it.

validation-below_filled =
    Tasdiqlangan arizalar allaqachon { $min ->
        [one] { $min } oʻrinni
       *[other] { $min } oʻrinni
    } egallagan; bundan kam boʻlishi mumkin emas.
validation-below_minimum_wage = Ish haqi eng kam ish haqidan kam boʻlmasligi kerak — oyiga { $min } rubl ({ $source }).
validation-common_password = Bu parol juda keng tarqalgan. Topish qiyinroq boʻlgan parol tanlang.
validation-date_in_past = Sana oʻtgan vaqtda boʻlmasligi kerak.
validation-date_order = Tugash sanasi boshlanish sanasidan keyin boʻlishi kerak.
validation-date_too_early = Sana { $min } dan oldin boʻlmasligi kerak.
validation-date_too_late = Sana { $max } dan keyin boʻlmasligi kerak.
validation-duplicate = Bu qiymat ikki marta koʻrsatilgan.
validation-forbidden_character = Bu yerda ishlatib boʻlmaydigan belgi bor ({ $char }): boshqaruv, koʻrinmas va matn yoʻnalishini oʻzgartiruvchi belgilarga ruxsat berilmaydi.
validation-hours_reason_required =
    Haftasiga { $max ->
        [one] { $max } soatdan
       *[other] { $max } soatdan
    } koʻp: shartnomada sababi yozilishi kerak.
validation-invalid_cefr = Daraja A1, A2, B1, B2, C1 yoki C2 boʻlishi kerak.
validation-invalid_country = Mamlakat kodi nomaʼlum (ISO 3166-1 alpha-2 kodi kutiladi, masalan, KG).
validation-invalid_email = Elektron pochta manzili notoʻgʻri.
validation-invalid_inn = INN notoʻgʻri: raqamlar sonini va nazorat raqamini tekshiring.
validation-invalid_language = Til kodi nomaʼlum (ISO 639-1 kodi kutiladi).
validation-invalid_occupation = Kasb kodi nomaʼlum (ISCO-08 kodi kutiladi).
validation-invalid_ogrn = OGRN notoʻgʻri: raqamlar sonini va nazorat raqamini tekshiring.
validation-invalid_phone = Telefon raqami notoʻgʻri. Raqamni «+» belgisi bilan boshlanadigan xalqaro formatda kiriting.
validation-invalid_region = Hudud kodi nomaʼlum.
validation-invalid_role = Nomaʼlum rol.
validation-no_agency = Bu ishga joylashuvda sharh yoziladigan agentlik boʻlmagan.
validation-not_later = Yangi sana { $min } dan keyin boʻlishi kerak.
validation-out_of_range = Qiymat { $min } va { $max } oraligʻida boʻlishi kerak.
validation-outside_vacancy_range = Ish haqi vakansiya oraligʻida boʻlishi kerak: oyiga { $min }–{ $max } rubl.
validation-passport_expired = Pasportning amal qilish muddati tugagan.
validation-required = Bu maydonni toʻldirish majburiy.
validation-salary_range = Eng kam ish haqi eng yuqori ish haqidan oshmasligi kerak.
validation-start_after_closing =
    Ish vakansiya yopilganidan keyin { $days ->
        [one] { $days } kun
       *[other] { $days } kun
    } ichida, yaʼni { $max } dan kechiktirmay boshlanishi kerak.
validation-too_long =
    Koʻpi bilan { $max ->
        [one] { $max } ta belgidan
       *[other] { $max } ta belgidan
    } iborat boʻlishi kerak.
validation-too_many =
    Koʻpi bilan { $max ->
        [one] { $max } ta element
       *[other] { $max } ta element
    } boʻlishi mumkin.
validation-too_short =
    Kamida { $min ->
        [one] { $min } ta belgidan
       *[other] { $min } ta belgidan
    } iborat boʻlishi kerak.
validation-unknown_value = Quyidagilardan biri boʻlishi kerak: { $allowed }.
validation-worker_fee_forbidden = Ishchi hech narsa toʻlamaydi: summa 0 boʻlishi kerak. Yollash xarajatlarini ish beruvchi toʻlaydi.
