# JSON API қателерінің хабарлары, қате коды бойынша (кодтар ағылшынша қалады).

api-error-bad-request = Сұраныста Vigil оқи алмайтын мән бар.
api-error-not-found = Бұл мекенжайда ештеңе жоқ немесе сізге көруге болатын ештеңе жоқ.
# review
api-error-unauthorised = Бұл үшін жүйеге кіріңіз немесе API токенін жіберіңіз.
api-error-forbidden = Сіздің тіркелгіңізге бұған рұқсат жоқ.
api-error-csrf = Форманың мерзімі өтті: оны жаңартып, қайта көріңіз.
# review
api-error-invalid = Жіберілген деректер бір-біріне сәйкес келмейді; ештеңе сақталмады.
api-error-conflict = Бұл жазбаны біреу осы арада өзгертті немесе ол бұрыннан бар.
api-error-referenced = Бұл жазбаға басқа жазбалар сілтеме жасайды; ол жойылмады.
# review
api-error-closed = Бұл жабық, енді ештеңе қабылдамайды.
api-error-rate-limited = Сіздің желіңізден жаңа ғана тым көп сұраныс келді: біраз күтіп, қайта көріңіз.
api-error-unreadable = Сұраныстың денесін оқу мүмкін емес.
api-error-precondition-failed = Сіз оқығаннан бері жазба өзгерді: оны қайта оқып, өзгерісіңізді жіберіңіз.
api-error-method-not-allowed = Бұл мекенжай мұндай әдісті қабылдамайды.
api-error-payload-too-large = Сұраныстың денесі Vigil қабылдайтыннан үлкен.
api-error-unsupported-media-type = Бұл мекенжай мұндай түрдегі денені оқымайды.
api-error-uri-too-long = Мекенжай тым ұзын.
api-error-headers-too-large = Сұраныстың тақырыптары тым үлкен.
api-error-not-implemented = Мұнда бұл мүмкін емес.
api-error-internal = Біз жақта бірдеңе дұрыс болмады.
api-error-other = Сұраныс қабылданбады.
api-error-with-field = { $message } («{ $field }» өрісі)
api-error-malformed-json = Сұраныстың денесі жарамды JSON емес.
api-error-no-such = Табылмады: { $what } «{ $name }» (немесе сізге көруге рұқсат жоқ).
api-error-record = жазба
api-error-kind-account = тіркелгі
api-error-kind-attachment = тіркеме
api-error-kind-campaign = науқан
# review
api-error-kind-invalidation = қолдарды жарамсыз деп тану
api-error-kind-page = бет
# review
api-error-kind-partner-link = серіктеске арналған сілтеме
api-error-kind-proposal = ұсыныс
api-error-kind-revision = нұсқа
api-error-kind-token = токен
api-error-decided = Бұл ұсыныс бойынша шешім қабылданып қойған.
api-error-storage = Істің деректер қорын оқу немесе жазу мүмкін болмады.
