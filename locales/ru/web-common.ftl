# Страницы для браузера: макет, страницы ошибок, ошибки в формах, главная, названия ролей.

web-service-name = Оргнабор
web-skip-link = Перейти к основному содержанию
web-language-nav = Язык
web-account-nav = Ваш кабинет
web-account-link = Личный кабинет
web-sign-out = Выйти
web-footer-check = Проверить вакансию или агентство
web-footer-rights = Ваши права
web-footer-hotline = Не платят зарплату, забрали паспорт или требуют деньги? Звоните на горячую линию для работников: номера есть на странице «Ваши права».

web-error-prefix = Ошибка:
web-error-summary-title = Есть ошибки
web-error-home-link = Перейти на главную страницу
web-error-not-found-title = Страница не найдена
web-error-not-found-typed = Если вы набрали адрес вручную, проверьте, нет ли в нём ошибки.
web-error-not-found-pasted = Если вы вставили адрес, проверьте, что скопировали его целиком.
web-error-forbidden-title = Эта страница вам недоступна
web-error-forbidden-body = Эта страница для другого типа учётной записи.
web-error-csrf-title = Форму не удалось отправить
web-error-csrf-body = Ничего не изменено. Страница была открыта слишком долго или форма пришла с другого сайта. Вернитесь назад, обновите страницу и попробуйте ещё раз.
web-error-bad-request-title = Форму не удалось прочитать
web-error-bad-request-body = Ничего не изменено. Вернитесь назад, обновите страницу и попробуйте ещё раз.
web-error-rate-limited-title = Слишком много попыток
web-error-rate-limited-body = Ничего не изменено. Подождите 15 минут и попробуйте ещё раз.
web-error-internal-title = Извините, в работе сервиса произошёл сбой
web-error-internal-body = Попробуйте позже. Введённые данные не сохранены.

web-error-invalid = Проверьте, что здесь введено
web-error-required-field = Заполните поле «{ $field }»
web-error-invalid-field = Проверьте поле «{ $field }»
web-error-required = Заполните это поле
web-error-too_short = Введите не меньше { $min } { $min ->
        [one] символа
        [few] символов
        [many] символов
       *[other] символа
    }
web-error-too_long = Введите не больше { $max } { $max ->
        [one] символа
        [few] символов
        [many] символов
       *[other] символа
    }
web-error-invalid_email = Введите адрес электронной почты в правильном формате, например name@example.com
web-error-common_password = Этот пароль слишком легко угадать. Выберите другой, например из нескольких слов, которые вы запомните
web-error-forbidden_character = Уберите символ, который здесь нельзя использовать ({ $char })
web-error-unknown_value = Выберите одно из значений: { $allowed }
web-error-wrong_password = Текущий пароль введён неверно
web-error-same_password = Новый пароль должен отличаться от текущего
web-error-email-required = Введите адрес электронной почты
web-error-email-invalid_email = Введите адрес электронной почты в правильном формате, например name@example.com
web-error-password-required = Введите пароль
web-error-password-too_short = Пароль должен быть не короче { $min } { $min ->
        [one] символа
        [few] символов
        [many] символов
       *[other] символа
    }
web-error-new_password-too_short = Новый пароль должен быть не короче { $min } { $min ->
        [one] символа
        [few] символов
        [many] символов
       *[other] символа
    }
web-error-current_password-required = Введите текущий пароль
web-error-full_name-required = Введите фамилию и имя

web-home-title = Безопасный поиск работы в России
web-home-heading = Найдите легальную работу в России
web-home-lead = Вакансии проверенных работодателей: письменный договор, жильё и никаких платежей с вас.
web-home-search-label = Какую работу вы ищете?
web-home-search-hint = Например: сварщик, Москва
web-home-search-button = Найти

web-role-migrant = Работник
web-role-employer = Работодатель
web-role-agency = Кадровое агентство
web-role-centre = Центр предвыездной подготовки
web-role-ministry = Министерство
web-role-admin = Администратор
web-role-migrant-intro = Ищите работу, откликайтесь на вакансии и читайте свой договор на родном языке.
web-role-employer-intro = Здесь вы публикуете вакансии и следите за наймом.
web-role-agency-intro = Здесь вы представляете кандидатов и следите за их трудоустройством.
web-role-centre-intro = Здесь вы проводите занятия и проверяете готовность к выезду.
web-role-ministry-intro = Здесь вы рассматриваете лицензии, трудоустройства, квоты и жалобы.
web-role-admin-intro = Здесь вы управляете организациями и учётными записями.
