# Жазбалардың беттері (адам, оқиға, ұйым…): олардың өз сөздері.
# Фразалар "# review" белгісімен — ана тілінде сөйлейтін маманның тексеруіне.

## Мерзімдер («7 жыл», «5 ай 8 күн»)
duration-years =
    { $count ->
       *[other] { $count } жыл
    }
duration-months =
    { $count ->
       *[other] { $count } ай
    }
duration-weeks =
    { $count ->
       *[other] { $count } апта
    }
duration-days =
    { $count ->
       *[other] { $count } күн
    }
# review: Kazakh writes "5 ай 8 күн" without a conjunction; confirm.
duration-and = { $rest } { $last }

## Жазбаның мәліметтері
fact-occupation = Кәсібі
fact-sex = Жынысы
fact-country = Ел
# review: a native speaker should confirm this wording
fact-affiliations = Мүшелігі мен жұмысы
fact-date = Күні
fact-place = Орны
fact-people-affected = Зардап шеккендер саны
fact-participants = Қатысушылар
fact-terms = Жаза
fact-acts-on = Неге қатысты
fact-referred-to-by = Сілтеме жасайтын жазбалар
record-not-shown = мұнда көрсетілмейтін жазба
history-link = Осы жазбаның тарихы

## Үкім бойынша жаза
terms-imprisonment = Бас бостандығынан айыру: { $length }
terms-restricted-freedom = Бас бостандығын шектеу: { $length }
terms-fine = Айыппұл: { $amount }
terms-fine-undisclosed = Айыппұл: сомасы көрсетілмеген
# review: a native speaker should confirm this wording
terms-ban = Тыйым ({ $scope }): { $length }
terms-ban-open = Тыйым ({ $scope }): мерзімі көрсетілмеген

## Үзінділер және олардың дереккөздері
quotes-evidence = Дәлелдер
# review: a native speaker should confirm this wording
quotes-pledged = Уәденің сөздері
quotes-passages = Үзінділер
source-not-shown = мұнда көрсетілмейтін дереккөз
sources-cited = Сілтеме жасалған дереккөздер
sources-cited-passages =
    { $count ->
       *[other] { $count } үзінді
    }

## Адамның беті
person-also-written = Басқаша жазылуы:
person-status-today = Бүгінгі жағдайы
# review: a native speaker should confirm this wording
person-at-liberty = Бостандықта: { $day } күні күшіндегі бірде-бір шектеу жазылмаған.
person-steps = Бұл қалай шығарылды
person-timeline = Хронология
person-events = Оқиғалар
person-cases = Істер
person-quotes = Дереккөздер ол туралы не дейді
organisation-quotes = Дереккөздер ол туралы не дейді

## Хронология
timeline-none = Оқиғалар жазылмаған.
timeline-title = Оқиғалар хронологиясы
timeline-legend-day = күні белгілі оқиға
# review: a native speaker should confirm this wording
timeline-legend-span = күні шамамен ғана белгілі оқиға
timeline-legend-certain = аяқталуы анық шектеу
timeline-legend-possible = аяқталуы анық емес немесе белгісіз шектеу

## Жазба бетіндегі науқандар
campaigns-heading = Науқандар
campaign-state-draft = жоба
# review: a native speaker should confirm this wording
campaign-state-open = қолтаңба жиналуда
campaign-state-closed = жабық
campaign-state-delivered = адресаттарға жеткізілді

## Claims: sources that disagree about an event
# review
claims-heading = Дереккөздер әртүрлі айтады
# review
claims-explained = Әр нұсқа оны келтіретін дереккөздерімен көрсетіледі. Vigil қабылданбаған нұсқадан басқасының бәрін ескереді: шектеу бәрі сәйкес келетін жерде ғана анық.
# review
claims-own-account = Оқиғаның нұсқасы
# review
claims-other-account = Басқа нұсқа
# review
claims-said-by = Келтіреді
# review
claims-rejected = Қабылданбады:
# review
claims-reject = Бұл нұсқаны қабылдамау
# review
claims-reinstate = Қабылдамауды болдырмау
# review
claims-reason = Себебі (міндетті)
# review
claims-sources-disagree = Дереккөздер әртүрлі айтады:
# review
claims-or = немесе
# Patterns (issue 19).
# review
event-is-pattern = Тәжірибе.
# review
event-is-pattern-hint = Дереккөздер белгілі бір күннің бір әрекетін емес, жалғасып жатқан немесе жалпы тәжірибені сипаттайды: ол жыл бағасында да, «содан бері» оқиғаларында да, соңғы оқиғалар арасында да есептелмейді және ешкімді шектемейді.
# review
event-pattern-mark = тәжірибе
# review
fact-reported = Хабарланды
