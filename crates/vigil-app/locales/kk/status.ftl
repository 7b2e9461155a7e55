# Мәртебе қалай шығарылды: әр оқиға адамның шектеулеріне не істеді.

# review
step-held-custody = қамауда ұстау
step-held-imprisonment = бас бостандығынан айыру
step-held-restricted-freedom = бас бостандығын шектеу
step-held-fine = айыппұл
step-held-activity-ban = қызметке тыйым ({ $scope })
step-held-activity-ban-unknown = қызметке тыйым (аясы көрсетілмеген)
step-fine = айыппұл
step-fine-amount = { $amount } айыппұл
step-ends = тоқтатылады: { $what }
# review
step-ends-converted = айыппұл тоқтатылды (ауыстырылды: оны төлемегені үшін сотталды)
step-starts = басталады: { $what }
step-starts-for = басталады: { $what }, мерзімі { $term }
step-starts-open = басталады: { $what }, аяқталу мерзімі көрсетілмеген
# review
step-starts-after-prison = басталады: { $what }, мерзімі { $term }, бас бостандығынан айыру аяқталғаннан бастап есептеледі
step-fine-imposed = тағайындалды: { $fine }
step-adds = қосымша: { $what }
step-fine-now = енді { $fine }
# review
step-term-now = { $what }: енді { $term } (есептеу басы — { $date })
step-open-now = { $what }: енді аяқталу мерзімі көрсетілмеген
# review
step-lifts = алынды: { $what }
# review
step-rest-fine = қалған бөлігі ауыстырылды: { $fine }
# review
step-rest-term = қалған бөлігі ауыстырылды: { $what }, мерзімі { $term }
step-continues = жалғасады: { $what }, аяқталу мерзімі көрсетілмеген
step-no-appeal-names-nothing = шағымданған үкім көрсетілмеген; өзгеріс жоқ
step-no-appeal-sentence-missing = көрсетілген үкім осы күнге дейін жазылмаған; өзгеріс жоқ
step-no-appeal-upholds = үкім күшінде қалдырылды; өзгеріс жоқ
step-no-appeal-nothing = ауыстыратын ештеңе жоқ: ештеңе күшінде емес
step-no-ender-missing = көрсетілген оқиға осы күнге дейін жазылмаған; салдары жоқ
step-no-ender-nothing = тоқтататын ештеңе жоқ: ештеңе күшінде емес
step-no-terms = жаза жазылмаған
step-may-fall-after = оқиғаның күні { $date } күнінен кейін болуы мүмкін
# review
evidence-as-known-on = { $date } күнге дейін жарияланған деректер бойынша: тек сол күнге дейін жарияланған дереккөздердің үзінділері ескеріледі; кейін хабарланғаны ескерілмейді.
# review
evidence-all-held = Барлық бар деректер бойынша көрсету
# review
status-country = Ел (екі әріп)
# review
status-known-on = Осы күнгі деректер бойынша
# review
status-known-on-needs-country = өткен күнгі деректер бойынша тізім бір елдің материалдарынан құрылады: елді де көрсетіңіз, мысалы KZ
