# Пәрмен жолының хабарлары (`vigil …`): нәтижелер, барысы және қателер.
# Жалаушалар мен ішкі пәрмендердің аттары, --help мәтіні ағылшынша қалады.

cli-no-runtime = орындау ортасын іске қосу мүмкін емес
# review
cli-database-url-not-postgres = --database-url postgres://… түріндегі мекенжайды қабылдайды; SQLite істің деректер қоры деректер қалтасында (--data)
cli-cannot-create-key-file = { $path } кілт файлын жасау мүмкін емес
cli-cannot-write-key-file = { $path } кілт файлын жазу мүмкін емес
# review
cli-cannot-sync-folder = { $path } қалтасын дискіге сақтау мүмкін емес
cli-cannot-replace-key-file = { $path } кілт файлын ауыстыру мүмкін емес
cli-cannot-read-passphrase = құпия сөйлемді терминалдан оқу мүмкін емес
cli-passphrase-needed = VIGIL_KEY_PASSPHRASE орнатыңыз немесе оны теру үшін vigil-ді терминалда іске қосыңыз
cli-passphrase-prompt = { $path } кілт файлының құпия сөйлемі
cli-key-file-wrapped = { $path } кілт файлы құпия сөйлеммен қорғалған
cli-cannot-open-key-file = { $path } кілт файлын ашу мүмкін емес
cli-cannot-read-key-file = { $path } кілт файлын оқу мүмкін емес
cli-key-file-unusable = { $path } кілт файлы жарамсыз
cli-key-given-twice = кілт екі рет берілген: VIGIL_KEY немесе --key-file (VIGIL_KEY_FILE) орнатыңыз, екеуін бірдей емес
cli-vigil-key-invalid = VIGIL_KEY жарамды кілт емес (64 он алтылық цифр керек)
# review
cli-key-file-missing = { $path } істің деректер қоры бар, бірақ оның { $other } кілт файлы жоқ: кілтті орнына қайтарыңыз немесе оны --key-file (VIGIL_KEY_FILE) не VIGIL_KEY арқылы көрсетіңіз
cli-the-key-file = { $path } кілт файлы
# review
cli-key-not-found = істің деректер қорының кілті бар, бірақ ол табылмады: оны { $path } ішіне салыңыз (--key-file, VIGIL_KEY_FILE) немесе VIGIL_KEY орнатыңыз
# review
cli-wrong-key = { $what } бұл істің кілтін сақтамайды: кілтті тексеру оны қабылдамайды
cli-cannot-remove = { $path } жою мүмкін емес
cli-vanished = { $path } оқу кезінде жоғалып кетті
# review
cli-neither-key = { $path } те, { $other } те бұл істің кілтін сақтамайды: кілтті тексеру екеуін де қабылдамайды
cli-cannot-move-into-place = { $path } орнына жылжыту мүмкін емес
cli-cannot-create-data-folder = { $path } деректер қалтасын жасау мүмкін емес
cli-cannot-open-postgres = істің деректер қорын PostgreSQL-де ашу мүмкін емес
cli-cannot-open-case-file = { $path } істің деректер қорын ашу мүмкін емес
cli-cannot-read-case-file = істің деректер қорын оқу мүмкін емес

# Сақтық көшірме және қалпына келтіру.
# review
cli-sqlite-only = vigil { $what } SQLite деректер қорына арналған; PostgreSQL көшірмесін pg_dump немесе базалық көшірмелер арқылы жасаңыз (README қараңыз)
cli-no-case-file-in = { $path } ішінде істің деректер қоры жоқ
cli-cannot-write-backup = { $path } сақтық көшірмесін жазу мүмкін емес
cli-wrote = жазылды: { $path }
cli-not-a-backup = { $path } Vigil-дің жарамды сақтық көшірмесі емес
cli-restore-not-empty = { $path } ішінде істің деректер қоры бар: бос деректер қалтасына қалпына келтіріңіз
cli-cannot-copy = { $path } көшіру мүмкін емес
cli-cannot-move-restored = қалпына келтірілген деректер қорын орнына жылжыту мүмкін емес
cli-restored = { $path } көшірмесі { $other } ішіне қалпына келтірілді
# review
cli-restore-key-note = ескерту: серверді іске қоспас бұрын істің кілтін { $path } ішіне салыңыз (немесе оның файлын --key-file арқылы көрсетіңіз, не VIGIL_KEY орнатыңыз): ол құпия жазбаларға керек

# Тіркелгілер мен токендер.
cli-password = Құпия сөз
cli-password-again = Тағы бір рет
cli-passwords-differ = екі құпия сөз сәйкес емес
cli-cannot-read-password = құпия сөзді стандартты енгізуден оқу мүмкін емес
cli-user-added = { $name } тіркелгісі қосылды ({ $role })
cli-user-active-state = белсенді
cli-user-disabled-state = өшірілген
cli-user-role-set = { $name } рөлі енді: { $role }
# review
cli-user-password-set = { $name } үшін жаңа құпия сөз орнатылды; оның барлық сеанстары аяқталды
cli-user-disabled = { $name } тіркелгісі өшірілді
cli-user-enabled = { $name } тіркелгісі қосылды
cli-token-revoked = { $name } тіркелгісінің { $number } токені кері қайтарылды

# Құжаттарды жүктеу.
# review
cli-ingest-extractor-failed = оқылмады: мәтінді шығарушы осы файлда істен шықты (бұл бағдарлама қатесі, ол туралы хабарлаңыз)
cli-ingest-cannot-read = оқу мүмкін емес: { $message }
cli-not-a-date = «{ $text }» күн емес
cli-no-such-path = мұндай файл немесе қалта жоқ
cli-cannot-list-folder = қалтаның ішін оқу мүмкін емес
cli-ingest-files = файл
cli-ingest-duplicate = { $name } дереккөзінің қайталануы (қайта сақталмады)
# review
cli-ingest-near-duplicate = { $name } дереккөзі ({ $other } дереккөзін қайталай жаздайды, ұқсастығы { $number })
cli-ingest-new = { $name } дереккөзі
cli-ingest-proposals = ұсыныстар
cli-ingest-done = жаңа дереккөздер: { $count }, қайталанулар: { $total }, қателер: { $first }
cli-ingest-failed = { $total } файлдың { $count } жүктелмеді
ingest-count-persons = { $count } адам
ingest-count-organisations = { $count } ұйым
ingest-count-events = { $count } оқиға
# review
ingest-count-aliases = { $count } басқа жазылу
read-error-empty = файл бос
read-error-no-text = тазалаудан кейін құжатта мәтін қалмады
read-error-binary = екілік деректер, мәтін, HTML немесе PDF емес
read-error-pdf = PDF оқылмайды: { $message }
# review
read-error-no-text-layer = PDF-те мәтін қабаты жоқ (сканер ме?): алдымен оны OCR арқылы танытыңыз

# Кілт.
cli-key-in-variable = кілт файлда емес, VIGIL_KEY ішінде: vigil key { $what } кілт файлымен жұмыс істейді (--key-file)
# review
cli-rotation-interrupted = кілтті ауыстыру үзілді ({ $path } бар): оны аяқтау үшін алдымен істің деректер қорын ашатын кез келген пәрменді орындаңыз (мысалы, vigil key rotate)
cli-key-already-wrapped = { $path } кілт файлы құпия сөйлеммен қорғалған
cli-wrap-needs-passphrase = кілтті қорғау үшін құпия сөйлем керек
cli-new-passphrase = Кілттің жаңа құпия сөйлемі
cli-passphrase-again = Құпия сөйлем тағы бір рет
cli-passphrases-differ = екі құпия сөйлем сәйкес емес: кілт файлы өзгерген жоқ
# review
cli-key-wrapped = { $path } кілт файлы құпия сөйлеммен қорғалды: енді ол әр іске қосуда керек (VIGIL_KEY_PASSPHRASE немесе терминал)
cli-key-not-wrapped = { $path } кілт файлы құпия сөйлеммен қорғалмаған
cli-key-unwrapped = { $path } кілт файлында қайтадан ашық кілт
cli-stop-server-to-rotate = кілтті ауыстырар алдында серверді тоқтатыңыз
# review
cli-resealing = қайта шифрлау
cli-rotation-failed = кілтті ауыстыру сәтсіз аяқталды: істің деректер қоры мен кілті өзгерген жоқ
# review
cli-rotation-not-moved = істің деректер қоры енді жаңа кілтпен шифрланған, ол { $path } ішінде, бірақ ол { $other } файлын ауыстыра алмады (келесі іске қосу мұны жасайды)
# review
cli-resealed = қайта шифрланған мәндер: { $count }, { $number } с ішінде
cli-key-rotated = кілт ауыстырылды: жаңасы { $path } ішінде. Бұған дейін жасалған сақтық көшірмелер тек ескі кілтпен ашылады.
cli-no-key-file = { $path } кілт файлы жоқ
# review
cli-key-split = бөліктер: { $count }; олардың кез келген { $number } кілтті қалпына келтіреді (vigil key join): әрқайсысын әр түрлі адамға беріңіз және ешқайсысын істің деректер қорының немесе басқа бөліктің жанында сақтамаңыз
cli-join-needs-file = VIGIL_KEY орнатылған: vigil key join кілт файлын жазады (--key-file)
cli-join-exists = { $path } кілт файлы бар: кілтті басқа файлға жинаңыз (--key-file)
cli-cannot-read-shares = кілт бөліктерін оқу мүмкін емес
cli-key-joined = кілт { $path } ішіне қалпына келтірілді

# Көшірмеде не бар, кесте бойынша.
cli-table-records = жазбалар
cli-table-revisions = нұсқалар
# review
cli-table-status-stretches = мәртебе кезеңдері
cli-table-signatures = қолдар
cli-table-queued-mail = кезектегі хаттар
cli-table-attachments = тіркемелер
cli-table-form-keys = форма кілттері
cli-table-forms = формалар
# review
cli-table-form-media = форма медиафайлдары
# review
cli-table-device-digests = құрылғылардың Digest құпиялары
cli-table-proposals = ұсыныстар
# review
cli-table-fingerprints = құжат іздері
cli-table-accounts = тіркелгілер
cli-table-tokens = токендер
cli-table-sessions = сеанстар
cli-table-account-audit = тіркелгілер журналының жазбалары
cli-table-source-links = дереккөз сілтемелері
cli-table-campaigns = науқандар
# review
cli-table-invalidations = жарамсыз деп танулар
cli-table-campaign-audit = науқандар журналының жазбалары
cli-table-messages = хаттар
cli-table-deliveries = жеткізулер
cli-table-campaign-outcomes = науқан нәтижелері
cli-table-public-counts = ашық есептеулер

# PostgreSQL-ге көшіру.
cli-migrate-no-target = қайда көшіретінін көрсетіңіз: --database-url postgres://… (немесе VIGIL_DATABASE_URL)
cli-migrate-failed = көшіру сәтсіз аяқталды; PostgreSQL деректер қоры бұрынғыдай қалды
cli-migrate-no-status = PostgreSQL-де мәртебелерді есептеу мүмкін емес
cli-copied = көшірілді
# review
cli-migrate-compared = салыстырылды: нұсқалар { $count } және қолданыстағы жазбалар { $total } PostgreSQL-ден айырмашылықсыз оқылды
cli-migrate-revisions-differ = { $number } нұсқадан кейін көшірмеде нұсқалар саны басқа
cli-migrate-revision-differs = «{ $name }» жазбасының { $number } нұсқасы көшірмеде басқаша
cli-migrate-differs = көшірмеде басқаша

# Шығару және жүктеу.
cli-export-exists = { $path } бар: басқа --out көрсетіңіз
cli-export-full-jsonl-only = толық шығару тек JSON Lines түрінде болады (--format jsonl)
cli-cannot-create = { $path } жасау мүмкін емес
cli-cannot-write-export = шығарылымды жазу мүмкін емес
cli-exported-bytes = шығарылған байт: { $count } ({ $what })
cli-export-csv-needs-out = CSV шығарылымы — қалта немесе zip: --out ҚАЛТА немесе --out ФАЙЛ.zip көрсетіңіз
cli-exported-csv = CSV түрінде шығарылған жазбалар: { $count }, { $path } ішіне ({ $what })
cli-scope-public = ашық деректер
cli-scope-full = бүкіл іс
cli-standard-input = стандартты енгізу
cli-cannot-open = { $path } ашу мүмкін емес
cli-nothing-imported = ештеңе жүктелген жоқ
cli-import-whole = бүкіл іс жүктелді:
# review
cli-import-whole-dry-run = сынақ жүргізу, ештеңе жазылған жоқ; бүкіл іс жүктелер еді:
# review
cli-import-rebuilt = мәртебелер қайта есептелді, адамдар: { $count }; іздеу индексі тарихтан `vigil reindex` пәрменімен құрылады (немесе `vigil serve` іске қосылғанда)
cli-imported = жүктелді:
cli-import-dry-run = сынақ жүргізу, ештеңе жазылған жоқ:
cli-import-counts = жасалды: { $count }, жаңартылды: { $first }, өзгеріссіз: { $total }, өткізілді: { $number }
open-data-line = { $number }-жол: { $message }
open-data-row = { $name }, { $number }-жол: { $message }
open-data-io = кіріс деректерін оқу мүмкін емес: { $message }
open-data-too-long = жол тым ұзын
open-data-not-utf8 = жол UTF-8 емес
open-data-not-json = бұл JSON-дағы жазба жолы емес
open-data-unknown-kind = жазбаның белгісіз түрі
open-data-not-header = бұл Vigil шығарылымының тақырыбы емес
open-data-empty-line = бос жол
open-data-already-holds = істің деректер қорында бұл жазба бар

# Сақталғанды қайта есептеу және іздеу индексі.
# review
# review
cli-opaque-ids-given = құпия жазбалар оқылатын идентификаторлардың орнына мөлдір емес идентификатор алды: { $count }
cli-rebuilt = мәртебелер мен есептеулер қайта есептелді, адамдар: { $count }, { $number } с ішінде
cli-cannot-open-index = { $path } ішіндегі іздеу индексін ашу мүмкін емес
cli-index-unusable = Ескі индексті пайдалану мүмкін емес ({ $message }); жаңасы құрылуда.
cli-reindex-revisions = нұсқа
cli-cannot-rebuild-index = іздеу индексін қайта құру мүмкін емес
cli-indexed = Индекстелген құжаттар: { $count }, нұсқалардан: { $total }, { $number } с ішінде ({ $path }).

# Сервер.
cli-not-key-number = «{ $text }» кілт=сан түрінде емес
cli-not-a-number = «{ $text }» сан емес
cli-not-ip-or-net = «{ $text }» ip те, net те емес
cli-smtp-tls = none, starttls немесе tls болуы керек, «{ $text }» емес
cli-demo-invalid = кіріктірілген демо іс жарамсыз
cli-demo-not-loaded = демо істі жүктеу мүмкін емес
# review
cli-rate-limits-off = НАЗАР АУДАРЫҢЫЗ: қол қою жиілігінің шектеулері ӨШІРІЛГЕН (VIGIL_RATE_LIMITS=off)
cli-cannot-listen = { $text } мекенжайын тыңдау мүмкін емес
cli-serving = Vigil { $text } мекенжайында жұмыс істеп тұр (тоқтату үшін Ctrl-C)
cli-server-failed = сервер қатемен тоқтады

# Пәрменнің жұмыс барысындағы хабарлары (журнал ішінде).
cli-new-key = құпия деректер үшін жаңа кілт жасалды
# review
cli-key-file-shared = кілт файлын иесінен басқалар да оқи алады: chmod 600 орындаңыз
# review
cli-rotation-undone = кілтті ауыстыру бекітілмей тұрып үзілді: істің деректер қоры ескі кілтпен; жаңа кілт жойылды
# review
cli-rotation-finished = үзілген кілт ауыстыру аяқталды: істің деректер қоры жаңа кілтпен, ол енді кілт файлында
cli-migrate-status-computed = PostgreSQL-де мәртебелер есептелді
# review
open-data-truncated = файл тақырыбында жарияланғаннан ертерек аяқталады (ол қысқартылған ба?)
open-data-empty-file = файл бос: шығарылым тақырып жолынан басталады
open-data-duplicate-id = идентификатор екі рет берілген
open-data-deleted = істің деректер қорының жойылған жазбасы: алдымен оны қалпына келтіріңіз
open-data-id-mismatch = жолдың идентификаторы оның жазбасының идентификаторына сәйкес емес
open-data-deleted-in-public = жойылған жазбаларды тек толық шығарылым тасымалдайды
cli-count = { $what }: { $count }

# Form keys: the key pair of encrypted forms (issue 22, reports from the field).
# review
cli-form-key-none = бұл істе шифрланған формаларға арналған кілт әлі жоқ: оны шифрланған форманы алғаш жүктеген телефон жасайды, немесе vigil form-key rotate командасы
# review
cli-form-key-current = ағымдағы
# review
cli-form-key-retired = қолданыстан шығарылған (бұрын шифрланған хабарларды ашу үшін сақталады)
# review
cli-form-key-rotated = шифрланған формаларға жаңа кілт жасалды (іздің белгісі { $text }): шифрланған форманың нұсқасы енді { $number }; әр телефон оны қайта жүктеуі керек (Форманы жүктеу)
# review
cli-form-key-retired-kept = бұрынғы кілт { $name } ретінде мөрленіп сақталады, телефондарда сол кілтпен шифрланған хабарларды ашу үшін
# review
cli-form-key-unknown = { $name } деген форма кілті жоқ (оларды vigil form-key list атайды)
# review
cli-form-key-export-where = жабық кілттің қайда жазылатынын көрсетіңіз: --out ФАЙЛ (тек сізге қолжетімді жаңа файл) немесе --stdout
# review
cli-form-key-file-exists = { $path } бұрыннан бар: жабық кілт ешқашан файлдың үстіне жазылмайды
# review
cli-form-key-exported = { $name } форма кілтінің жабық бөлігі { $path } файлына жазылды (PEM, PKCS#1, тек иесіне қолжетімді): оны ұстаған адам сол кілтпен шифрланған барлық хабарды оқиды

# Бөліктерін күтіп тұрған хабарлар (issue 22): vigil form-reports.
# review
cli-form-reports-none = жерден келген бірде-бір хабар бөліктерін күтіп тұрған жоқ
# review
cli-form-reports-line = { $name }: { $count } файл сақталған ({ $total } байт), біріншісі { $from }, соңғысы { $to } ({ $day ->
    [0] бүгін
   *[other] { $day } күн бұрын
  }); қалғаны келмесе, { $date } кейін өшіріледі
# review
cli-form-reports-discarded = { $name } хабарының { $count } файлы өшірілді: телефон хабарды қайтадан толық жібере алады

# review
cli-outbox-none = шығыс қалтасында бірде-бір хат жоқ
# review
cli-outbox-line = { $name }: { $date } жазылған, кімге: { $text }
# review
cli-outbox-sealed-plain = бұрынғы нұсқа { $path } ішінде ашық қалдырған { $count } хат шифрланды
# review
cli-outbox-cannot-seal = { $path } ішіндегі ашық хаттарды шифрлау мүмкін емес
# review
cli-outbox-bad-name = { $name } хаттың аты емес: оны vigil outbox list атағандай беріңіз
# review
cli-outbox-no-such = шығыс қалтасында { $name } хаты жоқ (оларды vigil outbox list атайды; иесіздендірілген немесе мерзімі өткен хат өшірілген)
# review
cli-outbox-damaged = шығыс қалтасындағы { $name } хаты зақымдалған, оны ашу мүмкін емес
# review
cli-outbox-wrong-key = шығыс қалтасындағы { $name } хаты осы істің кілтімен емес, басқа кілтпен шифрланған
