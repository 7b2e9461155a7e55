# Страницы организаторов кампании, её итоги и страница партнёра.

## Форма кампании
organise-new-title = Новая кампания
organise-edit-title = Изменить кампанию
organise-desk = Пульт организаторов
organise-public-page = Публичная страница
organise-not-saved = Не сохранено:
organise-settings = Параметры
organise-slug = Адрес (строчные латинские буквы, цифры и дефисы)
organise-state = Состояние
organise-starts = Первый день
organise-ends = Последний день
organise-goal = Цель (подписей)
organise-digest-every = Сводка адресатам каждые (подписей; 0 — только ежедневно)
organise-case = Дело (его название)
organise-persons = Люди (по имени, одно в поле)
organise-versions = Языковые версии
organise-versions-hint = Первая версия — на собственном языке кампании, она должна быть полной. Версия публикуется, когда у неё есть заголовок, текст и обращение.
organise-version-new = Новый язык
organise-version-complete = полная
organise-version-incomplete = неполная: не опубликована
organise-version-language = Язык
organise-version-title = Заголовок
organise-version-text = Текст
organise-version-message = Обращение к адресатам
organise-targets = Адресаты
organise-target-name = Имя
organise-target-role = Должность
organise-target-email = Эл. почта
organise-save = Сохранить

## Пульт
organise-export = Подписи (CSV)
organise-signatures = Подписи
organise-count =
    { $count ->
        [one] { $count } подтверждённая подпись
        [few] { $count } подтверждённые подписи
       *[many] { $count } подтверждённых подписей
    }
organise-over-time = Подтверждённые подписи по дням
organise-by-country = Подписи по странам
organise-no-signatures = Подтверждённых подписей пока нет.
organise-news = Новости из базы дел
organise-news-released = ограничение, действовавшее в начале кампании, закончилось ({ $restraint })
organise-news-new = новое ограничение после начала кампании ({ $restraint })
organise-news-prompt = Обновите кампанию или запишите её итог и закройте её:
organise-deliveries = Отправки адресатам
organise-deliver-now = Отправить адресатам сводку сейчас
organise-delivery-queued = в очереди
organise-delivery-sent = отправлено
organise-delivery-failed = не удалось
organise-when = Когда
organise-who = Кто
organise-what = Что
organise-status = Статус
organise-none = Пока нет.
organise-result = Итог
organise-result-won = победа
organise-result-partly-won = частичная победа
organise-result-lost = поражение
organise-result-ongoing = продолжается
organise-note = Примечание
organise-responses = Ответы адресатов
organise-response-target = Кто ответил
organise-response-date = Дата
organise-response-link = Документ или источник
organise-response-text = Что ответили
organise-response-add = Записать ответ
organise-milestones = Вехи (новости подписавшим, которые на них согласились)
organise-updates-queued =
    { $count ->
        [one] { $count } письмо в очереди
        [few] { $count } письма в очереди
       *[many] { $count } писем в очереди
    }
organise-partners = Ссылки для партнёров
organise-partners-hint = Ссылка для профсоюза или организации, попросивших о кампании: она показывает число подписей по странам и по организациям и подписавших, согласившихся назвать своё имя, — и ничего больше. Работает, пока её не отзовут.
organise-partner = Партнёр
organise-partner-create = Создать ссылку
organise-partner-created = Ссылка для партнёра показывается только сейчас: скопируйте её и отправьте им.
organise-partner-revoke = Отозвать
organise-partner-revoked = отозвана
organise-invalidation = Аннулировать подписи
organise-invalidation-hint = Исключить подписи из подсчёта по диапазону адресов, почтовому домену или времени (UTC). Сначала посмотрите, сколько будет исключено; аннулирование можно отменить.
organise-ip-range = Диапазон адресов (CIDR)
organise-domain = Почтовый домен
organise-from = Подписаны с
organise-until = Подписаны до
organise-preview = Посмотреть
organise-would-remove =
    { $count ->
        [one] Будет исключена { $count } подпись.
        [few] Будут исключены { $count } подписи.
       *[many] Будет исключено { $count } подписей.
    }
organise-invalidate = Аннулировать
organise-filter = Условие
organise-removed = Исключено
organise-revert = Отменить
organise-reverted = отменено
organise-audit = Журнал

## Страница партнёра
organise-partner-title = { $title }: подписи
organise-by-organisation = По организациям
organise-no-organisation = организация не указана
organise-named = Подписавшие, согласившиеся назвать своё имя

## Новости подписавшим, которые на них согласились
campaign-update-goal-subject = { $title }: цель достигнута
campaign-update-goal =
    { $count ->
        [one] Кампания «{ $title }» достигла цели: её подписал { $count } человек. Спасибо, что вы среди них.
        [few] Кампания «{ $title }» достигла цели: её подписали { $count } человека. Спасибо, что вы среди них.
       *[many] Кампания «{ $title }» достигла цели: её подписали { $count } человек. Спасибо, что вы среди них.
    }
campaign-update-response-subject = { $title }: получен ответ
campaign-update-response = { $target } ответил(а) на кампанию «{ $title }»:
organise-error-several = «{ $name }» может означать несколько записей ({ $other }): напишите имя так, как названа нужная
campaign-audit-create = создана
campaign-audit-update = изменена
campaign-audit-invalidate = подписи признаны недействительными
campaign-audit-revert-invalidation = отмена недействительности подписей
campaign-audit-milestone = достигнут рубеж
campaign-audit-response = записан ответ адресата
campaign-audit-result = записан итог
campaign-audit-anonymise = данные подписавших стёрты
campaign-audit-partner-link = создана ссылка для партнёра
campaign-audit-revoke-partner-link = ссылка для партнёра отозвана
actor-vigil = сам Vigil
actor-console = консоль (пользователь { $name })
actor-console-unknown = консоль
organise-milestone-goal = цель достигнута
organise-milestone-response = получен ответ
