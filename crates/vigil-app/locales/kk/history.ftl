# Жазбаның тарихы.
# Фразалар "# review" белгісімен — ана тілінде сөйлейтін маманның тексеруіне.

history-title = Тарихы: { $title }
history-kind = Тарих
# review: a native speaker should confirm this wording
history-compare = Мына күйді
history-with = мынамен салыстыру
history-compare-button = Салыстыру
history-changes = Не өзгерді
history-same = Екі күй бірдей.
history-field = Өріс
history-before = Бұрын
history-after = Кейін
history-revisions = Нұсқалар
history-state = Жазбаның сол кездегі күйі
history-reason = себебі
history-reason-label = Қалпына келтіру себебі
history-restore = Осы нұсқаны қалпына келтіру
history-op-create = Жасалды
history-op-update = Өзгертілді
history-op-delete = Жойылды
history-op-restore = Қалпына келтірілді
history-field-name = Аты-жөні
history-field-title = Атауы
history-field-aliases = Басқаша жазылуы
history-field-occupation = Кәсібі
history-field-sex = Жынысы
history-field-country = Ел
history-field-affiliations = Мүшелігі мен жұмысы
history-field-date = Күні
history-field-place = Орны
history-field-description = Сипаттамасы
history-field-participants = Қатысушылар
history-field-terms = Жаза
history-field-excerpts = Үзінділер
history-field-event-type = Түрі
history-field-confidential = Құпия
history-yes = иә
history-field-type = Түрі
history-field-kind = Типі
history-field-status = Мәртебесі
history-field-mechanism-id = Механизм
# review
history-field-review-id = Шолу
history-field-event-id = Оқиға
history-field-organisation-id = Ұйым
# review
history-field-by-id = Авторы
# review
history-field-subject-id = Не бағаланады
# review
history-field-concerns = Қатысты
history-field-response = Мемлекеттің жауабы
history-field-themes = Тақырыптар
history-field-case-number = Іс нөмірі
history-field-case-status = Істің мәртебесі
history-field-convention = Конвенция
history-field-evidence = Дәлелдер
history-field-note = Ескертпе
history-field-session = Сессия
# review
history-field-recommending-state = Ұсыным берген мемлекет
history-field-indicators = Көрсеткіштер
# review
history-field-thresholds = Шектер
# review
history-field-spanning-events = Бірнеше жылды қамтитын оқиғалар
history-field-years = Жылдар
history-field-language = Тілі
# review
history-field-parent-id = Құрамында
history-field-person-ids = Адамдар
history-field-event-ids = Оқиғалар
# review
history-field-relates-to = Қатысты оқиғалар
history-field-published = Жарияланған
history-field-publisher = Баспагер
history-field-url = Желідегі мекенжайы
history-field-victim-count = Зардап шеккендер саны
history-field-text = Мәтін
history-field-address = Пошта мекенжайы
history-field-confidential-fields = Құпия өрістер
# review
record-merge-heading = Бір адам немесе ұйым екі рет пе?
# review
record-merge-explained = Бұл жазбаны сақталатын жазбаға біріктіріңіз: осы жазбаға сілтейтін барлық жазбалар сол жазбаға сілтейді, осы жазбаның аттары оның басқа жазылуларына айналады, ал бұл жазба жойылады. Біріктіруді осы жазбаның тарихынан болдырмауға болады.
# review
record-merge-into = сақталатын жазбаның id-і
# review
record-merge-button = Біріктіру
# review
record-merge-undo = Біріктіруді болдырмау
history-an-editor = редактор
