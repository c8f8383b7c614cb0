# Жазуу түрүндөгү эмгек келишими (src/render/contract.rs). Кызматкер окуйт.

contract-title = Эмгек келишими
contract-number = Келишим № { $id }, версиясы: { $version }
contract-draft = Долбоор — эки тарап тең кол койгонго чейин келишим күчүнө кирбейт
contract-superseded = Бул версиянын ордуна жаңы версия түзүлгөн. Ал мындан ары күчүндө эмес.

section-parties = Тараптар
label-employer = Иш берүүчү
label-inn = ИНН (салык төлөөчүнүн номери)
label-agency = Жумушка орноштуруу агенттиги
label-licence = Лицензиянын номери
label-worker = Кызматкер
label-citizenship = Жарандыгы

section-job = Жумуш
label-vacancy = Вакансия
label-occupation = Кесиби
label-workplace = Иштей турган жер

section-pay = Эмгек акы жана иш убактысы
label-salary = Эмгек акы
salary-value = айына { $amount } ₽
label-minimum-wage = Бул аймактагы эң төмөнкү эмгек акы
minimum-wage-value = айына { $amount } ₽ ({ $source })
label-hours = Иш убактысы
hours-value = жумасына { $hours } саат
label-hours-reason = Эмне үчүн 40 сааттан көп

section-term = Мөөнөтү
label-start = Биринчи иш күнү
label-duration = Келишимдин мөөнөтү
duration-value = { $months } ай

section-conditions = Жашоо жана иштөө шарттары
label-housing = Турак жай
label-meals = Тамак-аш
label-transport = Жумушка барып-келүү
provided = Берилет: { $details }
not-provided = Берилбейт
label-leave = Акы төлөнүүчү өргүү
leave-value = жылына { $days } күн

section-costs = Иш берүүчү төлөй турган чыгымдар
label-travel = Иштей турган жерге чейинки жол
label-medical = Медициналык кароо жана камсыздандыруу
label-permit = Иштөөгө уруксат (патент)
yes = Ооба
no = Жок

fee-title = Жумушка орноштуруу үчүн акы
fee-value = Сиз төлөйсүз: { $amount } ₽ — баарын иш берүүчү төлөйт (ЭЭУнун № 181 конвенциясы, 7-берене).
fee-warning = Бул жумуш үчүн эч ким сизден акча ала албайт. Акча сурашса, бул — алдамчылык.

section-signatures = Колдор
employer-signed = Иш берүүчү { $date } саат { $time } (UTC) кол койгон
worker-signed = Кызматкер { $date } саат { $time } (UTC) кол койгон
not-signed = Азырынча кол коюлган жок

section-verify = Бул келишим чынбы?
verify-code = Текшерүү коду: { $code }
verify-hint = Келишимди текшерүү үчүн QR-кодду сканерлеңиз же бул даректи ачыңыз:

page-footer = Келишим { $id } · версиясы { $version } · { $page }/{ $pages }-бет

date =
    { $year }-жылдын { $day }-{ $month ->
        [1] январы
        [2] февралы
        [3] марты
        [4] апрели
        [5] майы
        [6] июну
        [7] июлу
        [8] августу
        [9] сентябры
        [10] октябры
        [11] ноябры
       *[12] декабры
    }
number-group-separator = { "\u00A0" }
