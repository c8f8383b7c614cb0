# Titles and details of the API's problem+json answers (src/error.rs): `error-<code>`.
# Ids are the old keys with dots turned into hyphens (see `crate::i18n::fluent_id`).
# Variables: $correlation_id (error-internal_detail).

error-account_disabled = Бул аккаунт өчүрүлгөн.
error-already_open = Бул талапкердин бул вакансияга ачык арызы бар.
error-already_reviewed = Сиз алар жөнүндө бул этапта пикир жазып койгонсуз.
error-cap_exceeded = Бул квота лимитинен калгандан көп.
error-conflict = Сурам ресурстун учурдагы абалына карама-каршы келет.
error-consent_required = Бул аракет үчүн талапкердин макулдугу керек.
error-email_taken = Бул электрондук почта менен аккаунт буга чейин катталган.
error-employer_restricted = Министрлик бул иш берүүчүгө чектөө койгон: чектөө алынмайынча жаңы арыздар жактырылбайт.
error-forbidden = Бул аракетти аткарууга укугуңуз жок.
error-internal = Сервердин ички катасы.
error-internal_detail = Ички ката кетти. Колдоо кызматына кайрылганда бул идентификаторду көрсөтүңүз: { $correlation_id }.
error-invalid_claim_code = Код жараксыз: ката терилген, мөөнөтү өткөн же мурун колдонулган болушу мүмкүн. Борбордон жаңы код сураңыз.
error-invalid_credentials = Электрондук почта же сырсөз туура эмес.
error-invalid_path = Сурамдын дарегиндеги параметрлер туура эмес.
error-invalid_query = Сурамдын параметрлери туура эмес.
error-invalid_token = Токен жараксыз.
error-invalid_transition = Статусту мындай өзгөртүүгө болбойт.
error-invalid_verification_code = Бул туура эмес текшерүү коду: балким, ал ката терилген. Аны документ менен белги-белгиси боюнча салыштырыңыз.
error-labour_market_test_failed = Адегенде жумуш жергиликтүү рынокто сунушталышы керек: вакансия жетишээрлик узак жарыяланып, толтурулбаган болушу керек.
error-licence_not_active = Агенттиктин лицензиясы жарактуу эмес, ошондуктан бул аракетти аткарууга болбойт.
error-malformed_body = Сурамдын мазмуну күтүлгөн түзүлүштөгү жарактуу JSON эмес.
error-method_not_allowed = Бул ресурс үчүн мындай HTTP-ыкмага уруксат жок.
error-no_positions_left = Бул вакансиянын бардык орундары ээленген.
error-no_quota_cap = Министрлик бул жылга, аймакка жана кесипке квота лимитин белгилеген жок.
error-not_found = Суралган ресурс табылган жок.
error-not_ready = Жөнөөгө даяр эмес: даярдык пункттарынын айрымдары жок же жөнөө күнүнө жарактуу эмес.
error-occupation_closed = Бул кесип ушул аймакта жана жылы чет элдик жумушчулар үчүн жабык.
error-payload_too_large = Сурамдын көлөмү өтө чоң.
error-quota_exhausted = Иш берүүчүдө бул аймак, кесип жана жыл үчүн жактырылган квота калган жок.
error-rate_limited = Сурамдар өтө көп. Бир аздан кийин кайра аракет кылыңыз.
error-refresh_token_reused = Жаңылоо токени эки жолу колдонулду. Коопсуздук үчүн бул кирүүнүн бардык сеанстары токтотулду. Кайра кириңиз.
error-region_not_licensed = Агенттиктин лицензиясы бул аймакка тийиштүү эмес.
error-review_not_allowed = Пикир иш башталгандан кийин жана иш аяктагандан кийин дагы бир жолу жазылат.
error-service_unavailable = Кызмат убактылуу жеткиликсиз. Кийинчерээк кайра аракет кылыңыз.
error-session_full = Бул сабакта орун калган жок: бардык орундар ээленген. Башка сабакты тандаңыз.
error-session_not_started = Катышууну сабак башталгандан кийин гана белгилөөгө болот.
error-session_started = Сабак башталып калды, ага жазылууларды эми өзгөртүүгө болбойт.
error-token_expired = Токендин мөөнөтү бүттү. Кайра кириңиз.
error-unauthenticated = Системага кирүү талап кылынат.
error-unsupported_media_type = Сурамдын мазмун түрү колдоого алынбайт.
error-validation_failed = Сурамда туура эмес толтурулган талаалар бар.
error-worker_fee_forbidden = Жумушка орноштуруу үчүн жумушчудан акы алууга болбойт: иш берүүчү төлөйт (ЭЭУнун № 181 Конвенциясы, 7-берене).
