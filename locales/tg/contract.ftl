# Шартномаи хаттии меҳнатӣ (src/render/contract.rs). Коргар мехонад.

contract-title = Шартномаи меҳнатӣ
contract-number = Шартномаи № { $id }, версияи { $version }
contract-draft = Лоиҳа — то имзои ҳарду тараф шартнома эътибор надорад
contract-superseded = Ин версия бо версияи нав иваз карда шудааст. Он дигар эътибор надорад.

section-parties = Тарафҳо
label-employer = Корфармо
label-inn = ИНН (рақами андозсупоранда)
label-agency = Агентии бакоргуморӣ
label-licence = Рақами иҷозатнома
label-worker = Коргар
label-citizenship = Шаҳрвандӣ

section-job = Кор
label-vacancy = Ҷойи холии корӣ
label-occupation = Касб
label-workplace = Ҷойи кор

section-pay = Музди меҳнат ва вақти корӣ
label-salary = Музди меҳнат
salary-value = { $amount } ₽ дар як моҳ
label-minimum-wage = Ҳадди ақали музди меҳнат дар ин минтақа
minimum-wage-value = { $amount } ₽ дар як моҳ ({ $source })
label-hours = Вақти корӣ
hours-value = { $hours } соат дар як ҳафта
label-hours-reason = Чаро зиёда аз 40 соат

section-term = Мӯҳлат
label-start = Рӯзи аввали кор
label-duration = Мӯҳлати шартнома
duration-value = { $months } моҳ

section-conditions = Шароити зиндагӣ ва кор
label-housing = Манзил
label-meals = Хӯрок
label-transport = Рафтуомад ба кор
provided = Дода мешавад: { $details }
not-provided = Дода намешавад
label-leave = Рухсатии пулакӣ
leave-value = { $days } рӯз дар як сол

section-costs = Хароҷоте, ки корфармо мепардозад
label-travel = Роҳ то ҷойи кор
label-medical = Муоинаи тиббӣ ва суғурта
label-permit = Иҷозатнома барои кор (патент)
yes = Ҳа
no = Не

fee-title = Пардохт барои бакоргуморӣ
fee-value = Шумо мепардозед: { $amount } ₽ — ҳамаашро корфармо мепардозад (Конвенсияи № 181 СБМ, моддаи 7).
fee-warning = Барои ин кор ҳеҷ кас аз шумо пул гирифта наметавонад. Агар пул талаб кунанд, ин қаллобӣ аст.

section-signatures = Имзоҳо
employer-signed = Корфармо { $date } соати { $time } (UTC) имзо кардааст
worker-signed = Коргар { $date } соати { $time } (UTC) имзо кардааст
not-signed = Ҳанӯз имзо нашудааст

section-verify = Ин шартнома ҳақиқист?
verify-code = Рамзи санҷиш: { $code }
verify-hint = Барои санҷидани шартнома QR-кодро скан кунед ё ин суроғаро кушоед:

page-footer = Шартнома { $id } · версияи { $version } · саҳифаи { $page } аз { $pages }

date =
    { $day } { $month ->
        [1] январи
        [2] феврали
        [3] марти
        [4] апрели
        [5] майи
        [6] июни
        [7] июли
        [8] августи
        [9] сентябри
        [10] октябри
        [11] ноябри
       *[12] декабри
    } { $year }
number-group-separator = { "\u00A0" }
