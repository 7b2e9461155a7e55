# Құжатты жүктеу және Vigil одан ұсынған нәрсені қарау:
# кезек, бір дереккөздің ұсыныстары, біріктіру, бірнешеуіне бірден шешім.
upload-title = Құжат жүктеу
upload-intro = Мақала, баяндама немесе сот шешімі: мәтін, HTML немесе PDF файлы не төменге қойылған оның мәтіні. Vigil негізгі мәтінін дереккөз ретінде сақтап, онда табылған адамдарды, ұйымдарды және оқиғаларды ұсынады, әрқайсысын соны айтатын үзіндімен бірге. Сіз қабылдамайынша іс материалдарына ештеңе енбейді.
upload-file = Файл (.txt, .html, .pdf; 2 МиБ-тан аспайды)
upload-paste = …немесе мәтінді (не беттің HTML-ін) қойыңыз
upload-own-title = Атауы (құжаттың өз атауы қате болса)
upload-publisher = Баспагер
upload-published = Жарияланған күні (мақаланың күні: салыстырмалы күндер соған қарап оқылады)
# review
upload-published-hint = 2019-10-16 немесе 2019 жылғы 16 қазан
upload-url = Түпнұсқаның мекенжайы
upload-reason = Себебі
upload-reason-hint = мысалы, LabourStart науқанын бақылау
upload-submit = Жүктеп, оқу
upload-unreadable-form = Жүктелген форма оқылмады: қайталап көріңіз.
upload-nothing = Файлды таңдаңыз немесе мәтінді қойыңыз.
upload-not-read = { $name } оқылмады:
queue-title = Ұсыныстар
queue-heading = Шешім күтіп тұрған ұсыныстар
queue-none = Шешім күтіп тұрған ештеңе жоқ.
queue-pending = шешім күтуде: { $count }
proposal-select = Таңдау: { $name }
proposal-state-pending = шешім күтуде
proposal-state-accepted = қабылданды
proposal-state-rejected = қабылданбады
proposal-is = Бұл
proposal-the-record = іс материалдарындағы жазба
# review
proposal-match-score = сәйкестік { $score }
proposal-new = Жаңа
# review
proposal-not-in-case-file = іс материалдарында жоқ (сенімділік { $score })
proposal-named-as = Аталуы
proposal-new-names = Жаңа есімдер
proposal-role = Рөлі
# review
proposal-of = Қай ұйымнан
proposal-alias = Басқа есімі
proposal-type = Түрі
proposal-date = Күні
proposal-no-date = мәтінде көрсетілмеген: қабылдамас бұрын өңдеңіз
proposal-date-as-written = мәтінде: «{ $text }»
proposal-place = Орны
proposal-people = Адам саны
proposal-terms = Жаза
proposal-imprisonment = бас бостандығынан айыру: { $term }
proposal-restricted-freedom = бас бостандығын шектеу: { $term }
proposal-fine = айыппұл
proposal-ban = тыйым: { $scope }
proposal-who = Кім
proposal-decided-by = Шешім қабылдаған
proposal-in-source = дереккөздегі үзінді
# review
proposal-passage-at = дереккөз мәтінінің { $from }–{ $to } таңбалары
proposal-accept = Қабылдау
proposal-accept-add = Қабылдау (жазбаға қосу)
proposal-edit-accept = Өңдеп, қабылдау
proposal-merge-label = Біріктірілетін жазба
proposal-merge-hint = кез келген жазылудағы есім
proposal-merge = Біріктіру…
proposal-reject = Қабылдамау
review-kind = Түрі
review-kind-any = кез келген
review-kind-persons = адамдар
review-kind-organisations = ұйымдар
review-kind-aliases = басқа есімдер
review-kind-events = оқиғалар
review-state = Күйі
review-state-all = барлығы
# review
review-min-score = Сәйкестік кемінде
review-show = Көрсету
review-persons = Адамдар
review-organisations = Ұйымдар
review-aliases = Белгілі жазбалардың басқа есімдері
review-events = Оқиғалар
review-title = Ұсыныстар: { $title }
review-the-source = Дереккөз
review-count-pending = шешім күтуде: { $count }
review-count-accepted = қабылданды: { $count }
review-count-rejected = қабылданбады: { $count }
review-duplicate = «{ $name }» ретінде қайта келді (мәтіні сол), { $by }.
review-near = Мынаған өте ұқсас:
# review
review-similarity = (ұқсастығы { $score }).
review-order = Алдымен адамдар мен ұйымдар бойынша шешім қабылдаңыз: жаңа адамды атайтын оқиғаны сол адам қабылданғаннан кейін қабылдауға болады.
review-tick = Төмендегі ұсыныстарды белгілеңіз, содан кейін:
review-accept-selected = Белгіленгендерді қабылдау
review-reject-selected = Белгіленгендерді қабылдамау
# review
review-matched = Немесе жазбамен сәйкестігі кемінде мынадай болатын, шешім күтіп тұрған барлық адам мен ұйымды қабылдау:
review-accept-them = Соларды қабылдау
review-one-by-one = Әр шешім жеке-жеке, өз алдына қабылданғандай жазылады.
review-none = Бұл дереккөз бойынша ұсыныс жоқ.
review-no-date = мәтінде күні көрсетілмеген: күнін мүмкіндігінше дәл көрсетіңіз
review-back = Ұсыныстарға оралу
merge-title = Біріктіру
merge-heading = «{ $name }» жазбасын біріктіру…
merge-nothing = Іс материалдарында «{ $name }» деп аталатын ештеңе жоқ. Басқаша жазып көріңіз немесе ұсынысты жаңа жазба ретінде қабылдаңыз.
merge-found = «{ $name }» бойынша табылған жазбалар
merge-submit = Таңдалған жазбамен біріктіру
decisions-title = Шешімдер
decisions-accepted = { $total } ішінен { $count } қабылданды
decisions-rejected = { $total } ішінен { $count } қабылданбады
decisions-left = Мыналар бойынша қазіргі күйінде шешім қабылдау мүмкін емес:
decisions-why-invalid = онда бірдеңе жетіспейді немесе қате
decisions-why-conflict = осы арада ол бойынша шешім қабылданған немесе ол өзгертілген
decisions-why-not-found = оған қажет жазба іс материалдарында жоқ
proposal-basis-stated = мәтінде көрсетілгендей
proposal-basis-publication-year = жылы мақаланың күнінен алынды
# review
proposal-basis-text-year = жылы мәтінде аталған ең соңғы жылдан алынды
# review
proposal-basis-relative = мақаланың күніне қарап есептелді
# review
proposal-basis-reported = мақаланың күні: мәтін жалғасып жатқан тәжірибе туралы хабарлайды
# review
proposal-basis-bounded = мәтіндегі екі күні көрсетілген оқиғаның арасы: іс қозғалғаннан кейін, оны аяқтаған оқиғадан кешіктірмей
