# Отказы, прочитанные из английского текста кода (src/readback.rs).

refusal-at-most-characters = не более { $count } { $count ->
    [one] символа
   *[other] символов
}
refusal-at-most-items = не более { $count } { $count ->
    [one] элемента
   *[other] элементов
}
refusal-at-most = не более { $count }
refusal-email-too-long = адрес электронной почты — не длиннее { $count } { $count ->
    [one] символа
   *[other] символов
}
refusal-email-required = нужен адрес электронной почты
refusal-email-at = в адресе электронной почты должен быть знак @
refusal-email-local = часть до @ — от 1 до 64 символов, без второго @
refusal-email-local-characters = в части до @ есть символы, которых не бывает в адресе
refusal-email-domain = часть после @ — не доменное имя
refusal-email-local-empty = часть до @ без метки (+…) пуста
refusal-confidential-field = у записи вида «{ $what }» нельзя скрыть поле «{ $field }» (можно: { $text })
refusal-wrong-kind = «{ $name }» — это { $what }, а не { $other }
refusal-exposes = «{ $name }» — конфиденциальная запись, без которой эту запись ({ $what }) нельзя показать: сделайте и её конфиденциальной
refusal-misquoted = цитаты нет в источнике «{ $name }» на байтах { $start }..{ $to }
refusal-misquoted-case-file = цитаты нет в «{ $name }» на байтах { $start }..{ $to }
refusal-date-written = «{ $text }» — не дата в виде ГГГГ-ММ-ДД
refusal-date-form = дата пишется в виде ГГГГ-ММ-ДД
refusal-date-iso = дата пишется в виде ГГГГ-ММ-ДД
refusal-date-empty = дата пуста
refusal-date-shape = «{ $text }» — не дата вида ГГГГ, ГГГГ-ММ, ГГГГ-ММ-ДД и не промежуток А/Б
refusal-date-year = год { $year } вне промежутка 1000–9999
refusal-date-day = «{ $text }» — такого дня нет в календаре
refusal-date-backwards = промежуток идёт вперёд: его начало целиком раньше конца: «{ $text }»
refusal-date-relative = чтобы прочесть «{ $text }», нужна дата самой статьи (она не указана)
refusal-date-unknown = «{ $text }» — не дата, которую Vigil понимает
refusal-duration-shape = «{ $text }» — не срок ISO 8601 вроде P7Y или P5M8D
refusal-duration-hours = в «{ $text }» есть часы, минуты или секунды, а сроки считаются в днях
refusal-duration-too-long = «{ $text }» — слишком долгий срок
refusal-duration-unknown = «{ $text }» — не срок, который Vigil понимает
refusal-user-name = имя пользователя — от 2 до 64 символов: строчные латинские буквы, цифры, «.», «_», «-», «@»
refusal-country-code = «{ $text }» — не код страны: используйте ISO 3166-1 alpha-2, например KZ
refusal-country-nothing = в деле ничего нет о стране { $country }
refusal-no-rating-rule = в деле нет правила рейтинга: создайте его через /api/v1/rating-rules
refusal-year = год — число от 1900 до 2200, например 2019
refusal-may-not-change = ваша учётная запись не может изменять записи
refusal-reason-too-long = причина — не длиннее { $count } { $count ->
    [one] символа
   *[other] символов
}
refusal-reason-control = в причине не должно быть управляющих символов (переводов строки, табуляций)
refusal-json-object = запись вида «{ $what }» — это объект JSON
refusal-confidential-needs-role = чтобы сделать запись или поле конфиденциальными или записать адрес, нужна роль confidential_reader
refusal-address-needs-role = чтобы записать адрес, нужна роль confidential_reader
refusal-restore-needs-role = чтобы восстановить запись с конфиденциальным содержимым, нужна роль confidential_reader
refusal-only-admins-accounts = учётными записями управляют только администраторы; попросите одного из них изменить вашу роль
refusal-disable-self = нельзя отключить собственную учётную запись
refusal-demote-self = нельзя снять с себя роль администратора; попросите другого администратора
refusal-account-disabled = учётная запись { $name } отключена
refusal-role = роль — одна из: { $text }
refusal-password-short = пароль — не короче { $count } { $count ->
    [one] символа
   *[other] символов
}
refusal-proposal-accepted = предложение «{ $name }» уже принято
refusal-proposal-rejected = предложение «{ $name }» уже отклонено
refusal-alias-first = сначала примите человека или организацию, которых называет это имя
refusal-only-admins-invalidate = подписи аннулируют только администраторы
refusal-slug-differs = короткое имя в теле запроса не совпадает с адресом
refusal-invalidation-filter = укажите диапазон адресов, домен или промежуток времени
refusal-required = это поле обязательно
refusal-link-scheme = ссылка начинается с https:// или http://
refusal-link-too-long = ссылка — веб-адрес не длиннее { $count } { $count ->
    [one] символа
   *[other] символов
}
refusal-response-future = ответ не может прийти из будущего
refusal-outcome-result = одно из: won, partly_won, lost, ongoing
refusal-campaign-closed = эта кампания сейчас не принимает подписи
refusal-rate-limited = слишком много подписей из вашей сети: попробуйте через минуту
refusal-disposable = адреса одноразовых почтовых служб не принимаются
refusal-pow-required = нужно доказательство работы (GET …/challenge)
refusal-pow-malformed = задание формы искажено: перезагрузите страницу
refusal-pow-not-ours = задание формы выдано не нами: перезагрузите страницу
refusal-pow-expired = срок формы истёк: перезагрузите страницу
refusal-pow-wrong = доказательство работы неверно: перезагрузите страницу
refusal-pow-too-fast = подождите несколько секунд, прежде чем отправлять форму
refusal-pow-used = эта форма уже отправлена: перезагрузите страницу, чтобы подписать
refusal-json-missing-field = нет обязательного поля «{ $field }»
refusal-json-unknown-field = неизвестное поле «{ $field }»; возможные поля: { $text }
refusal-json-unknown-field-one-of = неизвестное поле «{ $field }»; возможные поля: { $text }
refusal-json-unknown-variant-one-of = неизвестное значение «{ $name }»; возможные: { $text }
refusal-json-no-fields = неизвестное поле «{ $field }»: здесь полей нет
refusal-json-duplicate-field = поле «{ $field }» указано дважды
refusal-json-unknown-variant = неизвестное значение «{ $name }»; возможные: { $text }
refusal-json-invalid-type = значение не того типа, который принимает поле
refusal-json-invalid-value = значение, которое поле не принимает
refusal-json-invalid-length = неверное число элементов

json-fault-syntax-at = синтаксическая ошибка в строке { $line }, столбец { $column }
json-fault-eof-at = JSON обрывается раньше времени: строка { $line }, столбец { $column }
json-fault-syntax-column = синтаксическая ошибка в столбце { $column }
json-fault-eof-column = JSON обрывается раньше времени, в столбце { $column }
json-fault-eof = JSON обрывается раньше времени
json-fault-data-at = { $message } (строка { $line }, столбец { $column })
json-fault-data = значение не того типа или вида, который принимает поле

# Что импорт говорит о входном файле (vigil import).
refusal-import-line-too-long = строка длиннее { $count } { $count ->
    [one] байта
   *[other] байтов
}
refusal-import-id-mismatch = идентификатор строки «{ $name }» — не идентификатор её записи «{ $other }»
refusal-import-not-header = это не заголовок файла JSON Lines { $name }
refusal-import-not-csv-header = это не заголовок выгрузки { $name }
refusal-import-version = версию формата { $number } прочесть нельзя (этот Vigil читает версию { $other })
refusal-import-full-scope = полная выгрузка — это целое дело: импортируйте её командой `vigil import` в пустое дело
refusal-import-duplicate = идентификатор «{ $name }» повторяется (впервые в строке { $first })
refusal-import-duplicate-row = идентификатор «{ $name }» повторяется (впервые в { $other }, строка { $first })
refusal-import-fewer-records = файл кончается здесь: { $count ->
    [one] прочитана { $count } запись
    [few] прочитаны { $count } записи
   *[other] прочитано { $count } записей
}, а заголовок объявляет { $total } (файл обрезан?)
refusal-import-holds = в деле уже есть «{ $name }»
refusal-import-header-unknown-table = заголовок считает строки неизвестной таблицы «{ $name }»
refusal-import-not-empty = дело не пусто: полная выгрузка импортируется в пустое дело (новую папку данных или базу)
refusal-import-key-check = key_check — не base64
refusal-import-other-key = содержимое файла запечатано другим ключом, чем это дело: импортируйте его с ключом дела, из которого он выгружен (его vigil.key или VIGIL_KEY)
refusal-import-unknown-table = неизвестная таблица «{ $name }»
refusal-import-table-order = строка таблицы { $name } после строк таблицы { $other }: выгрузка даёт таблицы по порядку
refusal-import-fewer-rows = файл кончается здесь: строк таблицы { $name } — { $count }, а заголовок объявляет { $total } (файл обрезан?)
refusal-import-empty-csv = файл пуст: он начинается со строки заголовков
refusal-import-columns = столбцы не те, что у этой таблицы: { $text }
refusal-import-row-cut = файл обрывается посреди этой строки (он обрезан?)
refusal-import-cells = { $count ->
    [one] { $count } ячейка
    [few] { $count } ячейки
   *[other] { $count } ячеек
}, а в заголовке { $total }
refusal-import-row-not-utf8 = строка не в UTF-8
refusal-import-not-csv-row = это не строка CSV
refusal-import-not-number = «{ $text }» — не целое число
refusal-import-not-boolean = «{ $text }» — ни true, ни false
refusal-import-not-list = это не список
refusal-import-not-zip = это не читаемый zip-архив
refusal-import-cannot-unzip = не удаётся распаковать
refusal-import-file-missing = нет файла { $name }: выгрузка CSV содержит { $other } и файл каждой таблицы
refusal-import-no-such-table = { $name } — не таблица формата CSV (его таблицы: { $text })
refusal-import-refused = запись отклонена
refusal-import-more = { $message } (и ещё { $count } { $count ->
    [one] ошибка
    [few] ошибки
   *[other] ошибок
} в той же записи)
refusal-import-lines = строки { $first }–{ $last }: { $message }
refusal-no-claim = у этого события нет версии «{ $name }»

# The replies ODK Collect shows on the phone.
phone-digest-unreadable = не удаётся прочитать учётные данные Digest
phone-sign-in = войдите с именем и паролем учётной записи устройства
phone-wrong-password = неверное имя или пароль
phone-sign-in-expired = вход устарел: войдите снова
phone-internal-error = внутренняя ошибка
phone-form-list-unreadable = не удаётся прочитать список форм
phone-no-such-form = такой формы нет
phone-form-unreadable = не удаётся прочитать форму
phone-no-media = у этой формы нет медиафайлов
phone-manifest-unreadable = не удаётся прочитать список файлов формы
phone-no-such-media = такого медиафайла нет
phone-media-unreadable = не удаётся прочитать медиафайл
phone-too-large = отчёт больше { $count } { $count ->
    [one] байта
   *[other] байт
}
phone-body-unreadable = не удаётся прочитать содержимое отчёта
phone-no-such-report = такого отчёта нет
phone-not-stored = отчёт не удалось сохранить
phone-no-answers = в отчёте нет файла с ответами формы
phone-other-report = другой отчёт с этим идентификатором уже был получен
phone-other-file = другой файл с именем { $name } уже был получен с этим отчётом
phone-received = Спасибо: отчёт получен ({ $what }) и ждёт редактора.
phone-received-before = Этот отчёт уже был получен.
phone-received-before-with = Этот отчёт уже был получен; к нему добавлено вложений: { $count }.
phone-part-received = Часть отчёта получена; ещё ожидается файлов: { $count }.
phone-refused = отчёт не принят
