# Страницы для браузера: вход, регистрация, подтверждение почты, пароли, личный кабинет.

web-field-email = Адрес электронной почты
web-field-email-hint = Мы отправим на этот адрес ссылку, чтобы его подтвердить.
web-field-password = Пароль
web-field-full-name = Фамилия и имя
web-field-full-name-hint = Как написано в паспорте.
web-field-new-password = Новый пароль
web-field-new-password-hint = Не меньше 10 символов. Хороший пароль — несколько слов, которые вы запомните.
web-field-current-password = Текущий пароль

web-sign-in-title = Вход
web-sign-in-button = Войти
web-sign-in-forgot-link = Я забыл пароль
web-sign-in-register-link = Создать учётную запись
web-sign-in-wrong = Неверный адрес электронной почты или пароль
web-sign-in-disabled = Эта учётная запись отключена. Обратитесь в службу поддержки, чтобы её включить
web-sign-in-too-many = Слишком много попыток входа. Подождите 15 минут и попробуйте ещё раз

web-register-title = Создать учётную запись
web-register-intro = Для работников, которые ищут работу. После регистрации можно откликаться на вакансии и читать свой договор.
web-register-button = Создать учётную запись
web-register-sign-in-link = У меня уже есть учётная запись
web-register-done-title = Проверьте почту
web-register-done-body = Мы отправили письмо на указанный адрес. Откройте ссылку в письме, чтобы подтвердить адрес. Ссылка действует { $hours } { $hours ->
        [one] час
        [few] часа
        [many] часов
       *[other] часа
    }.

web-link-invalid-title = Эта ссылка не работает
web-link-invalid-body = Ею уже воспользовались, срок её действия истёк или она скопирована не полностью. Можно запросить новую.

web-verify-done-title = Адрес электронной почты подтверждён
web-verify-done-body = Спасибо. Теперь вам доступны все разделы личного кабинета.

web-forgot-title = Восстановление пароля
web-forgot-intro = Введите адрес электронной почты вашей учётной записи. Мы пришлём ссылку, по которой можно выбрать новый пароль.
web-forgot-button = Отправить ссылку
web-forgot-sent-title = Проверьте почту
web-forgot-sent-body = Если этот адрес привязан к учётной записи, мы отправили на него ссылку для выбора нового пароля. Ссылка действует { $minutes } { $minutes ->
        [one] минуту
        [few] минуты
        [many] минут
       *[other] минуты
    }.

web-reset-title = Выберите новый пароль
web-reset-button = Сохранить новый пароль
web-reset-done-body = Войдите с новым паролем. Вы вышли из учётной записи на всех устройствах.
web-password-changed-title = Пароль изменён

web-change-password-title = Изменить пароль
web-change-password-button = Изменить пароль
web-change-password-done-body = Вы вышли из учётной записи на всех остальных устройствах и в приложениях.

web-account-title = Личный кабинет
web-account-signed-in-as = Вы вошли как { $name }.
web-account-role = Тип учётной записи
web-account-unverified = Ваш адрес электронной почты ещё не подтверждён. Откройте ссылку в письме, которое мы вам отправили.
web-account-link-search = Найти работу
