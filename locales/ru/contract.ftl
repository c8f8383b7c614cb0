# Письменный трудовой договор (src/render/contract.rs). Читает работник.

contract-title = Трудовой договор
contract-number = Договор № { $id }, версия { $version }
contract-draft = Черновик — договор не действует, пока его не подпишут обе стороны
contract-superseded = Эта версия заменена новой версией договора. Она больше не действует.

section-parties = Стороны
label-employer = Работодатель
label-inn = ИНН
label-agency = Агентство по найму
label-licence = Номер лицензии
label-worker = Работник
label-citizenship = Гражданство

section-job = Работа
label-vacancy = Вакансия
label-occupation = Профессия
label-workplace = Место работы

section-pay = Зарплата и рабочее время
label-salary = Зарплата
salary-value = { $amount } ₽ в месяц
label-minimum-wage = Минимальная зарплата в регионе
minimum-wage-value = { $amount } ₽ в месяц ({ $source })
label-hours = Рабочее время
hours-value =
    { $hours ->
        [one] { $hours } час
        [few] { $hours } часа
       *[many] { $hours } часов
    } в неделю
label-hours-reason = Почему больше 40 часов

section-term = Срок
label-start = Первый рабочий день
label-duration = Срок договора
duration-value =
    { $months ->
        [one] { $months } месяц
        [few] { $months } месяца
       *[many] { $months } месяцев
    }

section-conditions = Условия жизни и работы
label-housing = Жильё
label-meals = Питание
label-transport = Дорога на работу
provided = Предоставляется: { $details }
not-provided = Не предоставляется
label-leave = Оплачиваемый отпуск
leave-value =
    { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    } в год

section-costs = Расходы, которые оплачивает работодатель
label-travel = Проезд до места работы
label-medical = Медосмотр и медицинская страховка
label-permit = Разрешение на работу (патент)
yes = Да
no = Нет

fee-title = Плата за трудоустройство
fee-value = Вы платите: { $amount } ₽ — всё оплачивает работодатель (Конвенция МОТ № 181, статья 7).
fee-warning = Никто не вправе брать с вас деньги за эту работу. Если просят заплатить — это мошенничество.

section-signatures = Подписи
employer-signed = Подписано работодателем { $date } в { $time } (UTC)
worker-signed = Подписано работником { $date } в { $time } (UTC)
not-signed = Ещё не подписано

section-verify = Настоящий ли это договор?
verify-code = Код проверки: { $code }
verify-hint = Отсканируйте QR-код или откройте этот адрес, чтобы проверить договор:

page-footer = Договор { $id } · версия { $version } · стр. { $page } из { $pages }

date =
    { $day } { $month ->
        [1] января
        [2] февраля
        [3] марта
        [4] апреля
        [5] мая
        [6] июня
        [7] июля
        [8] августа
        [9] сентября
        [10] октября
        [11] ноября
       *[12] декабря
    } { $year } г.
number-group-separator = { "\u00A0" }
