# Messages about one input field (src/error.rs, `FieldError`): `validation-<code>`.
# Numbers ($min, $max, $days) come as Fluent numbers: select on them with the language's
# CLDR plural categories. A $min or $max that is a date comes as text.

validation-below_filled =
    Одобренные заявки уже занимают { $min ->
        [one] { $min } место
        [few] { $min } места
        [many] { $min } мест
       *[other] { $min } места
    }; меньше быть не может.
validation-below_minimum_wage = Зарплата должна быть не ниже минимального размера оплаты труда — { $min } руб. в месяц ({ $source }).
validation-common_password = Этот пароль слишком распространён. Выберите менее предсказуемый.
validation-date_in_past = Дата не может быть в прошлом.
validation-date_order = Дата окончания должна быть позже даты начала.
validation-date_too_early = Дата должна быть не раньше { $min }.
validation-date_too_late = Дата должна быть не позже { $max }.
validation-duplicate = Это значение указано дважды.
validation-forbidden_character = Содержит недопустимый символ ({ $char }): управляющие и невидимые символы, а также символы направления текста использовать нельзя.
validation-hours_reason_required =
    Больше { $max ->
        [one] { $max } часа
        [few] { $max } часов
        [many] { $max } часов
       *[other] { $max } часа
    } в неделю: в договоре нужно указать причину.
validation-invalid_cefr = Уровень должен быть одним из: A1, A2, B1, B2, C1, C2.
validation-invalid_country = Неизвестный код страны (ожидается код ISO 3166-1 alpha-2, например KG).
validation-invalid_email = Некорректный адрес электронной почты.
validation-invalid_inn = Некорректный ИНН: проверьте количество цифр и контрольную цифру.
validation-invalid_language = Неизвестный код языка (ожидается код ISO 639-1).
validation-invalid_occupation = Неизвестный код профессии (ожидается код ISCO-08).
validation-invalid_ogrn = Некорректный ОГРН: проверьте количество цифр и контрольную цифру.
validation-invalid_phone = Некорректный номер телефона. Укажите его в международном формате, начиная с «+».
validation-invalid_region = Неизвестный код региона.
validation-invalid_role = Неизвестная роль.
validation-no_agency = В этом трудоустройстве не было агентства, о котором можно оставить отзыв.
validation-not_later = Новая дата должна быть позже { $min }.
validation-out_of_range = Значение должно быть от { $min } до { $max }.
validation-outside_vacancy_range = Зарплата должна быть в пределах вилки вакансии: { $min }–{ $max } руб. в месяц.
validation-passport_expired = Срок действия паспорта истёк.
validation-required = Обязательное поле.
validation-salary_range = Минимальная зарплата не может превышать максимальную.
validation-start_after_closing =
    Работа должна начаться не позднее чем через { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    } после закрытия вакансии, то есть не позже { $max }.
validation-too_long =
    { $max ->
        [one] Максимальная длина — { $max } символ
        [few] Максимальная длина — { $max } символа
        [many] Максимальная длина — { $max } символов
       *[other] Максимальная длина — { $max } символа
    }.
validation-too_many =
    { $max ->
        [one] Допускается максимум { $max } элемент
        [few] Допускается максимум { $max } элемента
        [many] Допускается максимум { $max } элементов
       *[other] Допускается максимум { $max } элемента
    }.
validation-too_short =
    { $min ->
        [one] Минимальная длина — { $min } символ
        [few] Минимальная длина — { $min } символа
        [many] Минимальная длина — { $min } символов
       *[other] Минимальная длина — { $min } символа
    }.
validation-unknown_value = Значение должно быть одним из: { $allowed }.
validation-worker_fee_forbidden = Работник ничего не платит: сумма должна быть 0. Расходы на наём несёт работодатель.
