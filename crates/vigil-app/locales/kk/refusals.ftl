# Кодтың ағылшынша мәтінінен оқылған бас тартулар (src/readback.rs).

refusal-at-most-characters = ең көбі { $count } таңба
refusal-at-most-items = ең көбі { $count } элемент
refusal-at-most = ең көбі { $count }
refusal-email-too-long = электрондық пошта мекенжайы ең көбі { $count } таңба
refusal-email-required = электрондық пошта мекенжайы қажет
refusal-email-at = электрондық пошта мекенжайында @ белгісі болады
refusal-email-local = @ алдындағы бөлік 1–64 таңба, онда басқа @ болмайды
refusal-email-local-characters = @ алдындағы бөлікте мекенжайда болмайтын таңбалар бар
refusal-email-domain = @ кейінгі бөлік домен атауы емес
# review
refusal-email-local-empty = @ алдындағы бөлік белгісіз (+…) бос қалады
refusal-confidential-field = «{ $what }» түріндегі жазбада «{ $field }» өрісін құпия деп белгілеуге болмайды (болады: { $text })
refusal-wrong-kind = «{ $name }» — { $what }, ал { $other } емес
# review
refusal-exposes = «{ $name }» — құпия жазба, бұл жазбаны ({ $what }) онсыз көрсетуге болмайды: оны да құпия етіп белгілеңіз
refusal-misquoted = «{ $name }» дереккөзінің { $start }..{ $to } байттарында дәйексөз жоқ
refusal-misquoted-case-file = «{ $name }» ішінде { $start }..{ $to } байттарында дәйексөз жоқ
refusal-date-written = «{ $text }» — ЖЖЖЖ-АА-КК түрінде жазылған күн емес
refusal-date-form = күн ЖЖЖЖ-АА-КК түрінде жазылады
refusal-date-iso = күн ЖЖЖЖ-АА-КК түрінде жазылады
refusal-date-empty = күн бос
refusal-date-shape = «{ $text }» — ЖЖЖЖ, ЖЖЖЖ-АА, ЖЖЖЖ-АА-КК түріндегі күн де, А/Б аралығы да емес
refusal-date-year = { $year } жыл 1000–9999 аралығынан тыс
refusal-date-day = «{ $text }» — күнтізбеде ондай күн жоқ
refusal-date-backwards = аралық алға қарай жүреді: басы соңынан толық бұрын болуы керек: «{ $text }»
refusal-date-relative = «{ $text }» дегенді оқу үшін мақаланың өз күні керек (ол берілмеген)
refusal-date-unknown = «{ $text }» — Vigil түсінетін күн емес
refusal-duration-shape = «{ $text }» — P7Y немесе P5M8D сияқты ISO 8601 мерзімі емес
refusal-duration-hours = «{ $text }» ішінде сағат, минут не секунд бар, ал мерзімдер күнмен саналады
refusal-duration-too-long = «{ $text }» — тым ұзақ мерзім
refusal-duration-unknown = «{ $text }» — Vigil түсінетін мерзім емес
refusal-user-name = пайдаланушы аты 2–64 таңба: кіші латын әріптері, цифрлар, «.», «_», «-», «@»
refusal-country-code = «{ $text }» — ел коды емес: ISO 3166-1 alpha-2 кодын жазыңыз, мысалы KZ
refusal-country-nothing = істе { $country } елі туралы ештеңе жоқ
refusal-no-rating-rule = істе рейтинг ережесі жоқ: оны /api/v1/rating-rules арқылы жасаңыз
refusal-year = жыл 1900 бен 2200 аралығындағы сан, мысалы 2019
refusal-may-not-change = сіздің тіркелгіңіз жазбаларды өзгерте алмайды
refusal-reason-too-long = себеп ең көбі { $count } таңба
refusal-reason-control = себепте басқару таңбалары (жол ауыстыру, табуляция) болмауы керек
refusal-json-object = «{ $what }» түріндегі жазба — JSON нысаны
refusal-confidential-needs-role = жазбаны не өрісті құпия деп белгілеу немесе мекенжай жазу үшін confidential_reader рөлі керек
refusal-address-needs-role = мекенжай жазу үшін confidential_reader рөлі керек
refusal-restore-needs-role = құпия мазмұны бар жазбаны қалпына келтіру үшін confidential_reader рөлі керек
refusal-only-admins-accounts = тіркелгілерді тек әкімшілер басқарады; рөліңізді өзгертуді солардың біреуінен сұраңыз
refusal-disable-self = өз тіркелгіңізді өшіре алмайсыз
refusal-demote-self = өзіңізден әкімші рөлін ала алмайсыз; басқа әкімшіден сұраңыз
refusal-account-disabled = { $name } тіркелгісі өшірілген
refusal-role = рөл мыналардың бірі: { $text }
refusal-password-short = құпиясөз кемінде { $count } таңба
refusal-proposal-accepted = «{ $name }» ұсынысы бұрын қабылданған
refusal-proposal-rejected = «{ $name }» ұсынысы бұрын қабылданбаған
refusal-alias-first = алдымен осы атау білдіретін адамды не ұйымды қабылдаңыз
refusal-only-admins-invalidate = қолдарды тек әкімшілер жарамсыз деп таниды
# review
refusal-slug-differs = сұраныс денесіндегі қысқа атау мекенжайға сәйкес келмейді
refusal-invalidation-filter = мекенжай ауқымын, доменді не уақыт аралығын көрсетіңіз
refusal-required = бұл өріс міндетті
refusal-link-scheme = сілтеме https:// немесе http:// деп басталады
refusal-link-too-long = сілтеме — ең көбі { $count } таңбалы веб-мекенжай
refusal-response-future = жауап болашақтан келе алмайды
refusal-outcome-result = мыналардың бірі: won, partly_won, lost, ongoing
refusal-campaign-closed = бұл науқан қазір қол қабылдамайды
refusal-rate-limited = желіңізден тым көп қол келді: бір минуттан кейін қайталаңыз
refusal-disposable = бір реттік пошта қызметтерінің мекенжайлары қабылданбайды
# review
refusal-pow-required = жұмыс дәлелі керек (GET …/challenge)
refusal-pow-malformed = форманың тапсырмасы бұзылған: бетті қайта жүктеңіз
refusal-pow-not-ours = форманың тапсырмасы бізден емес: бетті қайта жүктеңіз
refusal-pow-expired = форманың мерзімі өтті: бетті қайта жүктеңіз
# review
refusal-pow-wrong = жұмыс дәлелі қате: бетті қайта жүктеңіз
refusal-pow-too-fast = форманы жібермес бұрын бірнеше секунд күтіңіз
refusal-pow-used = бұл форма бұрын жіберілген: қол қою үшін бетті қайта жүктеңіз
refusal-json-missing-field = міндетті «{ $field }» өрісі жоқ
refusal-json-unknown-field = белгісіз «{ $field }» өрісі; болатын өрістер: { $text }
refusal-json-unknown-field-one-of = белгісіз «{ $field }» өрісі; болатын өрістер: { $text }
refusal-json-unknown-variant-one-of = белгісіз «{ $name }» мәні; болатындары: { $text }
refusal-json-no-fields = белгісіз «{ $field }» өрісі: мұнда өрістер жоқ
refusal-json-duplicate-field = «{ $field }» өрісі екі рет берілген
refusal-json-unknown-variant = белгісіз «{ $name }» мәні; болатындары: { $text }
refusal-json-invalid-type = мәннің түрі өріс қабылдайтын түр емес
refusal-json-invalid-value = өріс қабылдамайтын мән
refusal-json-invalid-length = элементтер саны қате

json-fault-syntax-at = { $line }-жолдың { $column }-бағанында синтаксис қатесі
json-fault-eof-at = JSON тым ерте аяқталады: { $line }-жол, { $column }-баған
json-fault-syntax-column = { $column }-бағанда синтаксис қатесі
json-fault-eof-column = JSON тым ерте аяқталады, { $column }-бағанда
json-fault-eof = JSON тым ерте аяқталады
json-fault-data-at = { $message } ({ $line }-жол, { $column }-баған)
json-fault-data = мән өріс қабылдайтын түрде не пішінде емес

# Импорттың кіріс файл туралы айтқаны (vigil import).
refusal-import-line-too-long = жол { $count } байттан ұзын
refusal-import-id-mismatch = жолдың «{ $name }» идентификаторы оның жазбасының «{ $other }» идентификаторы емес
refusal-import-not-header = бұл { $name } JSON Lines файлының тақырыбы емес
refusal-import-not-csv-header = бұл { $name } экспортының тақырыбы емес
refusal-import-version = { $number } пішім нұсқасын оқу мүмкін емес (бұл Vigil { $other } нұсқасын оқиды)
refusal-import-full-scope = толық экспорт — бүтін іс: оны `vigil import` арқылы бос іске импорттаңыз
refusal-import-duplicate = «{ $name }» идентификаторы қайталанады (алғаш { $first }-жолда)
refusal-import-duplicate-row = «{ $name }» идентификаторы қайталанады (алғаш { $other }, { $first }-жол)
refusal-import-fewer-records = файл осы жерде бітеді: { $count } жазба оқылды, ал тақырыпта { $total } делінген (файл қысқарған ба?)
refusal-import-holds = істе «{ $name }» бұрыннан бар
refusal-import-header-unknown-table = тақырып белгісіз «{ $name }» кестесінің жолдарын санайды
refusal-import-not-empty = бұл іс бос емес: толық экспорт бос іске (жаңа деректер қалтасына не дерекқорға) импортталады
refusal-import-key-check = key_check base64 емес
refusal-import-other-key = файлдың мазмұны бұл істің кілтінен басқа кілтпен мөрленген: оны өзі шыққан істің кілтімен (оның vigil.key файлымен не VIGIL_KEY арқылы) импорттаңыз
refusal-import-unknown-table = белгісіз «{ $name }» кестесі
refusal-import-table-order = { $other } кестесінің жолдарынан кейін { $name } кестесінің жолы келді: экспорт кестелерді ретімен береді
refusal-import-fewer-rows = файл осы жерде бітеді: { $name } кестесінің { $count } жолы бар, ал тақырыпта { $total } делінген (файл қысқарған ба?)
refusal-import-empty-csv = файл бос: ол тақырып жолынан басталады
refusal-import-columns = бағандар бұл кестенікі емес: { $text }
refusal-import-row-cut = файл осы жолдың ортасында үзіледі (ол қысқарған ба?)
refusal-import-cells = { $count } ұяшық, ал тақырыпта { $total }
refusal-import-row-not-utf8 = жол UTF-8 емес
refusal-import-not-csv-row = бұл CSV жолы емес
refusal-import-not-number = «{ $text }» — бүтін сан емес
refusal-import-not-boolean = «{ $text }» — true да, false та емес
refusal-import-not-list = бұл тізім емес
refusal-import-not-zip = бұл оқылатын zip мұрағаты емес
refusal-import-cannot-unzip = ашу мүмкін емес
refusal-import-file-missing = { $name } файлы жоқ: CSV экспортында { $other } және әр кестенің файлы болады
refusal-import-no-such-table = { $name } — CSV пішімінің кестесі емес (оның кестелері: { $text })
refusal-import-refused = жазба қабылданбады
refusal-import-more = { $message } (сол жазбада тағы { $count } қате бар)
refusal-import-lines = { $first }–{ $last } жолдар: { $message }
# review
refusal-no-claim = бұл оқиғада «{ $name }» нұсқасы жоқ

# The replies ODK Collect shows on the phone.
# review
phone-digest-unreadable = Digest тіркелгі деректерін оқу мүмкін емес
# review
phone-sign-in = құрылғы тіркелгісінің атымен және құпия сөзімен кіріңіз
# review
phone-wrong-password = аты немесе құпия сөзі қате
# review
phone-sign-in-expired = кіру мерзімі өтті: қайта кіріңіз
# review
phone-internal-error = ішкі қате
# review
phone-form-list-unreadable = пішіндер тізімін оқу мүмкін емес
# review
phone-no-such-form = мұндай пішін жоқ
# review
phone-form-unreadable = пішінді оқу мүмкін емес
# review
phone-no-media = бұл пішінде медиафайлдар жоқ
# review
phone-manifest-unreadable = пішін файлдарының тізімін оқу мүмкін емес
# review
phone-no-such-media = мұндай медиафайл жоқ
# review
phone-media-unreadable = медиафайлды оқу мүмкін емес
# review
phone-too-large = есеп { $count } байттан үлкен
# review
phone-body-unreadable = есептің мазмұнын оқу мүмкін емес
# review
phone-no-such-report = мұндай есеп жоқ
# review
phone-not-stored = есепті сақтау мүмкін болмады
# review
phone-no-answers = есепте пішін жауаптары бар файл жоқ
# review
phone-other-report = осы идентификаторы бар басқа есеп бұрын алынған
# review
phone-other-file = осы есеппен { $name } атты басқа файл бұрын алынған
# review
phone-received = Рақмет: есеп алынды ({ $what }) және редакторды күтуде.
# review
phone-received-before = Бұл есеп бұрын алынған.
# review
phone-received-before-with = Бұл есеп бұрын алынған; оған { $count } тіркеме қосылды.
# review
phone-part-received = Есептің бір бөлігі алынды; тағы { $count } файл күтілуде.
# review
phone-refused = есеп қабылданбады
