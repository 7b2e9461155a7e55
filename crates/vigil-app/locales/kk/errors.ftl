# Қате беттері.
# Фразалар "# review" белгісімен — ана тілінде сөйлейтін маманның тексеруіне.

error-not-found = Табылмады
error-not-found-text = Бұл мекенжайда ештеңе жоқ немесе сізге көруге болатын ештеңе жоқ.
error-bad-request = Қате сұрау
error-bad-request-text = Мекенжайда немесе формада Vigil оқи алмайтын нәрсе бар.
error-sign-in-needed = Кіру қажет
error-sign-in-needed-text = Бұл бет жүйеге кірген тіркелгілерге арналған.
error-not-allowed = Рұқсат жоқ
error-not-allowed-text = Сіздің тіркелгіңізге бұған рұқсат жоқ.
error-conflict = Қайшылық
# review: a native speaker should confirm this wording
error-conflict-text = Бұл жазбаны осы арада біреу өзгертті немесе мұндай жазба бұрыннан бар.
error-too-large = Тым үлкен
error-too-large-text = Жіберілген дерек Vigil қабылдайтын көлемнен үлкен.
error-cannot-be-saved = Сақтау мүмкін емес
# review: a native speaker should confirm this wording
error-cannot-be-saved-text = Жіберілген деректерде қайшылық бар: толығырақ төменде.
error-too-many = Сұраулар тым көп
error-too-many-text = Дәл қазір сіздің желіңізден тым көп сұрау келді.
error-something-wrong = Бірдеңе дұрыс болмады
error-something-wrong-text = Біздің жақта бірдеңе дұрыс болмады.
error-advice-sign-in = Бұған рұқсаты бар тіркелгімен кіріңіз.
# review: a native speaker should confirm this wording
error-advice-role = Тіркелгіңіздің рөлі бұған рұқсат бермейді. Жұмысыңызға қажет болса, осы Vigil әкімшісі рөліңізді өзгерте алады.
error-advice-wait = Біраз күтіп, қайта көріңіз.
error-back = Басты бетке оралу

# Refusals and other answers with a title of their own.
error-forbidden-admin = Тіркелгіңіз — { $role }: тіркелгілер мен API токендерін тек әкімшілер басқарады.
error-forbidden-write = Тіркелгіңіз — { $role }: ол іс құжаттарын оқи алады, бірақ жазбаларды қоса, өзгерте не қарай алмайды.
error-forbidden-grant = Жұмысыңызға қажет болса, осы Vigil әкімшісі рөліңізді тіркелгілер бетінде немесе «vigil user role { $name } editor» командасымен өзгерте алады.
error-method = Бұл мекенжайда бұлай болмайды
error-changed = Осы арада өзгертілді
error-address-too-long = Мекенжай тым ұзын
error-unsupported = Пішім қабылданбайды
