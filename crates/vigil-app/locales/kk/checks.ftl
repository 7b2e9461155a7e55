# Істің деректер қорының өз тексерулері, оларды редактор, API клиенті
# немесе жүктеу қалай оқиды (әдеттегілері editing.ftl ішінде: edit-error-…).

check-start-before-end = басы соңынан бұрын болуы керек
check-quote-length = дәйексөздің ұзындығы end - start мәніне тең емес
check-source-too-long = дереккөз мәтіні 1,5 МБ-тан аспайды
check-text-too-long = мәтін 100 КБ-тан аспайды
check-at-most-300 = 300 таңбадан аспайды
check-at-most-20000 = 20 000 таңбадан аспайды
check-1-to-500 = 1-ден 500-ге дейін таңба
check-recommendation-words = ұсынымның мәтіні болуы керек
# review
check-pledge-excerpt = уәде дереккөздің сөзімен келтіріледі: кемінде бір дәйексөз керек
check-excerpt-text = дәйексөзде мәтін болуы керек
check-assessment-evidence = бағалауға дәлел керек: кемінде бір оқиға немесе дәйексөз
# review
check-slug = қысқа атау — 3-тен 64-ке дейін кіші латын әрпі мен цифр, ішінде жалғыз сызықшалар
# review
check-slug-new = «new» — науқан жасайтын беттің мекенжайы: басқа қысқа атау таңдаңыз
check-campaign-version = науқанның кемінде бір тілдік нұсқасы болуы керек
check-campaign-linked = науқан іспен немесе адамдармен байланыстырылады
check-campaign-ends = науқан басталмай жатып аяқталады
check-one-version-per-language = әр тілге бір нұсқа
check-campaign-first-version = науқанның бірінші нұсқасына тақырып, мәтін және хат керек
check-code = 1-ден 64-ке дейін кіші латын әрпі, цифр, «_» немесе «-»
check-codes-unique = кодтар қайталанбауы керек
# review
check-rule-indicator = ережеге кемінде бір көрсеткіш керек
# review
check-indicator-event-type = көрсеткіш кемінде бір оқиға түрін есептейді
check-at-most-200-indicators = 200 көрсеткіштен аспайды
# review
check-thresholds-count = бірден алтыға дейін шек
# review
check-first-threshold = бірінші шек 0-ден басталады
# review
check-thresholds-rise = шектер өседі: әрқайсысының ұпайы мен бағасы алдыңғысынан жоғары
check-years = «бастап» және «дейін» — 1800-ден 9999-ға дейінгі жылдар, «бастап» «дейін»-нен кейін емес
# review
check-claim-key = нұсқаның кілті 1–40 таңбадан тұрады: a-z, 0-9 және «-»
# review
check-claim-key-taken = осы оқиғаның басқа нұсқасында да осындай кілт бар
# review
check-claim-says = нұсқа күнді, жаза шарттарын, орынды немесе қатысушыларды көрсетеді
# review
check-claim-no-one = нұсқаның қатысушылары кемінде бір жазба болады; оқиғаның өз қатысушыларын қалдыру үшін өрісті толтырмаңыз
# review
check-claim-excerpt = нұсқаға оны келтіретін үзінді керек: `claim` мәні осы кілт болатын үзінді
# review
check-claim-only-events = нұсқаларды тек оқиғаның үзінділері келтіреді
