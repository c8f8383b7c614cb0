# Саҳифаҳои браузер: воридшавӣ, бақайдгирӣ, тасдиқи почта, паролҳо, утоқи шахсӣ.

web-field-email = Суроғаи почтаи электронӣ
web-field-email-hint = Барои тасдиқ ба ин суроға истинод мефиристем.
web-field-password = Парол
web-field-full-name = Насаб ва ном
web-field-full-name-hint = Чунон ки дар шиноснома навишта шудааст.
web-field-new-password = Пароли нав
web-field-new-password-hint = На камтар аз 10 аломат. Якчанд калимае, ки дар ёдатон мемонад, пароли хуб аст.
web-field-current-password = Пароли ҷорӣ

web-sign-in-title = Воридшавӣ
web-sign-in-button = Ворид шудан
web-sign-in-forgot-link = Паролро фаромӯш кардам
web-sign-in-register-link = Сохтани ҳисоб
web-sign-in-wrong = Суроғаи почтаи электронӣ ё парол нодуруст аст
web-sign-in-disabled = Ин ҳисоб хомӯш карда шудааст. Барои фаъол кардани он ба хадамоти дастгирӣ муроҷиат кунед
web-sign-in-too-many = Кӯшишҳои воридшавӣ хеле зиёданд. 15 дақиқа интизор шавед ва боз кӯшиш кунед

web-register-title = Сохтани ҳисоб
web-register-intro = Барои коргароне, ки кор меҷӯянд. Баъд аз он метавонед ба ҷойҳои холӣ ариза диҳед ва шартномаи худро хонед.
web-register-button = Сохтани ҳисоб
web-register-sign-in-link = Ман аллакай ҳисоб дорам
web-register-done-title = Почтаи худро санҷед
web-register-done-body = Мо ба суроғаи нишондодашуда мактуб фиристодем. Барои тасдиқи суроға истиноди дар мактуббударо кушоед. Истинод { $hours } соат амал мекунад.

web-link-invalid-title = Ин истинод кор намекунад
web-link-invalid-body = Он аллакай истифода шудааст, мӯҳлаташ гузаштааст ё пурра нусхабардорӣ нашудааст. Шумо метавонед истиноди навро дархост кунед.

web-verify-done-title = Суроғаи почтаи электронии шумо тасдиқ шуд
web-verify-done-body = Ташаккур. Акнун ҳамаи бахшҳои утоқи шахсии шумо дастрасанд.

web-forgot-title = Барқарор кардани парол
web-forgot-intro = Суроғаи почтаи электронии ҳисоби худро ворид кунед. Мо барои интихоби пароли нав истинод мефиристем.
web-forgot-button = Фиристодани истинод
web-forgot-sent-title = Почтаи худро санҷед
web-forgot-sent-body = Агар ин суроға ба ҳисобе пайваст бошад, мо ба он барои интихоби пароли нав истинод фиристодем. Истинод { $minutes } дақиқа амал мекунад.

web-reset-title = Пароли навро интихоб кунед
web-reset-button = Нигоҳ доштани пароли нав
web-reset-done-body = Бо пароли нав ворид шавед. Шумо аз ҳамаи дастгоҳҳо бароварда шудед.
web-password-changed-title = Парол иваз карда шуд

web-change-password-title = Иваз кардани парол
web-change-password-button = Иваз кардани парол
web-change-password-done-body = Шумо аз ҳамаи дастгоҳҳо ва барномаҳои дигар бароварда шудед.

web-account-title = Утоқи шахсӣ
web-account-signed-in-as = Шумо ҳамчун { $name } ворид шудед.
web-account-role = Навъи ҳисоб
web-account-unverified = Суроғаи почтаи электронии шумо ҳанӯз тасдиқ нашудааст. Истиноди дар мактуби фиристодаи мо бударо кушоед.
web-account-link-search = Ёфтани кор
