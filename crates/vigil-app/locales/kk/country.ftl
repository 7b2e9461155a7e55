# Елдер тізімі және елдің беті.
# Фразалар "# review" белгісімен — ана тілінде сөйлейтін маманның тексеруіне.

# review: a native speaker should confirm this wording
countries-lead = Әр ел бойынша: шолулар, ұсынымдар, уәделер және құжатталған оқиғалардан шығарылған рейтинг.
countries-none = Әзірге бірде-бір ел жазылмаған.
countries-events =
    { $count ->
       *[other] { $count } оқиға
    }
country-briefing-today = Бүгінгі анықтама
country-briefing-for = Шолуға анықтама:
country-reviews = Шолулар
country-no-review = Шолу жазылмаған.
country-case = { $number } іс
country-open-recommendations = Орындалмаған ұсынымдар
country-no-open-recommendation = Орындалмаған ұсыным жазылмаған.
country-th-recommendation = Ұсыным
country-th-review = Шолу
country-th-response = Мемлекеттің жауабы
country-th-latest = Соңғы бағасы
country-why = неліктен
# review: a native speaker should confirm this wording
country-pledges = Уәделер және олардан кейінгі оқиғалар
country-no-pledge = Уәде жазылмаған.
country-latest-assessment = Соңғы бағасы:
country-since =
    { $count ->
       *[other] Содан бері { $count } оқиға жазылды:
    }
country-since-latest = Содан бері { $count } оқиға жазылды; соңғы { $shown }:
# review
country-patterns = Хабарланған тәжірибелер
# review
country-patterns-hint = Дереккөздер белгілі бір күннің әрекеті емес, жалғасып жатқан немесе жалпы тәжірибе ретінде сипаттайтын жағдайлар. Олар жыл бағасында да, «содан бері» оқиғаларында да, графиктерде де есептелмейді.
# review
country-pattern-reported = хабарланды: { $date }
country-events-by-type = Оқиғалар түрі мен жылы бойынша
# review: a native speaker should confirm this wording
country-spanning =
    { $count ->
       *[other] Бірнеше жылдық аралықпен ғана белгіленген { $count } оқиға ешбір жылға жатқызылмаған.
    }
country-restraints = Түрмедегі және тыйым астындағы адамдар саны, ай сайын
# review: a native speaker should confirm this wording
country-restraints-hint = Мәртебе механизмі жазылған оқиғалар бойынша әр айдың бірінші күніне есептеді (анық және мүмкін шектеулер).
country-legend-imprisoned-certain = Түрмеде, анық
country-legend-imprisoned-possible = Түрмеде, анық немесе мүмкін
country-legend-banned-certain = Тыйым астында, анық
country-legend-banned-possible = Тыйым астында, анық немесе мүмкін
country-ratings = Жылдар бойынша рейтинг
country-no-rule = Іс-құжатта рейтинг ережесі жоқ.
country-rating = рейтинг
country-score = ұпай: { $score }
country-rating-json = Бұл рейтинг JSON форматында
chart-no-event-in-a-year = Бірде-бір оқиға жылға жатқызылмаған.
chart-no-months = Көрсететін ай жоқ.
chart-no-year = Бағалайтын жыл жоқ.

## Рейтингтер және олардың қамтуы
# review: the ratings' names should follow the Kazakh edition of the index, if there is one
rating-1 = Құқықтардың анда-санда бұзылуы
rating-2 = Құқықтардың қайта-қайта бұзылуы
rating-3 = Құқықтардың тұрақты бұзылуы
rating-4 = Құқықтардың жүйелі бұзылуы
rating-5 = Құқықтарға кепілдік жоқ
rating-5-plus = Заң үстемдігінің күйреуіне байланысты құқықтарға кепілдік жоқ
coverage-rated = бағаланды
coverage-no-data = дерек жоқ
coverage-not-covered = ереже қамтымайды

## Рейтинг ережесі және жылдың бағасының негіздемесі
rule-the-rule = Ереже:
rule-th-group = Топ
rule-th-indicator = Көрсеткіш
rule-th-counts = Не есептеледі
rule-th-weight = Салмағы
rule-only-unions = тек кәсіподақтар мен олардың мүшелеріне қарсы
rule-only-acting-on = тек мынаған қатысты болса: { $kinds }
# review: a native speaker should confirm this wording
rule-spanning = Бірнеше жылдық аралықпен ғана белгіленген оқиғалар:
rule-spanning-not-counted = есептелмейді (болуы мүмкін әр жылдың астында тізілген).
rule-spanning-last-year = болуы мүмкін соңғы жылда есептеледі.
rule-thresholds = Шектер:
rule-threshold = { $score } ұпайдан бастап → { $rating }
# review: a native speaker should confirm this wording
rule-no-data = Бірде-бір құжатталған оқиға болмаған жыл рейтинг алмайды: «дерек жоқ» жақсы жаңалық емес.
rule-years = Ереже { $from }–{ $to } жылдарды қамтиды; басқа жылдар қамтылмайды.
# review: a native speaker should confirm this wording
why-no-data = { $year } жылы елдің бірде-бір құжатталған оқиғасы жоқ: дерек жоқ, сондықтан рейтинг жоқ. Жазбалардың болмауы бұзушылықтардың болмауы емес.
why-not-covered = Ереже { $year } жылды қамтымайды: рейтинг жоқ.
why-none-counted = Бірде-бір оқиға есептелмеді.
# review: a native speaker should confirm this wording
why-not-counted =
    { $count ->
       *[other] { $year } жылды қамтитын бірнеше жылдық аралықпен белгіленген { $count } оқиға бұл жылы есептелмейді
    }
# review: a native speaker should confirm this wording
why-more = { $year } жылы есептелген { $count } оқиғаның тек алғашқы { $shown } оқиғасы осында көрсетілген; жылдың JSON форматындағы рейтингінде барлығы бар.
# review: a native speaker should confirm this wording
why-counted-elsewhere = { $year } жылы есептелгені: { $count } (оқиға өзі сәйкес келетін әр индикатор бойынша бір реттен есептеледі).
# review: a native speaker should confirm this wording
why-undated-more = Осында тек алғашқы { $shown } көрсетілген.
