# «Оқиға туралы хабарлау» жария беті. Сұрақтардың өзі оқиға туралы
# хабарлама нысанынан алынады (crates/vigil-app/src/field/xform.rs), сол үш
# тілде.

report-title = Оқиға туралы хабарлау
# review
report-intro = Қорғаушыларға не болғанын айтыңыз: ұстау, тінту, сот, кәсіподаққа қысым. Хабарламаңызды тек хабарламаларды тексеретін редакторлар көреді; тексерілмейінше одан ештеңе жарияланбайды, кейін де тек сіз рұқсат еткендей ғана.
# review
report-safety = Vigil сіздің кім екеніңізді сұрамайды, хабарламамен бірге есептік жазбаны да, желілік мекенжайыңызды да сақтамайды. Бұл құрылғыны не желіні біреу бақылауы мүмкін болса, басқасынан жіберіңіз.
report-choose = Таңдаңыз…
report-files = Фотосуреттер, жазбалар мен құжаттар: барлығы { $amount } МБ-тан аспауы керек.
report-files-again = Нысан қайтарылғанда файлдар сақталмайды: оларды қайта таңдаңыз.
report-send = Хабарламаны жіберу
report-sent = Рақмет: хабарламаңыз қабылданды. Редакторлар оны оқиды; тексерілмейінше одан ештеңе жария болмайды.
report-another = Тағы бір хабарлама жіберу
report-problems = Нысанда бірдеңені түзету керек:
report-needs-event-type = не болғанын таңдаңыз.
# review
report-needs-event-date = бұл болған күнді (немесе сол айдың не жылдың кез келген күнін) көрсетіңіз, бірақ келешектегі күнді емес.
report-needs-date-precision = күні, айы немесе тек жылы белгілі ме, соны көрсетіңіз.
# review
report-needs-account = не болғанын өз сөзіңізбен жазыңыз (20 000 таңбадан аспасын; қалғанын құжат ретінде жіберіңіз).
report-needs-consent = тексерілген соң хабарламаны жария пайдалануға бола ма, соны көрсетіңіз.
report-needs-shorter = бұл жауап тым ұзын.
report-too-many = Желіңізден жаңа ғана тым көп хабарлама келді: кейінірек қайталап көріңіз.
report-too-fast = Бірнеше секунд күтіп, нысанды қайта жіберіңіз.
report-stale = Нысанның мерзімі өтті: ол қайта көрсетілді, тағы бір рет жіберіңіз.
report-too-large = Файлдар бұл бет қабылдайтыннан үлкен (барлығы { $amount } МБ-тан аспауы керек): азырақ не кішірек файл жіберіңіз.
report-unreadable = Нысанды оқу мүмкін болмады: оны қайта толтырыңыз.
report-failed = Хабарлама сақталмады, бұл сіздің кінәңіз емес: біраздан соң қайталап көріңіз.

# The incident report form's questions, asked by phones (ODK) and by
# the report page alike.
report-question-event-type = Не болды?
report-question-event-date = Бұл қашан болды?
report-hint-event-date = Тек айы не жылы белгілі болса, кез келген күнді таңдап, төменде көрсетіңіз.
report-question-date-precision = Күн қаншалықты нақты?
report-choice-day = Күні белгілі
report-choice-month = Тек айы
report-choice-year = Тек жылы
report-question-place = Қайда? (қала, ғимарат)
report-question-location = Картадағы орны
report-hint-location = Тек қайда екеніңізді жазу қауіпсіз болса ғана.
report-question-persons = Бұл кімге қатысты? (әр жолға бір есім)
report-question-account = Не болғанын өз сөзіңізбен жазыңыз
report-question-consent = Тексерілген соң бұл хабарды жария пайдалануға бола ма?
report-choice-yes = Иә
report-choice-anonymous = Иә, атымсыз
report-choice-no = Жоқ: тек қорғаушыларға
report-question-photo = Фотосурет
report-question-audio = Аудиожазба
report-question-video = Бейне
report-question-document = Құжат
