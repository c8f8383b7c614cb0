# Yozma mehnat shartnomasi (src/render/contract.rs). Xodim oʻqiydi. Lotin yozuvi.

contract-title = Mehnat shartnomasi
contract-number = Shartnoma № { $id }, { $version }-versiya
contract-draft = Qoralama — ikki tomon imzolamaguncha shartnoma kuchga kirmaydi
contract-superseded = Bu versiya yangi versiya bilan almashtirilgan. U endi amal qilmaydi.

section-parties = Tomonlar
label-employer = Ish beruvchi
label-inn = INN (soliq toʻlovchi raqami)
label-agency = Ishga joylashtirish agentligi
label-licence = Litsenziya raqami
label-worker = Xodim
label-citizenship = Fuqaroligi

section-job = Ish
label-vacancy = Vakansiya
label-occupation = Kasbi
label-workplace = Ish joyi

section-pay = Ish haqi va ish vaqti
label-salary = Ish haqi
salary-value = oyiga { $amount } ₽
label-minimum-wage = Bu hududdagi eng kam ish haqi
minimum-wage-value = oyiga { $amount } ₽ ({ $source })
label-hours = Ish vaqti
hours-value = haftasiga { $hours } soat
label-hours-reason = Nega 40 soatdan koʻp

section-term = Muddat
label-start = Birinchi ish kuni
label-duration = Shartnoma muddati
duration-value = { $months } oy

section-conditions = Yashash va ishlash sharoitlari
label-housing = Turar joy
label-meals = Ovqat
label-transport = Ishga borib-kelish
provided = Beriladi: { $details }
not-provided = Berilmaydi
label-leave = Haq toʻlanadigan taʼtil
leave-value = yiliga { $days } kun

section-costs = Ish beruvchi toʻlaydigan xarajatlar
label-travel = Ish joyigacha yoʻl
label-medical = Tibbiy koʻrik va sugʻurta
label-permit = Ishlash uchun ruxsatnoma (patent)
yes = Ha
no = Yoʻq

fee-title = Ishga joylashtirish uchun haq
fee-value = Siz toʻlaysiz: { $amount } ₽ — hammasini ish beruvchi toʻlaydi (XMTning 181-konvensiyasi, 7-modda).
fee-warning = Bu ish uchun hech kim sizdan pul ololmaydi. Pul soʻrashsa, bu firibgarlik.

section-signatures = Imzolar
employer-signed = Ish beruvchi { $date } kuni soat { $time } (UTC) da imzolagan
worker-signed = Xodim { $date } kuni soat { $time } (UTC) da imzolagan
not-signed = Hali imzolanmagan

section-verify = Bu shartnoma haqiqiymi?
verify-code = Tekshirish kodi: { $code }
verify-hint = Shartnomani tekshirish uchun QR-kodni skanerlang yoki bu manzilni oching:

page-footer = Shartnoma { $id } · { $version }-versiya · { $page }/{ $pages }-bet

date =
    { $year }-yil { $day }-{ $month ->
        [1] yanvar
        [2] fevral
        [3] mart
        [4] aprel
        [5] may
        [6] iyun
        [7] iyul
        [8] avgust
        [9] sentabr
        [10] oktabr
        [11] noyabr
       *[12] dekabr
    }
number-group-separator = { "\u00A0" }
