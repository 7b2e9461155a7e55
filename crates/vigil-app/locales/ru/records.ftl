# Страницы записей (человек, событие, организация…): их собственные слова.

## Сроки («7 лет», «5 месяцев и 8 дней»)
duration-years =
    { $count ->
        [one] { $count } год
        [few] { $count } года
       *[many] { $count } лет
    }
duration-months =
    { $count ->
        [one] { $count } месяц
        [few] { $count } месяца
       *[many] { $count } месяцев
    }
duration-weeks =
    { $count ->
        [one] { $count } неделя
        [few] { $count } недели
       *[many] { $count } недель
    }
duration-days =
    { $count ->
        [one] { $count } день
        [few] { $count } дня
       *[many] { $count } дней
    }
duration-and = { $rest } и { $last }

## Сведения записи
fact-occupation = Род занятий
fact-sex = Пол
fact-country = Страна
fact-affiliations = Членство и работа
fact-date = Дата
fact-place = Место
fact-people-affected = Пострадавших
fact-participants = Участники
fact-terms = Наказание
fact-acts-on = Относится к
fact-referred-to-by = Упоминается в
record-not-shown = запись, которая здесь не показывается
history-link = История этой записи

## Наказание по приговору
terms-imprisonment = Лишение свободы: { $length }
terms-restricted-freedom = Ограничение свободы: { $length }
terms-fine = Штраф: { $amount }
terms-fine-undisclosed = Штраф: сумма не указана
terms-ban = Запрет ({ $scope }): { $length }
terms-ban-open = Запрет ({ $scope }): срок не указан

## Цитаты и их источники
quotes-evidence = Доказательства
quotes-pledged = Слова обещания
quotes-passages = Отрывки
source-not-shown = источник, который здесь не показывается
sources-cited = Цитируемые источники
sources-cited-passages =
    { $count ->
        [one] { $count } отрывок
        [few] { $count } отрывка
       *[many] { $count } отрывков
    }

## Страница человека
person-also-written = Другие написания:
person-status-today = Положение сегодня
person-at-liberty = На свободе: на { $day } не записано ни одного действующего ограничения.
person-steps = Как это выведено
person-timeline = Хронология
person-events = События
person-cases = Дела
person-quotes = Что о нём или о ней говорят источники
organisation-quotes = Что о ней говорят источники

## Хронология
timeline-none = Событий не записано.
timeline-title = Хронология событий
timeline-legend-day = событие с известным днём
timeline-legend-span = событие, дата которого известна лишь приблизительно
timeline-legend-certain = ограничение с точно известным концом
timeline-legend-possible = ограничение, конец которого не точен или неизвестен

## Кампании на странице записи
campaigns-heading = Кампании
campaign-state-draft = черновик
campaign-state-open = идёт сбор подписей
campaign-state-closed = закрыта
campaign-state-delivered = передана адресатам

## Claims: sources that disagree about an event
claims-heading = Источники расходятся
claims-explained = Каждая версия показана с источниками, которые её приводят. Vigil учитывает все неотклонённые версии: ограничение считается несомненным только там, где все они совпадают.
claims-own-account = Версия события
claims-other-account = Другая версия
claims-said-by = Приводит
claims-rejected = Отклонена:
claims-reject = Отклонить эту версию
claims-reinstate = Отменить отклонение
claims-reason = Причина (обязательно)
claims-sources-disagree = Источники расходятся:
claims-or = или
# Patterns (issue 19).
event-is-pattern = Практика.
event-is-pattern-hint = Источники описывают длящуюся или общую практику, а не одно действие определённого дня: она не учитывается ни в оценке года, ни в событиях «с тех пор», ни среди последних событий и никого не ограничивает.
event-pattern-mark = практика
fact-reported = Сообщено
