# Науқан беті, қол қою формасы, растау беті және хаттар.
# Фразалар "# review" белгісімен — ана тілінде сөйлейтін маманның тексеруіне.

## Бет және форма
campaign-other-languages = Басқа тілдер
campaign-confirmed =
    { $count ->
       *[other] қолтаңба расталды
    }
campaign-goal = Мақсат: { $goal }
campaign-invalidated = (жарамсыз деп танылды: { $count })
# review: a native speaker should confirm this wording
campaign-signed = Рақмет! Поштаңызды тексеріңіз: қолтаңбаңыз хаттағы сілтеме арқылы расталғаннан кейін ғана есептеледі.
campaign-field-name = Аты-жөні
campaign-field-email = Электрондық пошта
campaign-field-country = Ел
campaign-field-organisation = Кәсіподақ немесе ұйым (міндетті емес)
campaign-field-website = Сайт
campaign-sign = Қол қою
# review: a native speaker should confirm this wording
campaign-privacy = Деректеріңіз шифрланған және науқан жабылғаннан кейін 6 айдан соң өшіріледі.
campaign-message = Адресаттарға үндеу
campaign-case-file = Іс материалдары
# Жалаушалардың мәтіні қолтаңбамен бірге берілген келісім ретінде сақталады.
# review: the consent wording is stored with the signature; a native speaker must confirm it
campaign-opt-in = Иә, осы науқанды ұйымдастырушылар маған осы және соған байланысты науқандар туралы хат жаза алады. Мен кез келген уақытта бас тарта аламын.
# review: a native speaker should confirm this wording
campaign-named = Менің атымды (электрондық поштамды емес) осы науқан жүгінетін адамдарға көрсету.

## Растау сілтемесінің беті
campaign-confirmed-title = Рақмет: қолтаңбаңыз есептелді
# review: a native speaker should confirm this wording
campaign-confirmed-text = Қолтаңбаңыз расталды. Науқан туралы басқаларға айтыңыз: әр қолтаңба оның салмағын арттырады.
campaign-spent-title = Сілтеме пайдаланылған немесе мерзімі өткен
campaign-spent-text = Бұл сілтеме бұрын пайдаланылған немесе оның мерзімі өтіп кеткен. Егер бұрын растаған болсаңыз, қолтаңбаңыз есептелді.
campaign-closed-title = Науқан жабық
campaign-closed-text = Бұл науқан енді қолтаңба қабылдамайды.
campaign-unknown-title = Белгісіз сілтеме
campaign-unknown-text = Бұл растау сілтемесі жарамсыз.

## Қолтаңбаны растауды сұрайтын хат
campaign-mail-subject = Қолтаңбаңызды растаңыз: { $title }
campaign-mail-hello = Сәлеметсіз бе, { $name }!
campaign-mail-thanks = «{ $title }» үндеуіне қол қойғаныңыз үшін рақмет.
campaign-mail-confirm = Қолтаңбаңыз мына сілтемені ашып растағаннан кейін есептеледі:
# review: a native speaker should confirm this wording
campaign-mail-expiry =
    { $count ->
       *[other] Сілтеме { $count } күн жарамды. Егер сіз қол қоймаған болсаңыз, бұл хатқа мән бермеңіз: басқа хат жіберілмейді.
    }

## Науқан адресаттарына арналған жиынтық
campaign-digest-subject = { $title } — қолтаңбалар: { $count }
campaign-digest-dear = Құрметті { $name }!
campaign-digest-count =
    { $count ->
       *[other] Бұл науқанға { $count } адам қол қойды.
    }
campaign-digest-by-country = Елдер бойынша: { $countries }
# review: a native speaker should confirm this wording
campaign-digest-named = Соңғы жиынтықтан бері атын көрсетуге келіскен қол қоюшылар:

## Stopping the updates (the link in every update to a signer)
# review: a native speaker should confirm this wording
campaign-unsubscribe-line = Бұл жаңалықтарды бұдан әрі алмау үшін мына сілтемені ашыңыз:
campaign-unsubscribe-title = Жаңалықтардан бас тарту
# review: a native speaker should confirm this wording
campaign-unsubscribe-ask = Батырманы басыңыз, сонда науқан сізге бұдан былай жаңалық жібермейді. Қолыңыз бұрынғыдай есептеледі.
campaign-unsubscribe-button = Жаңалықтардан бас тарту
campaign-unsubscribe-done-title = Жаңалықтар енді келмейді
# review: a native speaker should confirm this wording
campaign-unsubscribe-done = Науқан сізге бұдан былай жаңалық жібермейді. Қолыңыз бұрынғыдай есептеледі.
campaign-unsubscribe-invalid-title = Сілтеме жұмыс істемейді
campaign-unsubscribe-invalid = Хаттағы сілтеме толық көшірілгенін тексеріңіз.
