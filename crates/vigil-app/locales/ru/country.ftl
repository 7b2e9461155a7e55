# Список стран и страница страны.

countries-lead = По каждой стране: обзоры, рекомендации, обещания и рейтинг, выведенный из задокументированных событий.
countries-none = Пока не записано ни одной страны.
countries-events =
    { $count ->
        [one] { $count } событие
        [few] { $count } события
       *[many] { $count } событий
    }
country-briefing-today = Справка на сегодня
country-briefing-for = Справка к обзору:
country-reviews = Обзоры
country-no-review = Обзоров не записано.
country-case = дело { $number }
country-open-recommendations = Невыполненные рекомендации
country-no-open-recommendation = Невыполненных рекомендаций не записано.
country-th-recommendation = Рекомендация
country-th-review = Обзор
country-th-response = Ответ государства
country-th-latest = Последняя оценка
country-why = почему
country-pledges = Обещания и события после них
country-no-pledge = Обещаний не записано.
country-latest-assessment = Последняя оценка:
country-since =
    { $count ->
        [one] После этого записано { $count } событие:
        [few] После этого записано { $count } события:
       *[many] После этого записано { $count } событий:
    }
country-since-latest = После этого записано событий: { $count }; последние { $shown }:
country-patterns = Сообщаемые практики
country-patterns-hint = Практики, которые источники описывают как длящиеся или общие, а не как действия определённого дня. Они не учитываются ни в оценке года, ни в событиях «с тех пор», ни в графиках.
country-pattern-reported = сообщение: { $date }
country-events-by-type = События по видам и годам
country-spanning =
    { $count ->
        [one] { $count } событие, датированное лишь промежутком в несколько лет, не отнесено ни к одному году.
        [few] { $count } события, датированные лишь промежутком в несколько лет, не отнесены ни к одному году.
       *[many] { $count } событий, датированных лишь промежутком в несколько лет, не отнесены ни к одному году.
    }
country-restraints = Число людей в заключении и под запретом по месяцам
country-restraints-hint = Подсчитано механизмом статусов на первое число каждого месяца по записанным событиям (ограничения точные и возможные).
country-legend-imprisoned-certain = В заключении, точно
country-legend-imprisoned-possible = В заключении, точно или возможно
country-legend-banned-certain = Под запретом, точно
country-legend-banned-possible = Под запретом, точно или возможно
country-ratings = Рейтинг по годам
country-no-rule = В материалах нет правила рейтинга.
country-rating = рейтинг
country-score = баллов: { $score }
country-rating-json = Этот рейтинг в формате JSON
chart-no-event-in-a-year = Ни одно событие не отнесено к году.
chart-no-months = Нет месяцев для показа.
chart-no-year = Нет года для оценки.

## Рейтинги и их охват
rating-1 = Эпизодические нарушения прав
rating-2 = Повторяющиеся нарушения прав
rating-3 = Регулярные нарушения прав
rating-4 = Систематические нарушения прав
rating-5 = Права не гарантированы
rating-5-plus = Права не гарантированы из-за разрушения верховенства права
coverage-rated = оценено
coverage-no-data = нет данных
coverage-not-covered = правило не охватывает

## Правило рейтинга и обоснование оценки года
rule-the-rule = Правило:
rule-th-group = Группа
rule-th-indicator = Показатель
rule-th-counts = Что учитывается
rule-th-weight = Вес
rule-only-unions = только против профсоюзов и их членов
rule-only-acting-on = только если относится к: { $kinds }
rule-spanning = События, датированные лишь промежутком в несколько лет:
rule-spanning-not-counted = не учитываются (перечислены под каждым годом, к которому могут относиться).
rule-spanning-last-year = учитываются в последнем году, к которому могут относиться.
rule-thresholds = Пороги:
rule-threshold = от { $score } баллов → { $rating }
rule-no-data = Год, на который не приходится ни одного задокументированного события, не получает рейтинга: «нет данных» — это не хорошая новость.
rule-years = Правило охватывает годы с { $from } по { $to }; другие годы не охвачены.
why-no-data = На { $year } год не приходится ни одного задокументированного события страны: данных нет, поэтому нет и рейтинга. Отсутствие записей — не отсутствие нарушений.
why-not-covered = Правило не охватывает { $year } год: рейтинга нет.
why-none-counted = Ни одно событие не учтено.
why-not-counted =
    { $count ->
        [one] { $count } событие, датированное промежутком в несколько лет, включающим { $year } год, в нём не учитывается
        [few] { $count } события, датированные промежутком в несколько лет, включающим { $year } год, в нём не учитываются
       *[many] { $count } событий, датированных промежутком в несколько лет, включающим { $year } год, в нём не учитываются
    }
why-more =
    Здесь перечислены только первые { $shown } из { $count ->
        [one] { $count } события, учтённого
       *[other] { $count } событий, учтённых
    } в { $year } году; рейтинг этого года в формате JSON перечисляет все.
why-counted-elsewhere = Учтено в { $year } году: { $count } (событие учитывается по разу под каждым индикатором, которому оно отвечает).
why-undated-more = Здесь перечислены только первые { $shown }.
