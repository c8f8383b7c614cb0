# Messages about one input field (src/error.rs, `FieldError`): `validation-<code>`.
# Numbers ($min, $max, $days) come as Fluent numbers: select on them with the language's
# CLDR plural categories. A $min or $max that is a date comes as text.

validation-below_filled =
    Approved placements already hold { $min ->
        [one] { $min } position
       *[other] { $min } positions
    }; there cannot be fewer.
validation-below_minimum_wage = The salary must be at least the minimum wage of { $min } RUB a month ({ $source }).
validation-common_password = This password is too common. Choose one that is harder to guess.
validation-date_in_past = The date must not be in the past.
validation-date_order = The end date must be after the start date.
validation-date_too_early = The date must not be earlier than { $min }.
validation-date_too_late = The date must not be later than { $max }.
validation-duplicate = This value is listed twice.
validation-forbidden_character = Contains a character that cannot be used here ({ $char }): control, invisible and text-direction characters are not allowed.
validation-hours_reason_required =
    More than { $max ->
        [one] { $max } hour
       *[other] { $max } hours
    } a week: the contract must say why.
validation-invalid_cefr = The level must be A1, A2, B1, B2, C1 or C2.
validation-invalid_country = Unknown country code (expected an ISO 3166-1 alpha-2 code, e.g. KG).
validation-invalid_email = Not a valid email address.
validation-invalid_inn = Not a valid INN: check the number of digits and the check digit.
validation-invalid_language = Unknown language code (expected an ISO 639-1 code).
validation-invalid_occupation = Unknown occupation code (expected an ISCO-08 code).
validation-invalid_ogrn = Not a valid OGRN: check the number of digits and the check digit.
validation-invalid_phone = Not a valid phone number. Enter it in international format, starting with +.
validation-invalid_region = Unknown region code.
validation-invalid_role = Unknown role.
validation-no_agency = This placement had no agency to review.
validation-not_later = The new date must be later than { $min }.
validation-out_of_range = Must be between { $min } and { $max }.
validation-outside_vacancy_range = The salary must be within the vacancy's range, { $min }–{ $max } RUB a month.
validation-passport_expired = The passport has expired.
validation-required = This field is required.
validation-salary_range = The minimum salary must not exceed the maximum salary.
validation-start_after_closing =
    Work must start within { $days ->
        [one] { $days } day
       *[other] { $days } days
    } after the vacancy closes, that is no later than { $max }.
validation-too_long =
    Must be at most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
validation-too_many =
    At most { $max ->
        [one] { $max } item is allowed
       *[other] { $max } items are allowed
    }.
validation-too_short =
    Must be at least { $min ->
        [one] { $min } character
       *[other] { $min } characters
    }.
validation-unknown_value = Must be one of: { $allowed }.
validation-worker_fee_forbidden = The worker pays no fee: it must be 0. The employer pays the costs of recruitment.
