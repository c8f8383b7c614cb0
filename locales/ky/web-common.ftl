# Браузер беттери: макет, ката беттери, формадагы каталар, башкы бет, ролдордун аттары.

web-service-name = Оргнабор
web-skip-link = Негизги мазмунга өтүү
web-language-nav = Тил
web-account-nav = Жеке кабинет
web-account-link = Жеке кабинет
web-sign-out = Чыгуу
web-footer-check = Жумушту же агенттикти текшерүү
web-footer-rights = Сиздин укуктарыңыз
web-footer-hotline = Эмгек акы төлөнбөй жатабы, паспортуңузду алып коюштубу же сизден акча талап кылып жатышабы? Жумушчулардын ишеним телефонуна чалыңыз: номерлер «Сиздин укуктарыңыз» бетинде.

web-error-prefix = Ката:
web-error-summary-title = Каталар бар
web-error-home-link = Башкы бетке өтүү
web-error-not-found-title = Бет табылган жок
web-error-not-found-typed = Эгер даректи колуңуз менен терген болсоңуз, анын туура экенин текшериңиз.
web-error-not-found-pasted = Эгер даректи көчүрүп койгон болсоңуз, аны толугу менен көчүргөнүңүздү текшериңиз.
web-error-forbidden-title = Бул бет сиз үчүн жеткиликсиз
web-error-forbidden-body = Бул бет башка түрдөгү каттоо эсеби үчүн.
web-error-csrf-title = Форма жөнөтүлгөн жок
web-error-csrf-body = Эч нерсе өзгөргөн жок. Бет өтө узак ачык турган же форма башка сайттан келген. Артка кайтып, бетти жаңыртып, кайра аракет кылыңыз.
web-error-bad-request-title = Форманы окуу мүмкүн болгон жок
web-error-bad-request-body = Эч нерсе өзгөргөн жок. Артка кайтып, бетти жаңыртып, кайра аракет кылыңыз.
web-error-rate-limited-title = Аракеттер өтө көп
web-error-rate-limited-body = Эч нерсе өзгөргөн жок. 15 мүнөт күтүп, кайра аракет кылыңыз.
web-error-internal-title = Кечиресиз, кызматта көйгөй чыкты
web-error-internal-body = Кийинчерээк кайра аракет кылыңыз. Киргизген маалыматыңыз сакталган жок.

web-error-invalid = Бул жерге киргизилгенди текшериңиз
web-error-required-field = «{ $field }» талаасын толтуруңуз
web-error-invalid-field = «{ $field }» талаасын текшериңиз
web-error-required = Бул талааны толтуруңуз
web-error-too_short = Кеминде { $min } белги киргизиңиз
web-error-too_long = Эң көп дегенде { $max } белги киргизиңиз
web-error-invalid_email = Электрондук почтанын дарегин туура форматта киргизиңиз, мисалы name@example.com
web-error-common_password = Бул сырсөздү табуу өтө оңой. Башкасын тандаңыз, мисалы, эсиңизде кала турган бир нече сөз
web-error-forbidden_character = Бул жерде колдонууга болбой турган белгини өчүрүңүз ({ $char })
web-error-unknown_value = Булардын бирин тандаңыз: { $allowed }
web-error-wrong_password = Учурдагы сырсөз туура эмес
web-error-same_password = Жаңы сырсөз учурдагыдан башка болушу керек
web-error-email-required = Электрондук почтаңыздын дарегин киргизиңиз
web-error-email-invalid_email = Электрондук почтанын дарегин туура форматта киргизиңиз, мисалы name@example.com
web-error-password-required = Сырсөзүңүздү киргизиңиз
web-error-password-too_short = Сырсөз кеминде { $min } белгиден турушу керек
web-error-new_password-too_short = Жаңы сырсөз кеминде { $min } белгиден турушу керек
web-error-current_password-required = Учурдагы сырсөзүңүздү киргизиңиз
web-error-full_name-required = Аты-жөнүңүздү киргизиңиз

web-home-title = Россиядан коопсуз жумуш издөө
web-home-heading = Россиядан мыйзамдуу жумуш табыңыз
web-home-lead = Текшерилген иш берүүчүлөрдүн вакансиялары: жазуу жүзүндөгү келишим, турак жай жана сизден эч кандай акы алынбайт.
web-home-search-label = Кандай жумуш издеп жатасыз?
web-home-search-hint = Мисалы: ширетүүчү, Москва
web-home-search-button = Издөө

web-role-migrant = Жумушчу
web-role-employer = Иш берүүчү
web-role-agency = Кадрдык агенттик
web-role-centre = Жолго чыгууга даярдоо борбору
web-role-ministry = Министрлик
web-role-admin = Администратор
web-role-migrant-intro = Жумуш издеңиз, вакансияларга өтүнмө бериңиз жана келишимиңизди өз тилиңизде окуңуз.
web-role-employer-intro = Бул жерде вакансияларды жарыялап, жумушка алуунун жүрүшүн көзөмөлдөйсүз.
web-role-agency-intro = Бул жерде талапкерлердин атынан иш алып барып, алардын жумушка орношуусун көзөмөлдөйсүз.
web-role-centre-intro = Бул жерде сабактарды өткөрүп, жолго чыгууга даярдыкты текшересиз.
web-role-ministry-intro = Бул жерде лицензияларды, жумушка орноштурууларды, квоталарды жана даттанууларды карайсыз.
web-role-admin-intro = Бул жерде уюмдарды жана каттоо эсептерин башкарасыз.
