# Titles and details of the API's problem+json answers (src/error.rs): `error-<code>`.
# Ids are the old keys with dots turned into hyphens (see `crate::i18n::fluent_id`).
# Variables: $correlation_id (error-internal_detail).

error-account_disabled = Учётная запись отключена.
error-already_open = У этого кандидата уже есть открытая заявка на эту вакансию.
error-already_reviewed = Вы уже оставили отзыв о них на этом этапе трудоустройства.
error-cap_exceeded = Это больше, чем осталось от лимита квоты.
error-conflict = Запрос противоречит текущему состоянию ресурса.
error-consent_required = Для этого действия требуется согласие кандидата.
error-email_taken = Учётная запись с таким адресом электронной почты уже существует.
error-employer_restricted = Министерство ограничило этого работодателя: новые заявки не одобряются, пока ограничение не снято.
error-forbidden = У вас нет прав на выполнение этого действия.
error-internal = Внутренняя ошибка сервера.
error-internal_detail = Произошла внутренняя ошибка. При обращении в поддержку укажите идентификатор: { $correlation_id }.
error-invalid_claim_code = Код недействителен: возможно, он введён с ошибкой, истёк или уже использован. Попросите в центре новый код.
error-invalid_credentials = Неверный адрес электронной почты или пароль.
error-invalid_path = Некорректные параметры в пути запроса.
error-invalid_query = Некорректные параметры запроса.
error-invalid_token = Недействительный токен.
error-invalid_transition = Такое изменение статуса недопустимо.
error-invalid_verification_code = Это неверный код проверки: вероятно, он набран с ошибкой. Сверьте его с документом символ за символом.
error-labour_market_test_failed = Сначала работу нужно предложить на местном рынке: вакансия должна быть опубликована достаточно долго и не заполнена.
error-licence_not_active = Лицензия агентства не действует, поэтому это действие недоступно.
error-malformed_body = Тело запроса не является корректным JSON ожидаемой структуры.
error-method_not_allowed = Этот HTTP-метод не поддерживается для данного ресурса.
error-no_positions_left = Все места по этой вакансии заняты.
error-no_quota_cap = Министерство не установило лимит квоты на этот год, регион и профессию.
error-not_found = Запрашиваемый ресурс не найден.
error-not_ready = Не готов к выезду: некоторые пункты готовности отсутствуют или недействительны на дату выезда.
error-occupation_closed = Эта профессия закрыта для иностранных работников в этом регионе в этом году.
error-payload_too_large = Тело запроса слишком велико.
error-quota_exhausted = У работодателя не осталось одобренной квоты для этого региона, профессии и года.
error-rate_limited = Слишком много запросов. Повторите попытку позже.
error-refresh_token_reused = Токен обновления был использован повторно. В целях безопасности все сеансы этого входа завершены. Войдите снова.
error-region_not_licensed = Лицензия агентства не распространяется на этот регион.
error-review_not_allowed = Отзыв можно оставить после начала работы и ещё раз по её окончании.
error-service_unavailable = Сервис временно недоступен. Повторите попытку позже.
error-session_full = На это занятие мест нет: все места заняты. Выберите другое занятие.
error-session_not_started = Посещение можно отметить только после начала занятия.
error-session_started = Занятие уже началось, записи на него больше изменить нельзя.
error-token_expired = Срок действия токена истёк. Войдите снова.
error-unauthenticated = Требуется вход в систему.
error-unsupported_media_type = Тип содержимого запроса не поддерживается.
error-validation_failed = В запросе есть поля с ошибками.
error-worker_fee_forbidden = С работника нельзя брать плату за трудоустройство: платит работодатель (Конвенция МОТ № 181, ст. 7).
