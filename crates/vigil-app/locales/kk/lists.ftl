# Жазбалар тізімдері, оқиғаларды сүзу, іздеу, дереккөздің, істің және
# ұйымның беттері.

list-persons-none = Сәйкес адам табылмады.
list-organisations-none = Сәйкес ұйым табылмады.
list-cases-none = Істер жоқ.
list-sources-none = Дереккөздер жоқ.
list-name = Аты-жөні
list-name-hint = кез келген жазылуда және әліпбиде
list-name-or-acronym = Атауы немесе қысқартылған атауы
list-find = Табу
list-upload = Құжат жүктеу
# review
list-proposals-waiting = Қарауды күтетін ұсыныстар
events-count =
    { $count ->
       *[other] { $count } оқиға
    }
events-filter-type = Түрі
events-filter-person = Адам
events-filter-organisation = Ұйым
# review
events-filter-from = Басы
# review
events-filter-to = Соңы
events-filter-any = кез келген
events-filter-anyone = барлығы
events-filter-button = Сүзу
fact-kind = Түрі
fact-status = Мәртебесі
# review
fact-part-of = Құрамында
fact-language = Тілі
organisation-also-known = Басқа атаулары:
# review
organisation-bodies = Бөлімшелері
organisation-people = Адамдар
case-persons = Іс бойынша адамдар
# review
source-publisher = Баспагер
source-published = Жарияланған күні
source-original = Түпнұсқа
source-cited-by = Сілтеме жасайды
source-cited-by-count =
    { $count ->
       *[other] { $count } жазба
    }
source-text = Мәтін
source-hint = Белгіленген үзінділер дәлел ретінде келтірілген; әрқайсысынан кейінгі сілтеме оны келтіретін жазбаға апарады.
source-proposals = Ұсыныстар
attachments-heading = Тіркемелер
# review
attachments-hint = Мөрленіп сақталады; әр файлдың SHA-256 мәні қабылданған кезде жазылды.
attachments-bytes =
    { $count ->
       *[other] { $count } байт
    }
language-name-en = ағылшын тілі
language-name-ru = орыс тілі
language-name-kk = қазақ тілі
search-title = Іздеу: { $text }
search-field = Сөздер, «тіркестер» немесе кез келген жазылудағы және әліпбидегі есім
search-facet-kind = Жазба түрі
search-facet-type = Оқиға түрі
search-facet-year = Жыл
search-facet-organisation = Ұйым
search-only = Тек:
search-remove-filter = Бұл сүзгіні алып тастау
search-hint = Есімді (Baltabay, Балтабай, Құшақбаев…), сөздерді немесе «тырнақшадағы тіркесті» жазыңыз.
search-results =
    { $count ->
       *[other] { $count } нәтиже
    }
search-nothing = Ештеңе табылмады.
