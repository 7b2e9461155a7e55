# Есептілік жазбаларының тізімдері мен беттері, кіру беті.

acc-list-mechanisms = Шолу тетіктері
acc-list-reviews = Шолулар
acc-list-recommendations = Ұсынымдар
acc-list-pledges = Міндеттемелер
acc-list-assessments = Бағалаулар
acc-list-rating-rules = Рейтинг ережелері
acc-none = Ештеңе жазылмаған.
acc-not-assessed = Әлі бағаланбаған.
acc-over-time = Уақыт бойынша бағалаулар
acc-assessed-by = бағалаған:
# review
acc-state-reviewed = Шолудағы мемлекет
acc-session = Цикл немесе сессия
acc-convention = Конвенция
acc-case-number = Іс
acc-case-status = Істің мәртебесі
acc-briefing = Осы шолу күнгі анықтама
acc-recommendations-heading = Ұсынымдар мен қорытындылар
acc-response = жауабы:
acc-recommending-state = Ұсыным берген мемлекет
acc-themes = Тақырыптар
acc-state-response = Мемлекеттің жауабы
# review
acc-concerns = Қатысты жазбалар
acc-who = Кім
acc-when = Қашан
acc-state = Мемлекет
acc-events-since = Міндеттемеден кейінгі оқиғалар
acc-events-since-count =
    { $count ->
       *[other] Содан бері { $count } оқиға жазылды; соңғы { $shown }:
    }
# review
acc-of = Бағалау нысаны
acc-by = Кім бағалады
acc-rule-of = Ұйымның ережесі
# review
acc-rule-change = Салмақтар мен шектер мына жолмен өзгертіледі:
# review
acc-rule-change-form = немесе өңдеу формасы; әр өзгеріс жеке нұсқа ретінде сақталады.
login-name = Аты
login-password = Құпиясөз
login-too-many = Осы жерден сәтсіз әрекеттер тым көп. { $count } секунд күтіп, қайта көріңіз.
login-wrong = Аты немесе құпиясөз қате.
login-device = Бұл құрылғы тіркелгісі: ол тек телефоннан хабарлар жібереді (ODK Collect, KoboCollect, Tella).
