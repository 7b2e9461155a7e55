# Жазба формалары: белгілер, кеңестер, батырмалар және форма
# өрістердің жанында көрсететін хабарлар.
edit-heading-edit = Жазбаны өңдеу: { $what }
edit-heading-new = Жаңа жазба: { $what }
edit-delete = Бұл жазбаны жою ({ $what })
edit-edit = Өңдеу
edit-add-event = Оқиға қосу
edit-save = Сақтау
edit-changed = Сіз ашқаннан кейін өзгертілген
edit-field = Өріс
# review
edit-saved-and-yours = Қазір сақталғаны және сіздікі
edit-correct = Белгіленген өрістерді түзетіңіз.
edit-from-proposal = Ұсыныстан: сақтау оны қабылдайды.
edit-id = Идентификатор (міндетті емес)
edit-id-hint = бос қалдырылса, ол жасалады
edit-reason = Өзгерту себебі
edit-reason-hint = мысалы, HRW-дің 2019 жылғы қазандағы баяндамасынан
edit-proposal-reason = { $text } ұсынысы түзетулермен қабылданды
edit-excerpts-hint = Дереккөзді таңдап, үзіндіні ондағыдай дәл қойыңыз; Vigil оны мәтіннен табады.
edit-source = Дереккөз
edit-passage = Үзінді
edit-confidentiality = Құпиялылық
edit-whole-confidential = Бүкіл жазба құпия
edit-confidential-fields = Құпия өрістер:
# review
edit-other-events-hint = кешірім тоқтататын үкім
edit-name = Аты-жөні
edit-name-hint = адам ең жақсы танылатын атымен
edit-aliases = Басқа есімдері мен жазылуы (әр жолға біреуден, кез келген жазумен)
edit-sex = Жынысы
edit-sex-unknown = белгісіз
edit-occupation = Кәсібі немесе лауазымы
edit-country = Ел
edit-address = Мекенжайы
edit-address-hint = әдетте құпия деп белгіленеді
# review
edit-affiliations = Мүшелігі
edit-organisation = Ұйым
edit-any-spelling = кез келген жазылудағы атау
edit-role = Рөлі
edit-role-hint = мысалы, басшы
edit-period = Кезең
edit-sources-say = Дереккөздер не дейді
edit-org-aliases = Қысқартулар және басқа атаулар (әр жолға біреуден)
edit-kind = Түрі
# review
edit-part-of = Құрамында
edit-part-of-hint = кез келген жазылудағы ұйым атауы
edit-status = Мәртебесі
edit-type = Түрі
edit-date = Күні
edit-date-hint = 2019-10-16, 2019-08, 2016, 2018-09/2019-08 немесе 2019 жылғы 16 қазан
edit-title = Тақырыбы
edit-title-hint = қысқа тақырып
edit-place = Орны
edit-no-country = елсіз: елін көрсетпей сақтау
edit-description = Сипаттамасы
edit-who = Кім
edit-participant = Адам немесе ұйым
edit-victim-count = Аты аталмаса, зардап шеккендер саны
# review
edit-pattern = Тәжірибе: дереккөздер бір күнгі әрекет емес, жалғасып жатқан немесе жалпы тәжірибе туралы айтады
# review
edit-pattern-hint = Тәжірибе бөлек көрсетіледі және жыл бағасында да, «содан бері» оқиғаларында да, соңғы оқиғалар арасында да есептелмейді; ол ешкімді шектемейді.
edit-terms = Үкім бойынша жаза
edit-imprisonment = Бас бостандығынан айыру
edit-imprisonment-hint = P7Y немесе жеті жыл
edit-restricted-freedom = Бас бостандығын шектеу
edit-fine = Айыппұл
edit-fine-none = жоқ
edit-fine-undisclosed = сомасы көрсетілмеген
edit-fine-amount = сомасы:
edit-amount = Сомасы
edit-currency = Валюта
# review
edit-banned-from = Тыйым салынғаны
edit-banned-from-hint = мысалы, кәсіподаққа басшылық ету
edit-ban-for = Мерзімі
edit-ban-for-hint = P5Y; көрсетілмесе, бос
edit-evidence = Дәлелдер (кемінде бір үзінді)
edit-case-title-hint = … қудалау
edit-case-events = Оқиғалар (идентификаторлар, әр жолға біреуден)
edit-case-persons = Адамдар (идентификаторлар, әр жолға біреуден)
edit-publisher = Баспагер
edit-language = Тілі
edit-published = Жарияланған күні
edit-url = Түпнұсқаның мекенжайы
edit-full-text = Толық мәтіні
edit-full-text-hint = сайт навигациясыз мақала мәтіні
edit-json-hint = Бұл жазба JSON ретінде, API-дағыдай өрістермен және тексерулермен өңделеді (/api/v1/openapi.json қараңыз); құпиялылықты оның өз «confidential» және «confidential_fields» өрістері белгілейді.
edit-json = Жазба (JSON)
edit-error-stale = сіз форманы ашқаннан кейін бұл жазбаны басқа біреу сақтады; сіздің өзгерістеріңіздің ешқайсысы әлі сақталмаған. Төменде салыстырып, қажетін өзгертіп, олардың нұсқасын ауыстыру үшін қайта сақтаңыз
edit-error-differs = қазір сақталғаны: «{ $from }» — сіздікі: «{ $to }»
edit-error-reason = неге өзгертетініңізді жазыңыз: себебі редакциямен бірге сақталады
edit-error-id-taken = «{ $text }» идентификаторы бос емес
edit-error-no-country-proposed = ел көрсетілмеген, сондықтан бұл оқиға ешбір ел бетінде де, шолуда да болмайды; қатысушылар «{ $country }» елінде, ол толтырылды: тексеріп, қайта сақтаңыз (немесе елсіз сақтау үшін «елсіз» белгілеңіз)
edit-error-no-country = ел көрсетілмеген, сондықтан бұл оқиға ешбір ел бетінде де, шолуда да болмайды: елді көрсетіңіз немесе елсіз сақтау үшін «елсіз» белгілеңіз
edit-error-choose-source = үзінді алынған дереккөзді таңдаңыз
edit-error-paste-passage = дереккөзден үзінді қойыңыз
edit-error-no-source = мұндай дереккөз жоқ
edit-error-passage-not-found = бұл үзінді дереккөзде сөзбе-сөз жоқ
edit-error-fine = соманы және валютаны көрсетіңіз (мысалы, KZT)
edit-error-required = міндетті
edit-error-date = «{ $text }» — Vigil түсінетін күн емес: 2019-10-16, 2019-10, 2019, 2018-09/2019-08 немесе 2019 жылғы 16 қазан деп жазыңыз
edit-error-duration = «{ $text }» — Vigil түсінетін мерзім емес: P7Y, P5M8D немесе жеті жыл деп жазыңыз
edit-error-not-called = іс материалдарында «{ $name }» деп аталатын ештеңе жоқ: басқаша жазып көріңіз немесе алдымен жазбаны қосыңыз
edit-error-several = «{ $name }» бірнеше жазба болуы мүмкін: төменнен біреуін таңдаңыз
edit-error-not-empty = бос болмауы керек
edit-error-too-long = 500 таңбадан аспауы керек
edit-error-control = басқару таңбалары болмауы керек
edit-error-country = тізімдегі елдердің бірі
edit-error-url = http:// немесе https:// деп басталатын мекенжай
edit-error-language = тіл коды, мысалы en, ru немесе kk
edit-error-self = оқиға өзіне-өзі қатысты бола алмайды
edit-error-own-parent = ұйым өзінің құрамында бола алмайды
edit-error-evidence = оқиғаға дәлел ретінде дереккөзден кемінде бір үзінді керек
edit-error-source-text = дереккөздің мәтіні болуы керек
edit-candidates = Қайсысын айтып отырсыз?
# review
edit-candidate-page = оның беті
edit-error-date-required = міндетті: мысалы, 2019-10-16, 2019-08, 2016 немесе 2019 жылғы 16 қазан

# A confidential record names no id of its own.
# review
edit-error-confidential-id = құпия жазбаның идентификаторын Vigil өзі береді, ол жазба туралы ештеңе айтпауы үшін: идентификаторды көрсетпеңіз
# review
edit-error-claims = Оқиғаның басқа нұсқаларын оқу мүмкін болмады: форманы қайта ашыңыз.
# review
edit-excerpt-states-claim = Бұл үзінді басқа нұсқаны келтіреді:
# review
edit-claims-kept = Оқиғаның басқа нұсқалары сол күйінде сақталады; олар бойынша шешім оқиға бетінде қабылданады.
