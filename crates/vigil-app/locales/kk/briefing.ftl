# Ел бойынша анықтама (бет, оның Markdown нұсқасы және деректері).
# Фразалар "# review" белгісімен — ана тілінде сөйлейтін маманның тексеруіне.

briefing-title = { $country }: { $day } күнгі анықтама
# review: a native speaker should confirm this wording
briefing-title-review = { $country }: «{ $review }» шолуына анықтама — { $day } күнгі
briefing-kind = Анықтама
briefing-download = Markdown түрінде жүктеу
briefing-country-page = Елдің беті
# review: a native speaker should confirm this wording
briefing-print = Қағаз нұсқасы үшін бұл бетті басып шығарыңыз: басып шығарғанда навигация көрсетілмейді.
# review: a native speaker should confirm this wording
briefing-lead = { $day } күнгі фактілер — Vigil іс-құжатындағы барлық дерек бойынша. Әр мәлімдемеге оны айтқан дереккөз үзіндісіне сілтеме берілген.
briefing-none = Ештеңе жазылмаған.
briefing-sources = Дереккөздер
briefing-back = Мәтінге оралу
briefing-section-review = Шолу
briefing-no-review = Бұл күнге осы елдің шолуы жазылмаған.
briefing-review = Шолу: { $title } ({ $date })
briefing-previous-review = Алдыңғы шолу: { $title } ({ $date })
briefing-section-imprisoned = { $day } күні түрмеде
briefing-section-banned = { $day } күні тыйым астында
# review: a native speaker should confirm this wording
briefing-status-intro = Мәртебе механизмі жазылған оқиғалардан шығарды; күтілетін аяқталуы — бостандықтағы алғашқы күн.
briefing-expected = (күтілуде)
# review: a native speaker should confirm this wording
briefing-possibly = мүмкін: дереккөздердегі күндер екі нұсқаға да жол береді
# review: a native speaker should confirm this wording
briefing-possibly-since = Шолудан кейін болуы мүмкін: күндері тым анық емес, бұрын ба, кейін бе айту қиын ({ $count })
briefing-section-events-since = Алдыңғы шолудан бергі оқиғалар ({ $date })
briefing-section-events-up-to = Осы күнге дейін жазылған оқиғалар
# review
briefing-section-patterns = Хабарланған тәжірибелер
# review
briefing-patterns-intro = Дереккөздер белгілі бір күннің әрекеті емес, жалғасып жатқан немесе жалпы тәжірибе ретінде сипаттайтын жағдайлар: олар ешбір жылда да, жоғарыдағы «содан бері» оқиғаларында да есептелмейді.
briefing-section-pledges = Уәделер және оларды бағалау
briefing-section-recommendations = Ұсынымдар және олардың орындалуы
briefing-not-assessed = бағаланбаған
briefing-response-supported = мемлекет қолдады
briefing-response-noted = мемлекет назарға алды
briefing-response-none = мемлекет жауап бермеді
briefing-recommendation = { $title } ({ $review }, { $date }): { $response }; мәртебесі: { $status }
briefing-assessed = Баға «{ $status }» ({ $by }, { $date }): { $title }
briefing-evidence = Дәлел ({ $bearing }): { $date }, { $title }
# review: a native speaker should confirm this wording
briefing-lead-evidence = { $day } күнгі фактілер — { $date } күнге дейін жарияланған деректер көрсеткендей: сол күнге дейін шыққан дереккөздердің үзінділері ғана алынды, кейін хабарланғаны соңында бөлек берілген. Әр мәлімдемеге оны айтқан дереккөз үзіндісіне сілтеме берілген.
briefing-section-learned = Кейін ғана белгілі болды
# review: a native speaker should confirm this wording
briefing-learned-intro = Сол күнгі деректер әлі көрсетпеген осы кезеңнің оқиғалары: дереккөздері кейін жарияланған немесе қашан екені белгісіз. Жоғарыда олар есептелмеген.
briefing-first-reported = алғаш рет { $day } хабарланды
briefing-first-reported-unknown = дереккөздерінің жариялану күні белгісіз
# review: a native speaker should confirm this wording
briefing-more-restrained = …және тағы { $count }, барлығы { $total }: сол күнгі мәртебе тізімінде бәрі аталған
# review: a native speaker should confirm this wording
briefing-more-events = …және тағы { $count }, барлығы { $total }: кезеңнің оқиғалар тізімінде бәрі бар
