# Саҳифаҳои браузер: макет, саҳифаҳои хато, хатоҳо дар шаклҳо, саҳифаи асосӣ, номҳои нақшҳо.

web-service-name = Оргнабор
web-skip-link = Гузариш ба мундариҷаи асосӣ
web-language-nav = Забон
web-account-nav = Утоқи шахсӣ
web-account-link = Утоқи шахсӣ
web-sign-out = Баромадан
web-footer-check = Санҷиши кор ё агентӣ
web-footer-rights = Ҳуқуқҳои шумо
web-footer-hotline = Музд намедиҳанд, шиносномаатонро гирифтанд ё аз шумо пул талаб мекунанд? Ба хати боварии коргарон занг занед: рақамҳо дар саҳифаи «Ҳуқуқҳои шумо» ҳастанд.

web-error-prefix = Хато:
web-error-summary-title = Хатоҳо ҳастанд
web-error-home-link = Ба саҳифаи асосӣ гузаштан
web-error-not-found-title = Саҳифа ёфт нашуд
web-error-not-found-typed = Агар суроғаро дастӣ навишта бошед, дурустии онро санҷед.
web-error-not-found-pasted = Агар суроғаро нусхабардорӣ карда гузошта бошед, санҷед, ки онро пурра нусхабардорӣ кардаед.
web-error-forbidden-title = Ин саҳифа барои шумо дастрас нест
web-error-forbidden-body = Ин саҳифа барои навъи дигари ҳисоб аст.
web-error-csrf-title = Шаклро фиристодан нашуд
web-error-csrf-body = Ҳеҷ чиз тағйир наёфт. Саҳифа хеле дер кушода буд ё шакл аз сайти дигар омадааст. Ба қафо баргардед, саҳифаро нав кунед ва боз кӯшиш кунед.
web-error-bad-request-title = Шаклро хондан нашуд
web-error-bad-request-body = Ҳеҷ чиз тағйир наёфт. Ба қафо баргардед, саҳифаро нав кунед ва боз кӯшиш кунед.
web-error-rate-limited-title = Кӯшишҳо хеле зиёданд
web-error-rate-limited-body = Ҳеҷ чиз тағйир наёфт. 15 дақиқа интизор шавед ва боз кӯшиш кунед.
web-error-internal-title = Бубахшед, дар кори хидмат мушкил пеш омад
web-error-internal-body = Баъдтар боз кӯшиш кунед. Маълумоти воридкардаи шумо нигоҳ дошта нашуд.

web-error-invalid = Чизи дар ин ҷо воридшударо санҷед
web-error-required-field = Майдони «{ $field }»-ро пур кунед
web-error-invalid-field = Майдони «{ $field }»-ро санҷед
web-error-required = Ин майдонро пур кунед
web-error-too_short = На камтар аз { $min } аломат ворид кунед
web-error-too_long = На зиёда аз { $max } аломат ворид кунед
web-error-invalid_email = Суроғаи почтаи электрониро дар шакли дуруст ворид кунед, масалан name@example.com
web-error-common_password = Ин паролро ёфтан хеле осон аст. Дигареро интихоб кунед, масалан, якчанд калимае, ки дар ёдатон мемонад
web-error-forbidden_character = Аломатеро, ки дар ин ҷо истифода бурдан мумкин нест, нест кунед ({ $char })
web-error-unknown_value = Яке аз инҳоро интихоб кунед: { $allowed }
web-error-wrong_password = Пароли ҷорӣ нодуруст аст
web-error-same_password = Пароли нав бояд аз пароли ҷорӣ фарқ кунад
web-error-email-required = Суроғаи почтаи электронии худро ворид кунед
web-error-email-invalid_email = Суроғаи почтаи электрониро дар шакли дуруст ворид кунед, масалан name@example.com
web-error-password-required = Пароли худро ворид кунед
web-error-password-too_short = Парол бояд на камтар аз { $min } аломат бошад
web-error-new_password-too_short = Пароли нав бояд на камтар аз { $min } аломат бошад
web-error-current_password-required = Пароли ҷории худро ворид кунед
web-error-full_name-required = Насаб ва номи худро ворид кунед

web-home-title = Ҷустуҷӯи бехатари кор дар Русия
web-home-heading = Дар Русия кори қонунӣ ёбед
web-home-lead = Ҷойҳои холии корфармоёни санҷидашуда: шартномаи хаттӣ, манзил ва ҳеҷ гуна пардохт аз шумо.
web-home-search-label = Шумо чӣ гуна кор меҷӯед?
web-home-search-hint = Масалан: кафшергар, Маскав
web-home-search-button = Ҷустуҷӯ

web-role-migrant = Коргар
web-role-employer = Корфармо
web-role-agency = Агентии кадрӣ
web-role-centre = Маркази омодагӣ ба сафар
web-role-ministry = Вазорат
web-role-admin = Маъмур
web-role-migrant-intro = Кор ҷӯед, ба ҷойҳои холӣ ариза диҳед ва шартномаи худро бо забони модарӣ хонед.
web-role-employer-intro = Дар ин ҷо шумо ҷойҳои холиро нашр мекунед ва ҷараёни ба кор қабулкуниро назорат мекунед.
web-role-agency-intro = Дар ин ҷо шумо аз номи номзадҳо амал мекунед ва бо кор таъмин шудани онҳоро назорат мекунед.
web-role-centre-intro = Дар ин ҷо шумо машғулиятҳо мегузаронед ва омодагӣ ба сафарро месанҷед.
web-role-ministry-intro = Дар ин ҷо шумо иҷозатномаҳо, бо кор таъминкуниҳо, квотаҳо ва шикоятҳоро баррасӣ мекунед.
web-role-admin-intro = Дар ин ҷо шумо ташкилотҳо ва ҳисобҳоро идора мекунед.
