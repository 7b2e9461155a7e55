# Науқан ұйымдастырушыларының беттері, науқанның нәтижелері және серіктестің беті.
# review: a native speaker should confirm this wording

## Науқан формасы
organise-new-title = Жаңа науқан
organise-edit-title = Науқанды өзгерту
organise-desk = Ұйымдастырушылар пульті
organise-public-page = Жария бет
organise-not-saved = Сақталмады:
organise-settings = Баптаулар
organise-slug = Мекенжай (кіші латын әріптері, сандар және сызықшалар)
organise-state = Күйі
organise-starts = Бірінші күн
organise-ends = Соңғы күн
organise-goal = Мақсат (қолдар саны)
organise-digest-every = Адресаттарға жиынтық әр (қол сайын; 0 — тек күн сайын)
organise-case = Іс (оның атауы)
organise-persons = Адамдар (есімі бойынша, әр өріске біреуден)
organise-versions = Тілдік нұсқалар
organise-versions-hint = Бірінші нұсқа — науқанның өз тілінде, ол толық болуы керек. Нұсқа тақырыбы, мәтіні және үндеуі болғанда жарияланады.
organise-version-new = Жаңа тіл
organise-version-complete = толық
organise-version-incomplete = толық емес: жарияланбаған
organise-version-language = Тіл
organise-version-title = Тақырып
organise-version-text = Мәтін
organise-version-message = Адресаттарға үндеу
organise-targets = Адресаттар
organise-target-name = Аты
organise-target-role = Лауазымы
organise-target-email = Эл. пошта
organise-save = Сақтау

## Пульт
organise-export = Қолдар (CSV)
organise-signatures = Қолдар
organise-count =
    { $count ->
        [one] { $count } расталған қол
       *[other] { $count } расталған қол
    }
organise-over-time = Расталған қолдар күн бойынша
organise-by-country = Қолдар елдер бойынша
organise-no-signatures = Әзірге расталған қол жоқ.
organise-news = Істер базасынан жаңалықтар
organise-news-released = науқан басталғанда күшінде болған шектеу аяқталды ({ $restraint })
organise-news-new = науқан басталғаннан кейін жаңа шектеу ({ $restraint })
organise-news-prompt = Науқанды жаңартыңыз немесе оның нәтижесін жазып, жабыңыз:
organise-deliveries = Адресаттарға жіберілгендер
organise-deliver-now = Адресаттарға жиынтықты қазір жіберу
organise-delivery-queued = кезекте
organise-delivery-sent = жіберілді
organise-delivery-failed = сәтсіз
organise-when = Қашан
organise-who = Кім
organise-what = Не
organise-status = Күйі
organise-none = Әзірге жоқ.
organise-result = Нәтиже
organise-result-won = жеңіс
organise-result-partly-won = ішінара жеңіс
organise-result-lost = жеңіліс
organise-result-ongoing = жалғасуда
organise-note = Ескертпе
organise-responses = Адресаттардың жауаптары
organise-response-target = Кім жауап берді
organise-response-date = Күні
organise-response-link = Құжат немесе дереккөз
organise-response-text = Не деп жауап берді
organise-response-add = Жауапты жазу
organise-milestones = Белестер (келіскен қол қоюшыларға жаңалықтар)
organise-updates-queued =
    { $count ->
        [one] { $count } хат кезекте
       *[other] { $count } хат кезекте
    }
organise-partners = Серіктестерге сілтемелер
organise-partners-hint = Науқанды сұраған кәсіподаққа немесе ұйымға арналған сілтеме: ол елдер мен ұйымдар бойынша қолдар санын және атын көрсетуге келіскен қол қоюшыларды ғана көрсетеді. Кері қайтарылғанша жұмыс істейді.
organise-partner = Серіктес
organise-partner-create = Сілтеме жасау
organise-partner-created = Серіктеске арналған сілтеме тек қазір көрсетіледі: оны көшіріп, оларға жіберіңіз.
organise-partner-revoke = Кері қайтару
organise-partner-revoked = кері қайтарылды
organise-invalidation = Қолдарды жарамсыз ету
organise-invalidation-hint = Қолдарды мекенжай ауқымы, пошта домені немесе уақыт (UTC) бойынша есептен шығару. Алдымен қанша шығатынын қараңыз; жарамсыз етуді болдырмауға болады.
organise-ip-range = Мекенжай ауқымы (CIDR)
organise-domain = Пошта домені
organise-from = Қол қойылған уақыт, бастап
organise-until = Қол қойылған уақыт, дейін
organise-preview = Қарау
organise-would-remove =
    { $count ->
        [one] { $count } қол есептен шығады.
       *[other] { $count } қол есептен шығады.
    }
organise-invalidate = Жарамсыз ету
organise-filter = Шарт
organise-removed = Шығарылды
organise-revert = Болдырмау
organise-reverted = болдырылмады
organise-audit = Журнал

## Серіктестің беті
organise-partner-title = { $title }: қолдар
organise-by-organisation = Ұйымдар бойынша
organise-no-organisation = ұйым көрсетілмеген
organise-named = Атын көрсетуге келіскен қол қоюшылар

## Келіскен қол қоюшыларға жаңалықтар
campaign-update-goal-subject = { $title }: мақсатқа жетті
campaign-update-goal =
    { $count ->
        [one] «{ $title }» науқаны мақсатына жетті: оған { $count } адам қол қойды. Олардың арасында болғаныңызға рахмет.
       *[other] «{ $title }» науқаны мақсатына жетті: оған { $count } адам қол қойды. Олардың арасында болғаныңызға рахмет.
    }
campaign-update-response-subject = { $title }: жауап келді
campaign-update-response = { $target } «{ $title }» науқанына жауап берді:
# review
organise-error-several = «{ $name }» бірнеше жазба болуы мүмкін ({ $other }): керегінің атын дәл жазыңыз
campaign-audit-create = құрылды
campaign-audit-update = өзгертілді
# review
campaign-audit-invalidate = қолтаңбалар жарамсыз деп танылды
# review
campaign-audit-revert-invalidation = жарамсыз деп тану бұзылды
# review
campaign-audit-milestone = межеге жетті
campaign-audit-response = адресаттың жауабы жазылды
campaign-audit-result = нәтижесі жазылды
# review
campaign-audit-anonymise = қол қойғандардың деректері өшірілді
# review
campaign-audit-partner-link = серіктеске сілтеме жасалды
# review
campaign-audit-revoke-partner-link = серіктестің сілтемесі қайтарып алынды
actor-vigil = Vigil өзі
# review
actor-console = консоль ({ $name } пайдаланушысы)
actor-console-unknown = консоль
# review
organise-milestone-goal = мақсатқа жетті
# review
organise-milestone-response = жауап алынды
