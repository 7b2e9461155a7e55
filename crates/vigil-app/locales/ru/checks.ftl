# Собственные проверки базы дела, как их читают редактор, клиент API
# или загрузка (обычные — в editing.ftl: edit-error-…).

check-start-before-end = начало должно быть раньше конца
check-quote-length = длина цитаты не равна end - start
check-source-too-long = текст источника — не больше 1,5 МБ
check-text-too-long = текст — не больше 100 КБ
check-at-most-300 = не больше 300 знаков
check-at-most-20000 = не больше 20 000 знаков
check-1-to-500 = от 1 до 500 знаков
check-recommendation-words = у рекомендации должен быть текст
check-pledge-excerpt = обещание приводится словами источника: нужна хотя бы одна цитата
check-excerpt-text = цитата должна содержать текст
check-assessment-evidence = оценке нужны доказательства: хотя бы одно событие или цитата
check-slug = короткое имя — от 3 до 64 строчных латинских букв и цифр, с одиночными дефисами внутри
check-slug-new = «new» — адрес страницы создания кампании: выберите другое короткое имя
check-campaign-version = у кампании должна быть хотя бы одна языковая версия
check-campaign-linked = кампания связывается с делом или с людьми
check-campaign-ends = кампания заканчивается раньше, чем начинается
check-one-version-per-language = одна версия на язык
check-campaign-first-version = первой версии кампании нужны заголовок, текст и письмо
check-code = от 1 до 64 строчных латинских букв, цифр, «_» или «-»
check-codes-unique = коды не должны повторяться
check-rule-indicator = правилу нужен хотя бы один показатель
check-indicator-event-type = показатель учитывает хотя бы один вид событий
check-at-most-200-indicators = не больше 200 показателей
check-thresholds-count = от одного до шести порогов
check-first-threshold = первый порог начинается с 0
check-thresholds-rise = пороги возрастают: у каждого балл и оценка выше, чем у предыдущего
check-years = «с» и «по» — годы от 1800 до 9999, «с» не позже «по»
check-claim-key = ключ версии — от 1 до 40 символов: a-z, 0-9 и «-»
check-claim-key-taken = у другой версии этого события такой же ключ
check-claim-says = версия указывает дату, условия наказания или место
check-claim-excerpt = версии нужен отрывок, который её приводит: отрывок, чей `claim` — этот ключ
check-claim-only-events = версии приводят только отрывки события
