# Браузер беттери: кирүү, катталуу, почтаны ырастоо, сырсөздөр, жеке кабинет.

web-field-email = Электрондук почтанын дареги
web-field-email-hint = Бул даректи ырастоо үчүн ага шилтеме жөнөтөбүз.
web-field-password = Сырсөз
web-field-full-name = Аты-жөнү
web-field-full-name-hint = Паспортто жазылгандай.
web-field-new-password = Жаңы сырсөз
web-field-new-password-hint = Кеминде 10 белги. Эсиңизде кала турган бир нече сөз — жакшы сырсөз.
web-field-current-password = Учурдагы сырсөз

web-sign-in-title = Кирүү
web-sign-in-button = Кирүү
web-sign-in-forgot-link = Сырсөздү унутуп калдым
web-sign-in-register-link = Каттоо эсебин түзүү
web-sign-in-wrong = Электрондук почтанын дареги же сырсөз туура эмес
web-sign-in-disabled = Бул каттоо эсеби өчүрүлгөн. Аны кайра иштетүү үчүн колдоо кызматына кайрылыңыз
web-sign-in-too-many = Кирүү аракеттери өтө көп. 15 мүнөт күтүп, кайра аракет кылыңыз

web-register-title = Каттоо эсебин түзүү
web-register-intro = Жумуш издеген жумушчулар үчүн. Андан кийин вакансияларга өтүнмө берип, келишимиңизди окуй аласыз.
web-register-button = Каттоо эсебин түзүү
web-register-sign-in-link = Менин каттоо эсебим бар
web-register-done-title = Почтаңызды текшериңиз
web-register-done-body = Көрсөтүлгөн дарекке кат жөнөттүк. Даректи ырастоо үчүн каттагы шилтемени ачыңыз. Шилтеме { $hours } саат иштейт.

web-link-invalid-title = Бул шилтеме иштебейт
web-link-invalid-body = Ал мурда колдонулган, мөөнөтү бүткөн же толук көчүрүлгөн эмес. Жаңысын сурасаңыз болот.

web-verify-done-title = Электрондук почтаңыздын дареги ырасталды
web-verify-done-body = Рахмат. Эми жеке кабинетиңиздин бардык бөлүмдөрү жеткиликтүү.

web-forgot-title = Сырсөздү калыбына келтирүү
web-forgot-intro = Каттоо эсебиңиздин электрондук почта дарегин киргизиңиз. Жаңы сырсөз тандоо үчүн шилтеме жөнөтөбүз.
web-forgot-button = Шилтемени жөнөтүү
web-forgot-sent-title = Почтаңызды текшериңиз
web-forgot-sent-body = Эгер бул дарек каттоо эсебине байланган болсо, ага жаңы сырсөз тандоо үчүн шилтеме жөнөттүк. Шилтеме { $minutes } мүнөт иштейт.

web-reset-title = Жаңы сырсөз тандаңыз
web-reset-button = Жаңы сырсөздү сактоо
web-reset-done-body = Жаңы сырсөз менен кириңиз. Сиз бардык түзмөктөрдөн чыгарылдыңыз.
web-password-changed-title = Сырсөз өзгөртүлдү

web-change-password-title = Сырсөздү өзгөртүү
web-change-password-button = Сырсөздү өзгөртүү
web-change-password-done-body = Сиз башка бардык түзмөктөрдөн жана тиркемелерден чыгарылдыңыз.

web-account-title = Жеке кабинет
web-account-signed-in-as = Сиз { $name } катары кирдиңиз.
web-account-role = Каттоо эсебинин түрү
web-account-unverified = Электрондук почтаңыздын дареги азырынча ырастала элек. Биз жөнөткөн каттагы шилтемени ачыңыз.
web-account-link-search = Жумуш табуу
