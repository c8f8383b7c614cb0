# Messages about one input field (src/error.rs, `FieldError`): `validation-<code>`.
# Numbers ($min, $max, $days) come as Fluent numbers: select on them with the language's
# CLDR plural categories. A $min or $max that is a date comes as text.
# Tajik: CLDR has no plural rules (every number is other), so no plural selectors here
# (Fluent would quietly apply English rules to a [one] variant).

validation-below_filled = Дархостҳои тасдиқшуда аллакай { $min } ҷойро ишғол кардаанд; камтар буда наметавонад.
validation-below_minimum_wage = Музд бояд аз ҳадди ақали музди меҳнат кам набошад — { $min } рубл дар як моҳ ({ $source }).
validation-common_password = Ин парол хеле маъмул аст. Пароли мураккабтар интихоб кунед.
validation-date_in_past = Сана набояд дар гузашта бошад.
validation-date_order = Санаи анҷом бояд баъд аз санаи оғоз бошад.
validation-date_too_early = Сана набояд аз { $min } барвақттар бошад.
validation-date_too_late = Сана набояд аз { $max } дертар бошад.
validation-duplicate = Ин қимат ду маротиба зикр шудааст.
validation-forbidden_character = Дар ин ҷо аломате ҳаст, ки истифодааш мумкин нест ({ $char }): аломатҳои идоракунанда, ноаён ва тағйирдиҳандаи самти матн иҷозат дода намешаванд.
validation-hours_reason_required = Зиёда аз { $max } соат дар як ҳафта: дар шартнома сабаб бояд нишон дода шавад.
validation-invalid_cefr = Сатҳ бояд A1, A2, B1, B2, C1 ё C2 бошад.
validation-invalid_country = Рамзи кишвар номаълум аст (рамзи ISO 3166-1 alpha-2 интизор меравад, масалан, KG).
validation-invalid_email = Суроғаи почтаи электронӣ нодуруст аст.
validation-invalid_inn = ИНН нодуруст аст: шумораи рақамҳо ва рақами назоратиро санҷед.
validation-invalid_language = Рамзи забон номаълум аст (рамзи ISO 639-1 интизор меравад).
validation-invalid_occupation = Рамзи касб номаълум аст (рамзи ISCO-08 интизор меравад).
validation-invalid_ogrn = ОГРН нодуруст аст: шумораи рақамҳо ва рақами назоратиро санҷед.
validation-invalid_phone = Рақами телефон нодуруст аст. Онро дар формати байналмилалӣ, ки бо «+» оғоз мешавад, ворид кунед.
validation-invalid_region = Рамзи минтақа номаълум аст.
validation-invalid_role = Нақши номаълум.
validation-no_agency = Дар ин бакоргуморӣ агентие набуд, ки дар бораи он фикр нависед.
validation-not_later = Санаи нав бояд баъд аз { $min } бошад.
validation-out_of_range = Қимат бояд аз { $min } то { $max } бошад.
validation-outside_vacancy_range = Музд бояд дар доираи вакансия бошад: { $min }–{ $max } рубл дар як моҳ.
validation-passport_expired = Мӯҳлати эътибори шиноснома гузаштааст.
validation-required = Пур кардани ин майдон ҳатмист.
validation-salary_range = Ҳадди ақали музди меҳнат набояд аз ҳадди аксар зиёд бошад.
validation-start_after_closing = Кор бояд дар давоми { $days } рӯз пас аз баста шудани ҷои корӣ, яъне на дертар аз { $max }, оғоз шавад.
validation-too_long = Бояд на зиёда аз { $max } аломат бошад.
validation-too_many = На зиёда аз { $max } унсур иҷозат дода мешавад.
validation-too_short = Бояд на камтар аз { $min } аломат бошад.
validation-unknown_value = Бояд яке аз инҳо бошад: { $allowed }.
validation-worker_fee_forbidden = Коргар ҳеҷ чиз намепардозад: маблағ бояд 0 бошад. Хароҷоти ҷалбро корфармо мепардозад.
