# Ачык беттер: издөө, вакансиянын бети, текшерүү, укуктар, квоталар боюнча сандар.

web-home-promises-heading = Оргнабор эмнени убада кылат
web-home-promise-fee = Жумуш үчүн сиз эч качан акча төлөбөйсүз: жумушка тандоонун чыгымдарын иш берүүчү төлөйт.
web-home-promise-contract = Жолго чыкканга чейин жазуу жүзүндөгү келишимди өз тилиңизде окуп, ага кол коёсуз.
web-home-promise-check = Ар бир иш берүүчүнүн, агенттиктин жана келишимдин коду бар. Аны ушул жерден текшере аласыз.

web-search-title = Жумуштар
web-search-region = Россиянын аймагы
web-search-region-any = Каалаган аймак
web-search-salary = Сиз макул боло турган эң аз айлык, айына рубль менен
web-search-salary-hint = Сандар менен гана, мисалы 60000
web-search-housing = Турак жайы бар жумуштар гана
web-search-total = { $count ->
        [one] { $count } жумуш табылды
       *[other] { $count } жумуш табылды
    }
web-search-understood = Ушул кесип боюнча изделди: { $occupation }
web-search-nothing = Ылайыктуу жумуш табылган жок. Азыраак сөз жазып көрүңүз, сөздү башкача жазыңыз же каалаган аймакты тандаңыз.
web-search-starts = Башталышы: { $date }
web-search-with-housing = турак жай берилет
web-search-pages = Натыйжалардын беттери
web-search-previous = Мурунку бет
web-search-next = Кийинки бет
web-search-page-of = { $pages } беттин { $page }-бети
web-search-by-region = Аймактар боюнча жумуштар
web-search-too-deep = Мындан ары беттер жок. Анын ордуна издөөнү тактаңыз.
web-salary-per-month = айына { $amount } ₽
web-error-salary_min-invalid_number = Айлыкты сандар менен жазыңыз, мисалы 60000
web-error-salary_min-out_of_range = { $max } рублге чейинки айлыкты жазыңыз
web-error-invalid_region = Тизмеден аймакты тандаңыз
web-error-q-too_long = Эң көп дегенде { $max } белги киргизиңиз

web-vacancy-title = Вакансия
web-vacancy-by = Иш берүүчү: { $employer }
web-vacancy-fee-notice = Жумушчу төлөй турган акы: 0 ₽. Бул жумуш үчүн сизден эч ким акча сурай албайт.
web-vacancy-restricted = Министрлик бул иш берүүчүнүн ишин чектеди: азыр жаңы жумушка орноштуруулар жактырылбайт.
web-vacancy-employer = Иш берүүчү
web-vacancy-place = Иштөө жери
web-vacancy-salary = Эмгек акы
web-vacancy-fee = Жумушчу төлөй турган акы
web-vacancy-fee-value = 0 ₽ (акысыз)
web-vacancy-hours = Иш убактысы
web-vacancy-hours-value = { $hours ->
        [one] жумасына { $hours } саат
       *[other] жумасына { $hours } саат
    }
web-vacancy-contract = Келишимдин мөөнөтү
web-vacancy-months = { $months ->
        [one] { $months } ай
       *[other] { $months } ай
    }
web-vacancy-start = Иштин башталышы
web-vacancy-housing = Турак жай
web-vacancy-meals = Тамак-аш
web-vacancy-transport = Жумушка барып-келүү
web-vacancy-russian = Орус тилин билүү
web-vacancy-russian-none = Талап кылынбайт
web-vacancy-positions = Калган орундар
web-vacancy-open-until = Качанга чейин ачык
web-vacancy-about = Жумуш жөнүндө
web-vacancy-record = Иш берүүчүнүн Оргнабордогу тарыхы
web-vacancy-record-hint = Оргнабор аркылуу жумушка орношуулар боюнча эсептелет. Жумушчулардын баалары беш жумушчу баа бергенден кийин көрүнөт.
web-record-placements = Жумушка орношкон жумушчулар
web-record-completed = Аягына чейин аткарылган келишимдер
web-record-complaints-upheld = Негиздүү деп табылган даттануулар
web-record-truth = «Сунуш чын болду»
web-record-treatment = «Мага кандай мамиле кылышты»
web-vacancy-code-heading = Бул вакансияны текшериңиз
web-vacancy-code-hint = Эгер кимдир бирөө бул жумушту сизге мессенджерден жиберсе, анын кодун ушул жерден текшериңиз:
web-vacancy-apply-heading = Өтүнмөнү кантип берүү керек
web-vacancy-apply-hint = Өтүнмө берүү үчүн каттоо эсебин түзүңүз же кириңиз. Бул акысыз.
web-vacancy-apply-signed-in = Өтүнмөнү жеке кабинетиңизден бериңиз: иш берүүчү профилиңизди сиз өтүнмө бергенден кийин гана көрөт.
web-vacancy-register = Каттоо эсебин түзүү
web-vacancy-sign-in = Өтүнмө берүү үчүн кириңиз
web-vacancy-never-pay = Бул жумушту алуу үчүн эч кимге акча төлөбөңүз жана паспортуңузду эч кимге бербеңиз.
web-yes = Ооба
web-no = Жок

web-check-title = Жумушту же агенттикти текшерүү
web-check-lead = Алдамчылык көбүнчө мессенджердеги жалган сунуштан же жалган агенттиктен башталат. Акча төлөөдөн же документтериңизди берүүдөн мурун ушул жерден текшериңиз.
web-check-label = Код, лицензиянын номери же агенттиктин аты
web-check-hint = Код келишимде басылып турат же вакансия, агенттик менен кошо көрсөтүлөт, мисалы V-7K2M-9QXP
web-check-button = Текшерүү
web-check-too-long = Эң көп дегенде 100 белги киргизиңиз
web-check-real-valid = Чыныгы жана жарактуу
web-check-real-not-valid = Чыныгы, бирок азыр жарактуу эмес
web-check-is-vacancy = Бул Оргнабордо жарыяланган вакансия.
web-check-is-agency = Бул Оргнабордо катталган кадрдык агенттик.
web-check-is-contract = Бул Оргнабор аркылуу түзүлгөн келишим.
web-check-code = Код
web-check-vacancy = Жумуш
web-check-agency = Агенттик
web-check-licence = Лицензия
web-check-issuer = Ким берген
web-check-valid-dates = Жарактуулук мөөнөтү
web-check-valid-to = { $date } күнүнө чейин жарактуу
web-check-contract-version = Келишимдин версиясы
web-check-status = Азыр
web-check-valid-now = Бүгүн жарактуу
web-check-open-vacancy = Вакансияны ачуу
web-check-agencies-found = Табылган агенттиктер
web-check-unknown-heading = Табылган жок: бул жалган болушу мүмкүн
web-check-unknown-body = Оргнабор мындай кодду, лицензияны же агенттикти билбейт. Акча төлөбөңүз жана паспортуңузду бербеңиз. Жиберген адамдан кодду сурап, кайра текшериңиз же бул тууралуу жолго чыгууга даярдоо борборуна кабарлаңыз.
web-check-reason-vacancy_paused = Иш берүүчү бул вакансияны убактылуу токтотту.
web-check-reason-vacancy_closed = Бул вакансия жабылды.
web-check-reason-vacancy_filled = Бул вакансиядагы бардык орундар ээленди.
web-check-reason-vacancy_expired = Бул вакансиянын мөөнөтү бүттү.
web-check-reason-vacancy_not_published = Бул вакансия жарыяланган эмес.
web-check-reason-licence_suspended = Агенттиктин лицензиясы токтотулган: азыр ал жумушчуларды тандай албайт.
web-check-reason-licence_revoked = Агенттиктин лицензиясы жокко чыгарылган: ал жумушчуларды тандай албайт.
web-check-reason-licence_expired = Агенттиктин лицензиясынын мөөнөтү бүткөн.
web-check-reason-licence_not_yet_valid = Агенттиктин лицензиясы азырынча күчүнө кире элек.
web-check-reason-contract_not_signed = Бул келишимге эки тарап тең али кол коё элек.
web-check-reason-contract_superseded = Бул келишимдин жаңыраак версиясы бар: акыркы версиясы гана эсептелет.
web-check-reason-contract_ended = Бул келишим аяктады.
web-check-reason-contract_under_review = Бул келишимге кол коюлган жана ал министрликтин текшерүүсүн күтүп жатат.
web-check-reason-contract_rejected = Бул келишим боюнча жумушка орноштуруу четке кагылды.
web-check-reason-contract_withdrawn = Бул келишим боюнча жумушка орноштуруу кайтарылып алынды.
web-check-reason-contract_terminated = Бул келишим мөөнөтүнөн мурда токтотулду.
web-licence-status-active = Лицензия жарактуу
web-licence-status-suspended = Лицензия токтотулган
web-licence-status-revoked = Лицензия жокко чыгарылган
web-licence-status-expired = Лицензиянын мөөнөтү бүткөн

web-rights-title = Сиздин укуктарыңыз
web-rights-lead = Бул укуктар Оргнабор аркылуу жумушка алынган ар бир жумушчуга тиешелүү. Бул бетти сактап коюңуз: аны бир жолу ачкандан кийин ал интернетсиз да ачылат.
web-rights-no-fee-heading = Жумуш үчүн сиз эч качан акча төлөбөйсүз
web-rights-no-fee-body = Эч бир иш берүүчү, агенттик же борбор жумуш тапканы, келишим же жол уюштурганы үчүн сизден акы ала албайт (Эл аралык эмгек уюмунун (ЭЭУ) № 181 Конвенциясы, 7-берене). Эгер кимдир бирөө акча сураса, бербеңиз жана бул тууралуу кабарлаңыз.
web-rights-contract-first-heading = Жолго чыкканга чейин жазуу жүзүндөгү келишим
web-rights-contract-first-body = Үйдөн чыкканга чейин сиз келишимди окуп, ырастайсыз. Анда эмгек акы, иш убактысы, турак жай жана иштин башталган күнү жазылат. Сизге эмне убада кылынса, келишимде да ошол жазылат.
web-rights-own-language-heading = Өз тилиңизде
web-rights-own-language-body = Келишим сизге кыргыз, өзбек, тажик, орус же англис тилинде көрсөтүлөт жана жолго чыгууга даярдоо борборунда түшүндүрүлөт.
web-rights-passport-heading = Паспортуңуз өзүңүздө калат
web-rights-passport-body = Паспортуңузду эч ким кармап кала албайт: иш берүүчү да, агенттик да, үй ээси да.
web-rights-minimum-wage-heading = Эмгек акынын эң төмөнкү өлчөмүнөн кем эмес
web-rights-minimum-wage-body = Айлыгыңыз сиз иштеген аймактагы эмгек акынын эң төмөнкү өлчөмүнөн аз болбошу керек. Ал толугу менен жана өз убагында төлөнөт.
web-rights-hours-heading = Кадимки иш убактысы
web-rights-hours-body = Кадимки иш жумасы 40 саат. Кошумча иштеген убакыт үчүн өзүнчө акы төлөнөт жана ал мыйзам уруксат бергенден ашпайт.
web-rights-leave-heading = Акы төлөнүүчү өргүү
web-rights-leave-body = Сизге жылына кеминде 28 календардык күн акы төлөнүүчү өргүү берилет.
web-rights-housing-heading = Убада кылынгандай турак жай
web-rights-housing-body = Эгер келишимде турак жай бар болсо, ал келишимде жазылгандай болушу керек.
web-rights-complain-heading = Коркпой даттана аласыз
web-rights-complain-body = Каалаган убакта жеке кабинетиңизден даттана аласыз. Иш берүүчүгө ким даттанганы айтылбайт. Даттанганы үчүн жумушчуга кысым көрсөтүүнүн өзү эле мыйзам бузуу болуп саналат.
web-rights-numbers-heading = Чала турган номерлер
web-rights-number-ru-112 = Россиядагы шашылыш жардам кызматы
web-rights-number-ru-police = Россиядагы полиция
web-rights-number-kg-112 = Кыргызстандагы шашылыш жардам кызматы
web-rights-inspection = Россияда эмгек акы төлөнбөсө же келишим бузулса, бул тууралуу эмгек инспекциясына (Роструд) онлайнинспекция.рф сайты аркылуу да кабарласаңыз болот.

web-quota-title = Чет элдик жумушчуларга квоталар
web-quota-lead = Бул жерде ар бир аймак ар бир кесип тобу боюнча канча чет элдик жумушчуну иштете ала турганы, иш берүүчүлөр канча сураганы, министрлик канча бергени жана канчасы колдонулганы көрсөтүлөт. Эч ким таанылып калбашы үчүн бештен аз адам тууралуу сандар көрсөтүлбөйт.
web-quota-years = Жылдар
web-quota-year-heading = { $year }-жылга квоталар
web-quota-none = Бул жылга квота азырынча белгилене элек.
web-quota-caption = Аймактар жана кесип топтору боюнча квота (ISCO-08)
web-quota-region = Аймак
web-quota-group = Кесип тобу
web-quota-cap = Квота
web-quota-requested = Суралганы
web-quota-allocated = Берилгени
web-quota-used = Колдонулганы
web-quota-withheld = 5 адамдан аз
web-quota-withheld-note = «5 адамдан аз» бирден төрткө чейин адамды билдирет: так сан көрсөтүлбөйт.
web-quota-download = Бул сандарды жүктөп алуу (CSV)

web-offline-title = Интернет жок
web-offline-body = Азыр байланыш жок. Мурун ачкан беттериңиз ушул жерде сакталды: караган жумуштарыңыз, келишимиңиз жана укуктарыңыз.
web-offline-saved = Интернетсиз окууга боло турган беттер
web-offline-none = Интернет бар кезде жумушту, келишимиңизди же укуктар бетин ачсаңыз, алар ушул жерде сакталат.
web-offline-numbers = Жардам азыр керек болсо, чалыңыз
web-manifest-description = Россиядагы жумуш жазуу жүзүндөгү келишим менен, жумушчудан акы алынбайт. Агенттикти же жумуш сунушун текшериңиз.
