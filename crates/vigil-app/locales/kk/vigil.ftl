# Vigil сөздері қазақ тілінде. Кілттер en/vigil.ftl файлындағыдай (тест тексереді).
# Фразалар "# review" белгісімен — ана тілінде сөйлейтін маманның тексеруіне.
# (Phrases marked "# review" await a native speaker's review.)


## The frame of every page
# review: a native speaker should confirm this wording
site-footer = Vigil-дегі әрбір дерек оны хабарлаған дереккөздің үзіндісіне сілтеме жасайды.
nav-persons = Адамдар
nav-organisations = Ұйымдар
nav-events = Оқиғалар
nav-cases = Істер
nav-sources = Дереккөздер
nav-status = Мәртебе
nav-countries = Елдер
nav-api = API
nav-accounts = Тіркелгілер
search-label = Іздеу
search-placeholder = Кез келген жазылудағы есім, сөз…
search-button = Іздеу
signed-in-as = Сіз кірдіңіз:
sign-out = Шығу
sign-in = Кіру
language-switch = Тіл
pager-previous = ← Алдыңғы
pager-next = Келесі →
pager-range = { $total } ішінен { $first }–{ $last }

## The start page
# review: a native speaker should confirm this wording
home-lead = Кәсіподақ белсенділері мен құқық қорғаушыларды қудалау туралы іс-құжат: кім, кімге, не істеді, қашан — және мұны қай дереккөз айтады.
home-count-persons =
    { $count ->
       *[other] адам
    }
home-count-organisations =
    { $count ->
       *[other] ұйым
    }
home-count-events =
    { $count ->
       *[other] оқиға
    }
home-count-cases =
    { $count ->
       *[other] іс
    }
home-count-sources =
    { $count ->
       *[other] дереккөз
    }
home-today = Бүгін түрмеде немесе тыйым астында
home-derived = { $day } күнгі жазылған оқиғалар бойынша.
home-other-day = Басқа күнгі мәртебе →
home-all-not-free = Бүгін бостандығынан айырылғандардың бәрі: { $count } →
home-latest-events = Соңғы оқиғалар
home-all-events = Барлық оқиғалар →
status-imprisoned = Түрмеде
status-in-custody = Қамауда
status-banned = Тыйым астында
events-none = Оқиғалар жоқ.

## The status list
status-page-title = Күндегі мәртебе
status-heading = { $day } күнгі мәртебе
status-lead = Тек жазылған оқиғалардан шығарылады: адамның бетінде әр жолдың қай оқиғалардан туындайтыны көрсетілген.
status-day = Күн
status-only = Тек
status-all-restraints = барлық шектеулер
status-sorted-by = Сұрыптау
status-order-name = аты бойынша
status-order-start = басталуы бойынша
status-order-end = күтілетін аяқталуы бойынша
status-show = Көрсету
status-none = Бұл күні іс-құжаттағы ешкім шектеуде емес.
status-count = Бұл күні { $count } адам бостандығынан айырылған.
status-csv = Бүкіл тізімді CSV түрінде жүктеп алу
status-restricted = Бас бостандығы шектелген
status-fined = Айыппұл салынғандар
restraint-scope = ({ $scope })
restraint-since = басталуы: { $start }
end-free-from = бостандыққа шығуы: { $day }
# review: a native speaker should confirm this wording
end-free-between = бостандыққа шығуы: { $from } мен { $to } аралығында
end-unknown = аяқталуы белгісіз
restraint-possibly = (мүмкін)
# review: a native speaker should confirm this wording
restraint-possibly-why = Нақты емес күндерді бір оқығанда бұл шектеу күшінде, басқаша оқығанда — жоқ
restraint-last-confirmed = соңғы рет { $day } расталды
restraint-last-confirmed-why = Одан кейін жарияланған бірде-бір дереккөз мұның әлі күшінде екенін айтпайды

## Dates: a day, a month, a year
date-day = { $year } жылғы { $day } { $month }
date-month = { $year } жылғы { $month }
date-year = { $year } ж.

# The month after a day ("16 October"), and alone ("October 2019").
month-of-1 = қаңтар
month-of-2 = ақпан
month-of-3 = наурыз
month-of-4 = сәуір
month-of-5 = мамыр
month-of-6 = маусым
month-of-7 = шілде
month-of-8 = тамыз
month-of-9 = қыркүйек
month-of-10 = қазан
month-of-11 = қараша
month-of-12 = желтоқсан
month-1 = қаңтар
month-2 = ақпан
month-3 = наурыз
month-4 = сәуір
month-5 = мамыр
month-6 = маусым
month-7 = шілде
month-8 = тамыз
month-9 = қыркүйек
month-10 = қазан
month-11 = қараша
month-12 = желтоқсан

## Vocabulary terms

event-type-arrest = Қамауға алу
event-type-detention = Ұстау
event-type-search = Тінту
event-type-seizure = Алып қою
event-type-interrogation = Жауап алу
event-type-investigation = Тергеу
event-type-charge = Айып тағу
event-type-trial = Сот процесі
event-type-conviction = Кінәлі деп тану
event-type-sentence = Үкім
event-type-pardon = Кешірім
event-type-release = Босату
event-type-fine = Айыппұл
event-type-ban = Тыйым
event-type-appeal = Апелляция
event-type-acquittal = Ақтау
event-type-amnesty = Рақымшылық
event-type-registration-denial = Тіркеуден бас тарту
# review: a native speaker should confirm this wording
event-type-dissolution = Жою
event-type-strike = Ереуіл
event-type-rally = Митинг
# review: a native speaker should confirm this wording
event-type-dispersal = Күшпен тарату
event-type-law = Заң
event-type-statement = Мәлімдеме
event-type-review = Шолу
event-type-pledge = Міндеттеме
event-type-campaign = Науқан
event-type-award = Марапат
event-type-resignation = Қызметтен кету
event-type-appointment = Тағайындау
event-type-sanction = Санкция
event-type-harassment = Қудалау

participant-role-victim = Жәбірленуші
participant-role-perpetrator = Құқық бұзушы
participant-role-actor = Қатысушы
# review: a native speaker should confirm this wording
participant-role-target = Қысым нысанасы

organisation-kind-union = Кәсіподақ
organisation-kind-confederation = Конфедерация
organisation-kind-ngo = ҮЕҰ
organisation-kind-state-body = Мемлекеттік орган
organisation-kind-court = Сот
organisation-kind-intergovernmental = Үкіметаралық ұйым
organisation-kind-political-movement = Саяси қозғалыс
organisation-kind-media = БАҚ
organisation-kind-other = Басқа

organisation-status-active = Жұмыс істейді
organisation-status-dissolved = Таратылған
organisation-status-banned = Тыйым салынған
organisation-status-unknown = Белгісіз

sex-female = Әйел
sex-male = Ер
sex-other = Басқа

account-role-admin = Әкімші
account-role-editor = Редактор
account-role-confidential-reader = Құпия жазбаларға қолжетімді редактор
account-role-reader = Оқырман
account-role-device = Далалық құрылғы (тек OpenRosa арқылы есеп жібереді)

record-kind-person = Адам
record-kind-organisation = Ұйым
record-kind-event = Оқиға
record-kind-case = Іс
record-kind-source = Дереккөз
record-kind-mechanism = Шолу тетігі
record-kind-review = Шолу
record-kind-recommendation = Ұсыным
record-kind-pledge = Міндеттеме
record-kind-assessment = Бағалау
record-kind-rating-rule = Рейтинг ережесі

mechanism-kind-upr = БҰҰ Адам құқықтары жөніндегі кеңесі, Әмбебап мерзімдік шолу
mechanism-kind-ilo-cas = ХЕҰ-ның Нормаларды қолдану жөніндегі комитеті
mechanism-kind-ilo-cfa = ХЕҰ-ның Бірлестік бостандығы жөніндегі комитеті
mechanism-kind-ilo-supervision = ХЕҰ-ның қадағалау органы (басқа)
mechanism-kind-treaty-body = БҰҰ-ның шарттық органы
mechanism-kind-special-procedure = БҰҰ-ның арнайы рәсімі
mechanism-kind-national = Ұлттық орган
mechanism-kind-other = Басқа

cfa-case-status-active = Белсенді
# review: a native speaker should confirm this wording
cfa-case-status-follow-up = Кейінгі бақылау
cfa-case-status-closed = Жабылған

state-response-supported = Қолдау тапты
state-response-noted = Назарға алынды
state-response-none = Жауап жоқ

theme-freedom-of-association = Бірлестік бостандығы
theme-right-to-strike = Ереуілге шығу құқығы
theme-collective-bargaining = Ұжымдық келіссөздер
theme-assembly = Бейбіт жиналыс бостандығы
theme-expression = Пікір білдіру бостандығы
theme-fair-trial = Әділ сот талқылауы
theme-human-rights-defenders = Құқық қорғаушылар
# review: a native speaker should confirm this wording
theme-detention = Негізсіз ұстау
theme-judicial-reform = Сот және құқық қорғау жүйесінің реформасы
theme-other = Басқа

implementation-status-not-implemented = Орындалмаған
implementation-status-partially-implemented = Ішінара орындалған
implementation-status-implemented = Орындалған
implementation-status-regressed = Нашарлаған

bearing-supports = Растайды
bearing-contradicts = Жоққа шығарады

indicator-group-civil-liberties = Азаматтық бостандықтар
indicator-group-right-to-organise = Кәсіподақ құру және оған кіру құқығы
indicator-group-union-activities = Кәсіподақ қызметі
indicator-group-collective-bargaining = Ұжымдық келіссөздер
indicator-group-right-to-strike = Ереуілге шығу құқығы

restraint-kind-custody = Қамауда
restraint-kind-imprisonment = Түрмеде
restraint-kind-restricted-freedom = Бас бостандығын шектеу
restraint-kind-activity-ban = Қызметке тыйым
restraint-kind-fine = Айыппұл салынған

certainty-certain = Анық
certainty-possible = Мүмкін

# The campaign page's signing form: what stopped a signature, in plain words.
campaign-sign-problem-name = Атыңызды жазыңыз (200 таңбадан аспасын).
campaign-sign-problem-email = Бұл электрондық пошта мекенжайына ұқсамайды. Тексеріп көріңіз.
campaign-sign-problem-disposable = Бір реттік пошта қызметтерінің мекенжайлары қабылданбайды. Әдеттегі мекенжайыңызды көрсетіңіз.
campaign-sign-problem-country = Еліңізді тізімнен таңдаңыз.
campaign-sign-problem-organisation = Ұйымның атауы тым ұзын (200 таңбадан аспасын).
campaign-sign-problem-too-fast = Тым жылдам! Сәл күтіп, батырманы қайта басыңыз: енгізгеніңіздің бәрі сақталды.
campaign-sign-problem-stale-form = Форма тым ұзақ ашық тұрды немесе бұрын жіберілген. Батырманы қайта басыңыз: енгізгеніңіздің бәрі сақталды.
campaign-sign-problem-closed = Бұл науқан қазір қол қабылдамайды.
campaign-sign-problem-rate-limited = Желіңізден жаңа ғана тым көп қол келді. Бір минуттан кейін қайталап көріңіз.
campaign-sign-problem-failed = Бізде бірдеңе дұрыс болмады. Сәлден кейін қайталап көріңіз.
# review
restraint-disputed = даулы
# review
restraint-disputed-why = Бұған негіз болған оқиға туралы дереккөздер әртүрлі айтады; олардың нұсқаларын қараңыз

# A month as a sentence puts it (the prepositional/locative case).
date-in-month = { $year } жылғы { $month }
end-free-during = бостандыққа шығуы: { $date }
month-in-1 = қаңтарда
month-in-2 = ақпанда
month-in-3 = наурызда
month-in-4 = сәуірде
month-in-5 = мамырда
month-in-6 = маусымда
month-in-7 = шілдеде
month-in-8 = тамызда
month-in-9 = қыркүйекте
month-in-10 = қазанда
month-in-11 = қарашада
month-in-12 = желтоқсанда

# The language's name in itself, on the language switch.
language-own-name = Қазақша
