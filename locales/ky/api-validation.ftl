# Messages about one input field (src/error.rs, `FieldError`): `validation-<code>`.
# Numbers ($min, $max, $days) come as Fluent numbers: select on them with the language's
# CLDR plural categories. A $min or $max that is a date comes as text.
# Kyrgyz: CLDR plural categories one and other. A noun after a number keeps its form, so
# both variants read the same; they are there so they can differ where the grammar needs it.

validation-below_filled =
    Жактырылган арыздар { $min ->
        [one] { $min } орунду
       *[other] { $min } орунду
    } ээлеп турат; андан аз болушу мүмкүн эмес.
validation-below_minimum_wage = Айлык эмгек акынын эң төмөнкү өлчөмүнөн кем болбошу керек — айына { $min } рубль ({ $source }).
validation-common_password = Бул сырсөз өтө кеңири таралган. Табуу кыйыныраак сырсөз тандаңыз.
validation-date_in_past = Дата өткөн убакытта болбошу керек.
validation-date_order = Аяктоо датасы башталыш датасынан кийин болушу керек.
validation-date_too_early = Дата { $min } күнүнөн эрте болбошу керек.
validation-date_too_late = Дата { $max } күнүнөн кеч болбошу керек.
validation-duplicate = Бул маани эки жолу көрсөтүлгөн.
validation-forbidden_character = Бул жерде колдонууга болбой турган белги бар ({ $char }): башкаруучу, көрүнбөгөн жана тексттин багытын өзгөрткөн белгилерге уруксат жок.
validation-hours_reason_required =
    Жумасына { $max ->
        [one] { $max } сааттан
       *[other] { $max } сааттан
    } көп: келишимде себеби жазылышы керек.
validation-invalid_cefr = Деңгээл A1, A2, B1, B2, C1 же C2 болушу керек.
validation-invalid_country = Өлкөнүн коду белгисиз (ISO 3166-1 alpha-2 коду күтүлөт, мисалы, KG).
validation-invalid_email = Электрондук почтанын дареги туура эмес.
validation-invalid_inn = ИНН туура эмес: цифралардын санын жана контролдук цифраны текшериңиз.
validation-invalid_language = Тилдин коду белгисиз (ISO 639-1 коду күтүлөт).
validation-invalid_occupation = Кесиптин коду белгисиз (ISCO-08 коду күтүлөт).
validation-invalid_ogrn = ОГРН туура эмес: цифралардын санын жана контролдук цифраны текшериңиз.
validation-invalid_phone = Телефон номери туура эмес. Номерди «+» белгиси менен башталган эл аралык форматта жазыңыз.
validation-invalid_region = Аймактын коду белгисиз.
validation-invalid_role = Белгисиз роль.
validation-no_agency = Бул ишке орношууда пикир жаза турган агенттик болгон эмес.
validation-not_later = Жаңы дата { $min } күнүнөн кийин болушу керек.
validation-out_of_range = Маани { $min } менен { $max } ортосунда болушу керек.
validation-outside_vacancy_range = Айлык вакансиянын чегинде болушу керек: айына { $min }–{ $max } рубль.
validation-passport_expired = Паспорттун мөөнөтү бүткөн.
validation-required = Бул талааны толтуруу милдеттүү.
validation-salary_range = Эң төмөнкү эмгек акы эң жогорку эмгек акыдан ашпашы керек.
validation-start_after_closing =
    Иш вакансия жабылгандан кийин { $days ->
        [one] { $days } күндүн
       *[other] { $days } күндүн
    } ичинде, башкача айтканда { $max } күнүнөн кечиктирбей башталышы керек.
validation-too_long =
    { $max ->
        [one] { $max } белгиден
       *[other] { $max } белгиден
    } ашпашы керек.
validation-too_many =
    { $max ->
        [one] { $max } элементтен
       *[other] { $max } элементтен
    } ашпашы керек.
validation-too_short =
    Кеминде { $min ->
        [one] { $min } белгиден
       *[other] { $min } белгиден
    } турушу керек.
validation-unknown_value = Төмөнкүлөрдүн бири болушу керек: { $allowed }.
validation-worker_fee_forbidden = Жумушчу эч нерсе төлөбөйт: сумма 0 болушу керек. Жалдоо чыгымдарын иш берүүчү төлөйт.
