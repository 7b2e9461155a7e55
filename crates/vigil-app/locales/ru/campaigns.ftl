# Страница кампании, форма подписи, страница подтверждения и письма.

## Страница и форма
campaign-other-languages = Другие языки
campaign-confirmed =
    { $count ->
        [one] подпись подтверждена
        [few] подписи подтверждены
       *[many] подписей подтверждено
    }
campaign-goal = Цель: { $goal }
campaign-invalidated = (признано недействительными: { $count })
campaign-signed = Спасибо! Проверьте почту: подпись засчитывается после подтверждения по ссылке из письма.
campaign-field-name = Имя
campaign-field-email = Электронная почта
campaign-field-country = Страна
campaign-field-organisation = Профсоюз или организация (необязательно)
campaign-field-website = Сайт
campaign-sign = Подписать
campaign-privacy = Ваши данные зашифрованы и удаляются через 6 месяцев после закрытия кампании.
campaign-message = Обращение к адресатам
campaign-case-file = Материалы дела
# Текст флажков сохраняется вместе с подписью как данное согласие.
campaign-opt-in = Да, организаторы этой кампании могут писать мне об этой и связанных с ней кампаниях. Я могу отказаться в любое время.
campaign-named = Показать моё имя (но не адрес почты) адресатам этой кампании.

## Страница ссылки подтверждения
campaign-confirmed-title = Спасибо: ваша подпись засчитана
campaign-confirmed-text = Ваша подпись подтверждена. Расскажите о кампании: каждая подпись добавляет ей веса.
campaign-spent-title = Ссылка использована или устарела
campaign-spent-text = Эта ссылка уже использована или срок её действия истёк. Если вы подтвердили подпись раньше, она засчитана.
campaign-closed-title = Кампания закрыта
campaign-closed-text = Эта кампания больше не принимает подписи.
campaign-unknown-title = Неизвестная ссылка
campaign-unknown-text = Эта ссылка подтверждения недействительна.

## Письмо с просьбой подтвердить подпись
campaign-mail-subject = Подтвердите подпись: { $title }
campaign-mail-hello = Здравствуйте, { $name }!
campaign-mail-thanks = Спасибо, что подписали «{ $title }».
campaign-mail-confirm = Подпись будет засчитана, когда вы подтвердите её, открыв эту ссылку:
campaign-mail-expiry =
    { $count ->
        [one] Ссылка действует { $count } день. Если вы не подписывали, просто не обращайте внимания на это письмо: больше писем не будет.
        [few] Ссылка действует { $count } дня. Если вы не подписывали, просто не обращайте внимания на это письмо: больше писем не будет.
       *[many] Ссылка действует { $count } дней. Если вы не подписывали, просто не обращайте внимания на это письмо: больше писем не будет.
    }

## Сводка для адресатов кампании
campaign-digest-subject = { $title } — подписей: { $count }
campaign-digest-dear = Уважаемый(ая) { $name }!
campaign-digest-count =
    { $count ->
        [one] Эту кампанию подписал { $count } человек.
        [few] Эту кампанию подписали { $count } человека.
       *[many] Эту кампанию подписали { $count } человек.
    }
campaign-digest-by-country = По странам: { $countries }
campaign-digest-named = Подписавшие после прошлой сводки, которые согласились назвать своё имя:

## Stopping the updates (the link in every update to a signer)
campaign-unsubscribe-line = Чтобы больше не получать эти новости, откройте ссылку:
campaign-unsubscribe-title = Отказаться от новостей
campaign-unsubscribe-ask = Нажмите кнопку, и кампания больше не будет присылать вам новости. Ваша подпись по-прежнему учитывается.
campaign-unsubscribe-button = Отказаться от новостей
campaign-unsubscribe-done-title = Новостей больше не будет
campaign-unsubscribe-done = Кампания больше не будет присылать вам новости. Ваша подпись по-прежнему учитывается.
campaign-unsubscribe-invalid-title = Ссылка не работает
campaign-unsubscribe-invalid = Проверьте, что ссылка из письма скопирована целиком.
