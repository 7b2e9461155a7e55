# Әкімшілердің беттері: тіркелгілер, рөлдер, құпиясөздер, API токендері
# және өзгерістер журналы.
admin-accounts = Тіркелгілер
admin-name = Аты
admin-role = Рөлі
admin-state = Күйі
admin-disabled = өшірілген
admin-active = белсенді
admin-enable = Қосу
admin-disable = Өшіру
admin-add-account = Тіркелгі қосу
admin-password-min = Құпиясөз (кемінде { $count } таңба)
admin-add = Қосу
admin-audit = Өзгерістер журналы
admin-audit-intro = Тіркелгілер мен токендердің барлық өзгерісі, жаңалары алдымен.
admin-audit-none = Әзірге ешбір өзгеріс жазылмаған.
admin-when = Қашан
admin-who = Кім
admin-what = Не
admin-account-column = Тіркелгі
admin-detail = Толығырақ
admin-action-add = тіркелгі қосылды
admin-action-disable = өшірілді
admin-action-enable = қосылды
admin-action-role = рөлі өзгертілді
admin-action-password = құпиясөзі өзгертілді
admin-action-issue-token = токен берілді
admin-action-revoke-token = токен кері қайтарылды
admin-account = { $name } тіркелгісі
admin-all-accounts = ← Барлық тіркелгілер
admin-change-role = Рөлін өзгерту
admin-password = Құпиясөз
admin-password-note = Жаңа құпиясөз тіркелгінің барлық сеанстарын аяқтайды.
admin-new-password-min = Жаңа құпиясөз (кемінде { $count } таңба)
admin-set-password = Құпиясөзді орнату
admin-tokens = API токендері
admin-new-token = Жаңа токен тек осы жолы көрсетіледі: оны қазір көшіріп алыңыз.
admin-no-token = Токен жоқ.
admin-token-id = Идентификатор
admin-issued = Берілген күні
# review
admin-revoke = Кері қайтару
admin-issue-token = Токен беру
admin-error-name-taken = Бұл атау бос емес.
admin-error-name = Атау кіші латын әріптерінен, цифрлардан, «.», «_», «-» және «@» таңбаларынан тұрады.
admin-error-role = Рөл мыналардың бірі болуы керек: { $text }.
admin-error-password = Құпиясөз кемінде { $count } таңбадан тұрады.
admin-error-self-disable = Өз тіркелгіңізді өшіре алмайсыз.
admin-error-self-role = Өзіңізді әкімші рөлінен айыра алмайсыз; басқа әкімшіден сұраңыз.
# review
admin-forms = Телефондарға арналған формалар
# review
admin-forms-intro = ODK Collect, KoboCollect және Tella бұл формаларды Vigil-дің оқиға туралы хабарлама формасының жанында көрсетеді. XForm жүктеңіз (XLSForm немесе ODK Build жасайтын XML): оның данасында id, version және meta/instanceID болуы керек. Форманың жаңа нұсқасы оны алмастырады.
admin-forms-none = Бірде-бір форма жүктелмеген.
admin-form-id = Форма идентификаторы
admin-form-version = Нұсқа
admin-form-title = Атауы
admin-form-file = XForm (XML)
# review
admin-form-media = Оның медиафайлдары (форма jr://images/…, jr://file-csv/… деп атайтын суреттер, дыбыстар, CSV файлдары), әрқайсысы 1 МиБ-тан аспайды
# review
admin-form-media-files = Медиафайлдар
admin-form-upload = Форманы жүктеу
# review
admin-form-refused = Форма сақталмады.
