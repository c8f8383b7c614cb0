# Публичные страницы: поиск, страница вакансии, проверка, права, квоты.

web-home-promises-heading = Что обещает Оргнабор
web-home-promise-fee = Вы никогда не платите за работу: расходы на подбор несёт работодатель.
web-home-promise-contract = Вы читаете и подписываете письменный договор на своём языке до поездки.
web-home-promise-check = У каждого работодателя, агентства и договора есть код, который можно проверить здесь.

web-search-title = Вакансии
web-search-region = Регион России
web-search-region-any = Любой регион
web-search-salary = Зарплата не ниже, рублей в месяц
web-search-salary-hint = Только цифры, например 60000
web-search-housing = Только с жильём
web-search-total = { $count ->
        [one] Найдена { $count } вакансия
        [few] Найдено { $count } вакансии
        [many] Найдено { $count } вакансий
       *[other] Найдено { $count } вакансии
    }
web-search-understood = Искали по профессии: { $occupation }
web-search-nothing = Подходящих вакансий нет. Попробуйте меньше слов, другое написание или любой регион.
web-search-starts = Начало { $date }
web-search-with-housing = жильё предоставляется
web-search-pages = Страницы результатов
web-search-previous = Предыдущая страница
web-search-next = Следующая страница
web-search-page-of = Страница { $page } из { $pages }
web-search-by-region = Вакансии по регионам
web-search-too-deep = Больше страниц нет. Уточните поиск.
web-salary-per-month = { $amount } ₽ в месяц
web-error-salary_min-invalid_number = Введите зарплату цифрами, например 60000
web-error-salary_min-out_of_range = Введите зарплату не больше { $max } рублей
web-error-invalid_region = Выберите регион из списка
web-error-q-too_long = { $max ->
        [one] Введите не больше { $max } символа
        [few] Введите не больше { $max } символов
        [many] Введите не больше { $max } символов
       *[other] Введите не больше { $max } символа
    }

web-vacancy-title = Вакансия
web-vacancy-by = Работодатель: { $employer }
web-vacancy-fee-notice = Плата с работника: 0 ₽. Никто не вправе требовать с вас деньги за эту работу.
web-vacancy-restricted = Министерство ограничило этого работодателя: новые трудоустройства сейчас не утверждаются.
web-vacancy-employer = Работодатель
web-vacancy-place = Место работы
web-vacancy-salary = Зарплата
web-vacancy-fee = Плата с работника
web-vacancy-fee-value = 0 ₽ (бесплатно)
web-vacancy-hours = Рабочее время
web-vacancy-hours-value = { $hours ->
        [one] { $hours } час в неделю
        [few] { $hours } часа в неделю
        [many] { $hours } часов в неделю
       *[other] { $hours } часа в неделю
    }
web-vacancy-contract = Срок договора
web-vacancy-months = { $months ->
        [one] { $months } месяц
        [few] { $months } месяца
        [many] { $months } месяцев
       *[other] { $months } месяца
    }
web-vacancy-start = Дата начала
web-vacancy-housing = Жильё
web-vacancy-meals = Питание
web-vacancy-transport = Доставка до работы
web-vacancy-russian = Знание русского
web-vacancy-russian-none = Не требуется
web-vacancy-positions = Осталось мест
web-vacancy-open-until = Открыта до
web-vacancy-about = О работе
web-vacancy-record = История работодателя в Оргнаборе
web-vacancy-record-hint = По трудоустройствам через Оргнабор. Оценки работников показываются, когда их оставили не меньше пяти человек.
web-record-placements = Трудоустроено работников
web-record-completed = Договоров выполнено
web-record-complaints-upheld = Жалоб признано обоснованными
web-record-truth = «Предложение было правдивым»
web-record-treatment = «Как со мной обращались»
web-vacancy-code-heading = Проверьте эту вакансию
web-vacancy-code-hint = Если эту работу вам прислали в мессенджере, проверьте её код здесь:
web-vacancy-apply-heading = Как откликнуться
web-vacancy-apply-hint = Чтобы откликнуться, зарегистрируйтесь или войдите. Это бесплатно.
web-vacancy-apply-signed-in = Откликнитесь из личного кабинета: работодатель увидит вашу анкету только после отклика.
web-vacancy-register = Зарегистрироваться
web-vacancy-sign-in = Войти, чтобы откликнуться
web-vacancy-never-pay = Никогда никому не платите за эту работу и никому не отдавайте свой паспорт.
web-yes = Да
web-no = Нет

web-check-title = Проверить работу или агентство
web-check-lead = Обман часто начинается с поддельного предложения или поддельного агентства в мессенджере. Проверьте здесь, прежде чем платить или отдавать документы.
web-check-label = Код, номер лицензии или название агентства
web-check-hint = Код напечатан в договоре или указан у вакансии и агентства, например V-7K2M-9QXP
web-check-button = Проверить
web-check-too-long = Введите не больше 100 символов
web-check-real-valid = Настоящий и действует
web-check-real-not-valid = Настоящий, но сейчас не действует
web-check-is-vacancy = Это вакансия, опубликованная в Оргнаборе.
web-check-is-agency = Это кадровое агентство, зарегистрированное в Оргнаборе.
web-check-is-contract = Это договор, составленный через Оргнабор.
web-check-code = Код
web-check-vacancy = Работа
web-check-agency = Агентство
web-check-licence = Лицензия
web-check-issuer = Кем выдана
web-check-valid-dates = Срок действия
web-check-valid-to = действует до { $date }
web-check-contract-version = Версия договора
web-check-status = Сейчас
web-check-valid-now = Действует сегодня
web-check-open-vacancy = Открыть вакансию
web-check-agencies-found = Найденные агентства
web-check-unknown-heading = Не найдено: возможно, это подделка
web-check-unknown-body = Такой код, лицензия или агентство Оргнабору неизвестны. Не платите и не отдавайте паспорт. Попросите у отправителя код и проверьте ещё раз или сообщите в центр предвыездной подготовки.
web-check-reason-vacancy_paused = Работодатель приостановил эту вакансию.
web-check-reason-vacancy_closed = Эта вакансия закрыта.
web-check-reason-vacancy_filled = Все места в этой вакансии заняты.
web-check-reason-vacancy_expired = Срок этой вакансии истёк.
web-check-reason-vacancy_not_published = Эта вакансия не опубликована.
web-check-reason-licence_suspended = Лицензия агентства приостановлена: сейчас оно не вправе набирать работников.
web-check-reason-licence_revoked = Лицензия агентства отозвана: оно не вправе набирать работников.
web-check-reason-licence_expired = Срок лицензии агентства истёк.
web-check-reason-licence_not_yet_valid = Лицензия агентства ещё не вступила в силу.
web-check-reason-contract_not_signed = Этот договор ещё не подписан обеими сторонами.
web-check-reason-contract_superseded = Есть более новая версия этого договора: действует только последняя.
web-check-reason-contract_ended = Срок этого договора закончился.
web-check-reason-contract_under_review = Договор подписан и ждёт проверки министерства.
web-check-reason-contract_rejected = Трудоустройство по этому договору отклонено.
web-check-reason-contract_withdrawn = Трудоустройство по этому договору отозвано.
web-check-reason-contract_terminated = Этот договор расторгнут досрочно.
web-licence-status-active = Лицензия действует
web-licence-status-suspended = Лицензия приостановлена
web-licence-status-revoked = Лицензия отозвана
web-licence-status-expired = Срок лицензии истёк

web-rights-title = Ваши права
web-rights-lead = Эти права есть у каждого работника, нанятого через Оргнабор. Сохраните страницу: после первого посещения она открывается и без интернета.
web-rights-no-fee-heading = Вы никогда не платите за работу
web-rights-no-fee-body = Ни работодатель, ни агентство, ни центр не вправе брать с вас плату за поиск работы, за договор или за организацию поездки (Конвенция МОТ № 181, статья 7). Если просят — откажитесь и сообщите об этом.
web-rights-contract-first-heading = Письменный договор до поездки
web-rights-contract-first-body = До отъезда из дома вы читаете и подтверждаете письменный договор с зарплатой, рабочим временем, жильём и датой начала. Что вам обещали — то и написано в договоре.
web-rights-own-language-heading = На вашем языке
web-rights-own-language-body = Договор показывается вам на кыргызском, узбекском, таджикском, русском или английском языке, и его объясняют в центре предвыездной подготовки.
web-rights-passport-heading = Паспорт остаётся у вас
web-rights-passport-body = Никто не вправе забирать ваш паспорт: ни работодатель, ни агентство, ни хозяин жилья.
web-rights-minimum-wage-heading = Не меньше минимальной зарплаты
web-rights-minimum-wage-body = Зарплата не может быть ниже минимальной в регионе, где вы работаете, и выплачивается полностью и вовремя.
web-rights-hours-heading = Нормальное рабочее время
web-rights-hours-body = Нормальная рабочая неделя — 40 часов. Сверхурочная работа оплачивается дополнительно и не больше, чем разрешает закон.
web-rights-leave-heading = Оплачиваемый отпуск
web-rights-leave-body = У вас не меньше 28 календарных дней оплачиваемого отпуска в год.
web-rights-housing-heading = Жильё, как обещано
web-rights-housing-body = Если договор включает жильё, оно должно быть таким, как описано в договоре.
web-rights-complain-heading = Жаловаться безопасно
web-rights-complain-body = Вы можете пожаловаться из личного кабинета в любое время. Работодателю не сообщают, кто пожаловался, а давление на работника из-за жалобы само по себе нарушение.
web-rights-numbers-heading = Куда звонить
web-rights-number-ru-112 = Экстренная помощь в России
web-rights-number-ru-police = Полиция в России
web-rights-number-kg-112 = Экстренная помощь в Кыргызстане
web-rights-inspection = О невыплате зарплаты или нарушении договора в России можно также сообщить в трудовую инспекцию (Роструд) на сайте онлайнинспекция.рф.

web-quota-title = Квоты на иностранных работников
web-quota-lead = Сколько иностранных работников может принять каждый регион по группам профессий, сколько запросили работодатели, сколько одобрило министерство и сколько использовано. Числа меньше пяти человек скрыты, чтобы никого нельзя было узнать.
web-quota-years = Годы
web-quota-year-heading = Квоты на { $year } год
web-quota-none = На этот год квоты ещё не установлены.
web-quota-caption = Квоты по регионам и группам профессий (ISCO-08)
web-quota-region = Регион
web-quota-group = Группа профессий
web-quota-cap = Квота
web-quota-requested = Запрошено
web-quota-allocated = Одобрено
web-quota-used = Использовано
web-quota-withheld = меньше 5
web-quota-withheld-note = «Меньше 5» означает от одного до четырёх человек: точное число скрыто.
web-quota-download = Скачать эти данные (CSV)

web-offline-title = Нет подключения к интернету
web-offline-body = Сейчас нет связи. Страницы, которые вы уже открывали, остались здесь: вакансии, которые вы смотрели, ваш договор и ваши права.
web-offline-saved = Страницы, которые можно читать без интернета
web-offline-none = Когда вы откроете вакансию, свой договор или страницу о правах при подключении, они сохранятся здесь.
web-offline-numbers = Если помощь нужна сейчас, звоните
web-manifest-description = Работа в России по письменному договору, без оплаты с работника. Проверьте агентство или предложение работы.
