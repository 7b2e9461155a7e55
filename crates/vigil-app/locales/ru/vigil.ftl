# Слова Vigil по-русски. Ключи те же, что в en/vigil.ftl (тест это проверяет).


## The frame of every page
site-footer = Каждый факт в Vigil опирается на цитату из источника, который его сообщает.
nav-persons = Люди
nav-organisations = Организации
nav-events = События
nav-cases = Дела
nav-sources = Источники
nav-status = Статус
nav-countries = Страны
nav-api = API
nav-accounts = Учётные записи
search-label = Поиск
search-placeholder = Имя в любом написании, слово…
search-button = Найти
signed-in-as = Вы вошли как
sign-out = Выйти
sign-in = Войти
language-switch = Язык
pager-previous = ← Назад
pager-next = Далее →
pager-range = { $first }–{ $last } из { $total }

## The start page
home-lead = Досье о преследовании профсоюзных активистов и правозащитников: кто, что, с кем и когда сделал — и какой источник об этом сообщает.
home-count-persons =
    { $count ->
        [one] человек
        [few] человека
        [many] человек
       *[other] человека
    }
home-count-organisations =
    { $count ->
        [one] организация
        [few] организации
        [many] организаций
       *[other] организации
    }
home-count-events =
    { $count ->
        [one] событие
        [few] события
        [many] событий
       *[other] события
    }
home-count-cases =
    { $count ->
        [one] дело
        [few] дела
        [many] дел
       *[other] дела
    }
home-count-sources =
    { $count ->
        [one] источник
        [few] источника
        [many] источников
       *[other] источника
    }
home-today = Сегодня в заключении или под запретом
home-derived = По записанным событиям на { $day }
home-other-day = Статус на другой день →
home-all-not-free = Все лишённые свободы сегодня: { $count } →
home-latest-events = Последние события
home-all-events = Все события →
status-imprisoned = В заключении
status-in-custody = Под стражей
status-banned = Под запретом
events-none = Событий нет.

## The status list
status-page-title = Статус на день
status-heading = Статус на { $day }
status-lead = Выводится только из записанных событий: на странице человека у каждой строки указано, из каких событий она следует.
status-day = День
status-only = Только
status-all-restraints = все ограничения
status-sorted-by = Сортировка
status-order-name = по имени
status-order-start = по началу
status-order-end = по ожидаемому окончанию
status-show = Показать
status-none = В этот день никто из досье не находится под ограничением.
status-count =
    { $count ->
        [one] { $count } человек лишён свободы в этот день.
        [few] { $count } человека лишены свободы в этот день.
        [many] { $count } человек лишены свободы в этот день.
       *[other] { $count } человека лишены свободы в этот день.
    }
status-csv = Скачать весь список в CSV
status-restricted = Ограничение свободы
status-fined = Оштрафованы
restraint-scope = ({ $scope })
restraint-since = начало: { $start }
end-free-from = на свободе с { $day }
end-free-between = на свободе между { $from } и { $to }
end-unknown = окончание неизвестно
restraint-possibly = (возможно)
restraint-possibly-why = При одних прочтениях неточных дат это ограничение действует, при других — нет
restraint-last-confirmed = последнее подтверждение — { $day }
restraint-last-confirmed-why = Ни один источник, опубликованный позже, не говорит, что это ещё в силе

## Dates: a day, a month, a year
date-day = { $day } { $month } { $year } г.
date-month = { $month } { $year } г.
date-year = { $year } г.

# The month after a day ("16 October"), and alone ("October 2019").
month-of-1 = января
month-of-2 = февраля
month-of-3 = марта
month-of-4 = апреля
month-of-5 = мая
month-of-6 = июня
month-of-7 = июля
month-of-8 = августа
month-of-9 = сентября
month-of-10 = октября
month-of-11 = ноября
month-of-12 = декабря
month-1 = январь
month-2 = февраль
month-3 = март
month-4 = апрель
month-5 = май
month-6 = июнь
month-7 = июль
month-8 = август
month-9 = сентябрь
month-10 = октябрь
month-11 = ноябрь
month-12 = декабрь

## Vocabulary terms

event-type-arrest = Арест
event-type-detention = Задержание
event-type-search = Обыск
event-type-seizure = Изъятие
event-type-interrogation = Допрос
event-type-investigation = Расследование
event-type-charge = Обвинение
event-type-trial = Судебный процесс
event-type-conviction = Признание виновным
event-type-sentence = Приговор
event-type-pardon = Помилование
event-type-release = Освобождение
event-type-fine = Штраф
event-type-ban = Запрет
event-type-appeal = Апелляция
event-type-acquittal = Оправдание
event-type-amnesty = Амнистия
event-type-registration-denial = Отказ в регистрации
event-type-dissolution = Ликвидация
event-type-strike = Забастовка
event-type-rally = Митинг
event-type-dispersal = Разгон
event-type-law = Закон
event-type-statement = Заявление
event-type-review = Обзор
event-type-pledge = Обязательство
event-type-campaign = Кампания
event-type-award = Награда
event-type-resignation = Отставка
event-type-appointment = Назначение
event-type-sanction = Санкция
event-type-harassment = Преследование

participant-role-victim = Пострадавший
participant-role-perpetrator = Нарушитель
participant-role-actor = Участник
participant-role-target = Объект давления

organisation-kind-union = Профсоюз
organisation-kind-confederation = Конфедерация
organisation-kind-ngo = НКО
organisation-kind-state-body = Государственный орган
organisation-kind-court = Суд
organisation-kind-intergovernmental = Межправительственная организация
organisation-kind-political-movement = Политическое движение
organisation-kind-media = СМИ
organisation-kind-other = Другое

organisation-status-active = Действует
organisation-status-dissolved = Ликвидирована
organisation-status-banned = Запрещена
organisation-status-unknown = Неизвестно

sex-female = Женщина
sex-male = Мужчина
sex-other = Другое

account-role-admin = Администратор
account-role-editor = Редактор
account-role-confidential-reader = Редактор с доступом к конфиденциальным записям
account-role-reader = Читатель
account-role-device = Полевое устройство (только отправляет отчёты по OpenRosa)

record-kind-person = Человек
record-kind-organisation = Организация
record-kind-event = Событие
record-kind-case = Дело
record-kind-source = Источник
record-kind-mechanism = Механизм обзора
record-kind-review = Обзор
record-kind-recommendation = Рекомендация
record-kind-pledge = Обязательство
record-kind-assessment = Оценка
record-kind-rating-rule = Правило рейтинга

mechanism-kind-upr = Совет ООН по правам человека, Универсальный периодический обзор
mechanism-kind-ilo-cas = Комитет МОТ по применению норм
mechanism-kind-ilo-cfa = Комитет МОТ по свободе объединения
mechanism-kind-ilo-supervision = Надзорный орган МОТ (другой)
mechanism-kind-treaty-body = Договорный орган ООН
mechanism-kind-special-procedure = Специальная процедура ООН
mechanism-kind-national = Национальный орган
mechanism-kind-other = Другое

cfa-case-status-active = Активное
cfa-case-status-follow-up = Последующие действия
cfa-case-status-closed = Закрыто

state-response-supported = Поддержана
state-response-noted = Принята к сведению
state-response-none = Нет ответа

theme-freedom-of-association = Свобода объединения
theme-right-to-strike = Право на забастовку
theme-collective-bargaining = Коллективные переговоры
theme-assembly = Свобода мирных собраний
theme-expression = Свобода выражения мнений
theme-fair-trial = Справедливое судебное разбирательство
theme-human-rights-defenders = Правозащитники
theme-detention = Произвольное задержание
theme-judicial-reform = Реформа судебной и правоохранительной системы
theme-other = Другое

implementation-status-not-implemented = Не выполнено
implementation-status-partially-implemented = Выполнено частично
implementation-status-implemented = Выполнено
implementation-status-regressed = Ухудшение

bearing-supports = Подтверждает
bearing-contradicts = Опровергает

indicator-group-civil-liberties = Гражданские свободы
indicator-group-right-to-organise = Право создавать профсоюзы и вступать в них
indicator-group-union-activities = Профсоюзная деятельность
indicator-group-collective-bargaining = Коллективные переговоры
indicator-group-right-to-strike = Право на забастовку

restraint-kind-custody = Под стражей
restraint-kind-imprisonment = В заключении
restraint-kind-restricted-freedom = Ограничение свободы
restraint-kind-activity-ban = Запрет на деятельность
restraint-kind-fine = Оштрафован

certainty-certain = Точно
certainty-possible = Возможно

# The campaign page's signing form: what stopped a signature, in plain words.
campaign-sign-problem-name = Пожалуйста, укажите ваше имя (не более 200 символов).
campaign-sign-problem-email = Это не похоже на адрес электронной почты. Пожалуйста, проверьте его.
campaign-sign-problem-disposable = Адреса одноразовых почтовых сервисов не принимаются. Пожалуйста, укажите ваш обычный адрес.
campaign-sign-problem-country = Пожалуйста, выберите страну из списка.
campaign-sign-problem-organisation = Название организации слишком длинное (не более 200 символов).
campaign-sign-problem-too-fast = Слишком быстро! Подождите немного и нажмите кнопку ещё раз: всё, что вы ввели, сохранено.
campaign-sign-problem-stale-form = Форма была открыта слишком долго или уже отправлена. Пожалуйста, нажмите кнопку ещё раз: всё, что вы ввели, сохранено.
campaign-sign-problem-closed = Эта кампания сейчас не принимает подписи.
campaign-sign-problem-rate-limited = Из вашей сети только что пришло слишком много подписей. Пожалуйста, попробуйте через минуту.
campaign-sign-problem-failed = У нас что-то пошло не так. Пожалуйста, попробуйте ещё раз чуть позже.
restraint-disputed = оспаривается
restraint-disputed-why = Источники расходятся в описании события, на котором это основано; см. их версии

# A month as a sentence puts it (the prepositional/locative case).
date-in-month = в { $month } { $year } г.
end-free-during = на свободе { $date }
month-in-1 = январе
month-in-2 = феврале
month-in-3 = марте
month-in-4 = апреле
month-in-5 = мае
month-in-6 = июне
month-in-7 = июле
month-in-8 = августе
month-in-9 = сентябре
month-in-10 = октябре
month-in-11 = ноябре
month-in-12 = декабре

# The language's name in itself, on the language switch.
language-own-name = Русский
