# Сообщения командной строки (`vigil …`): результаты, ход работы и
# ошибки. Имена флагов и подкоманд остаются английскими, как и --help.

cli-no-runtime = не удаётся запустить среду выполнения
cli-database-url-not-postgres = --database-url принимает адрес вида postgres://…; дело на SQLite хранится в папке данных (--data)
cli-cannot-create-key-file = не удаётся создать файл ключа { $path }
cli-cannot-write-key-file = не удаётся записать файл ключа { $path }
cli-cannot-sync-folder = не удаётся сохранить на диск папку { $path }
cli-cannot-replace-key-file = не удаётся заменить файл ключа { $path }
cli-cannot-read-passphrase = не удаётся прочитать парольную фразу с терминала
cli-passphrase-needed = задайте VIGIL_KEY_PASSPHRASE или запустите vigil в терминале, чтобы ввести её
cli-passphrase-prompt = Парольная фраза файла ключа { $path }
cli-key-file-wrapped = файл ключа { $path } защищён парольной фразой
cli-cannot-open-key-file = не удаётся открыть файл ключа { $path }
cli-cannot-read-key-file = не удаётся прочитать файл ключа { $path }
cli-key-file-unusable = файл ключа { $path } непригоден
cli-key-given-twice = ключ указан дважды: задайте VIGIL_KEY или --key-file (VIGIL_KEY_FILE), но не оба
cli-vigil-key-invalid = VIGIL_KEY — не ключ (нужны 64 шестнадцатеричные цифры)
cli-key-file-missing = база дела { $path } существует, но её файла ключа { $other } нет: верните ключ на место или укажите его через --key-file (VIGIL_KEY_FILE) или VIGIL_KEY
cli-the-key-file = файл ключа { $path }
cli-key-not-found = у базы дела есть ключ, но он не найден: положите его в { $path } (--key-file, VIGIL_KEY_FILE) или задайте VIGIL_KEY
cli-wrong-key = { $what } не содержит ключа этой базы дела: проверка ключа его отвергает
cli-cannot-remove = не удаётся удалить { $path }
cli-vanished = { $path } исчез во время чтения
cli-neither-key = ни { $path }, ни { $other } не содержат ключа этой базы дела: проверка ключа отвергает оба
cli-cannot-move-into-place = не удаётся переместить { $path } на место
cli-cannot-create-data-folder = не удаётся создать папку данных { $path }
cli-cannot-open-postgres = не удаётся открыть базу дела в PostgreSQL
cli-cannot-open-case-file = не удаётся открыть базу дела { $path }
cli-cannot-read-case-file = не удаётся прочитать базу дела

# Резервная копия и восстановление.
cli-sqlite-only = vigil { $what } — для базы дела на SQLite; копию PostgreSQL делайте через pg_dump или базовые копии (см. README)
cli-no-case-file-in = в { $path } нет базы дела
cli-cannot-write-backup = не удаётся записать резервную копию { $path }
cli-wrote = записано: { $path }
cli-not-a-backup = { $path } — не пригодная резервная копия Vigil
cli-restore-not-empty = в { $path } уже есть база дела: восстанавливайте в пустую папку данных
cli-cannot-copy = не удаётся скопировать { $path }
cli-cannot-move-restored = не удаётся переместить восстановленную базу дела на место
cli-restored = { $path } восстановлена в { $other }
cli-restore-key-note = внимание: до запуска сервера положите ключ базы дела в { $path } (или укажите его файл через --key-file, или задайте VIGIL_KEY): он нужен для конфиденциальных записей

# Учётные записи и токены.
cli-password = Пароль
cli-password-again = Ещё раз
cli-passwords-differ = два пароля не совпадают
cli-cannot-read-password = не удаётся прочитать пароль со стандартного ввода
cli-user-added = добавлена учётная запись { $name } ({ $role })
cli-user-active-state = активна
cli-user-disabled-state = отключена
cli-user-role-set = роль { $name } теперь: { $role }
cli-user-password-set = задан новый пароль для { $name }; все её сеансы завершены
cli-user-disabled = учётная запись { $name } отключена
cli-user-enabled = учётная запись { $name } включена
cli-token-revoked = токен { $number } учётной записи { $name } отозван

# Загрузка документов.
cli-ingest-extractor-failed = не удалось прочитать: извлечение на нём сломалось (это ошибка программы, сообщите о ней)
cli-ingest-cannot-read = не удаётся прочитать: { $message }
cli-not-a-date = «{ $text }» — не дата
cli-no-such-path = нет такого файла или папки
cli-cannot-list-folder = не удаётся прочитать содержимое папки
cli-ingest-files = файлов
cli-ingest-duplicate = повтор источника { $name } (повторно не сохранён)
cli-ingest-near-duplicate = источник { $name } (почти повторяет { $other }, сходство { $number })
cli-ingest-new = источник { $name }
cli-ingest-proposals = предложения
cli-ingest-done = новых источников: { $count }, повторов: { $total }, с ошибкой: { $first }
cli-ingest-failed = не удалось загрузить { $count } из { $total }
ingest-count-persons = { $count } { $count ->
    [one] человек
    [few] человека
   *[many] человек
}
ingest-count-organisations = { $count } { $count ->
    [one] организация
    [few] организации
   *[many] организаций
}
ingest-count-events = { $count } { $count ->
    [one] событие
    [few] события
   *[many] событий
}
ingest-count-aliases = { $count } { $count ->
    [one] написание
    [few] написания
   *[many] написаний
}
read-error-empty = файл пуст
read-error-no-text = после очистки в документе не осталось текста
read-error-binary = двоичные данные, а не текст, HTML или PDF
read-error-pdf = PDF не читается: { $message }
read-error-no-text-layer = в PDF нет текстового слоя (это скан?): сначала распознайте его (OCR)

# Ключ.
cli-key-in-variable = ключ задан в VIGIL_KEY, а не в файле: vigil key { $what } работает с файлом ключа (--key-file)
cli-rotation-interrupted = смена ключа была прервана (есть { $path }): сначала выполните любую команду, открывающую базу дела (например, vigil key rotate), чтобы её завершить
cli-key-already-wrapped = файл ключа { $path } уже защищён парольной фразой
cli-wrap-needs-passphrase = для защиты ключа нужна парольная фраза
cli-new-passphrase = Новая парольная фраза для ключа
cli-passphrase-again = Парольная фраза ещё раз
cli-passphrases-differ = две парольные фразы не совпадают: файл ключа не изменён
cli-key-wrapped = файл ключа { $path } защищён парольной фразой: теперь она нужна при каждом запуске (VIGIL_KEY_PASSPHRASE или терминал)
cli-key-not-wrapped = файл ключа { $path } не защищён парольной фразой
cli-key-unwrapped = в файле ключа { $path } снова открытый ключ
cli-stop-server-to-rotate = остановите сервер перед сменой ключа
cli-resealing = перешифровка
cli-rotation-failed = смена ключа не удалась: база дела и её ключ не изменены
cli-rotation-not-moved = база дела теперь зашифрована новым ключом, он в { $path }, но им не удалось заменить { $other } (это сделает следующий запуск)
cli-resealed = перешифровано значений: { $count } за { $number } с
cli-key-rotated = ключ сменён: новый в { $path }. Резервные копии, сделанные до этого, открываются только старым ключом.
cli-no-key-file = нет файла ключа { $path }
cli-key-split = частей: { $count }; любые { $number } из них восстанавливают ключ (vigil key join): отдайте каждую разным людям и не храните ни одну рядом с базой дела или с другой частью
cli-join-needs-file = задан VIGIL_KEY: vigil key join записывает файл ключа (--key-file)
cli-join-exists = файл ключа { $path } уже есть: соберите ключ в другой файл (--key-file)
cli-cannot-read-shares = не удаётся прочитать части ключа
cli-key-joined = ключ восстановлен в { $path }

# Что содержит копия, по таблицам.
cli-table-records = записи
cli-table-revisions = редакции
cli-table-status-stretches = периоды статуса
cli-table-signatures = подписи
cli-table-queued-mail = письма в очереди
cli-table-attachments = вложения
cli-table-form-keys = ключи форм
cli-table-forms = формы
cli-table-form-media = медиафайлы форм
cli-table-device-digests = секреты Digest устройств
cli-table-proposals = предложения
cli-table-fingerprints = отпечатки документов
cli-table-accounts = учётные записи
cli-table-tokens = токены
cli-table-sessions = сеансы
cli-table-account-audit = записи журнала учётных записей
cli-table-source-links = ссылки на источники
cli-table-campaigns = кампании
cli-table-invalidations = аннулирования
cli-table-campaign-audit = записи журнала кампаний
cli-table-messages = письма
cli-table-deliveries = доставки
cli-table-campaign-outcomes = итоги кампаний
cli-table-public-counts = открытые счётчики

# Перенос в PostgreSQL.
cli-migrate-no-target = укажите, куда переносить: --database-url postgres://… (или VIGIL_DATABASE_URL)
cli-migrate-failed = копирование не удалось; база PostgreSQL осталась как была
cli-migrate-no-status = не удаётся вычислить статусы в PostgreSQL
cli-copied = скопировано
cli-migrate-compared = сверено: редакций { $count } и действующих записей { $total } прочитаны из PostgreSQL без расхождений
cli-migrate-revisions-differ = после редакции { $number } в копии другое число редакций
cli-migrate-revision-differs = редакция { $number } записи «{ $name }» в копии отличается
cli-migrate-differs = в копии отличаются

# Выгрузка и загрузка.
cli-export-exists = { $path } уже есть: укажите другой --out
cli-export-full-jsonl-only = полная выгрузка возможна только в JSON Lines (--format jsonl)
cli-cannot-create = не удаётся создать { $path }
cli-cannot-write-export = не удаётся записать выгрузку
cli-exported-bytes = выгружено байт: { $count } ({ $what })
cli-export-csv-needs-out = выгрузка в CSV — это папка или zip: укажите --out ПАПКА или --out ФАЙЛ.zip
cli-exported-csv = выгружено записей в CSV: { $count }, в { $path } ({ $what })
cli-scope-public = открытые данные
cli-scope-full = всё дело
cli-standard-input = стандартный ввод
cli-cannot-open = не удаётся открыть { $path }
cli-nothing-imported = ничего не загружено
cli-import-whole = загружено всё дело:
cli-import-whole-dry-run = пробный прогон, ничего не записано; было бы загружено всё дело:
cli-import-rebuilt = статусы пересчитаны, людей: { $count }; поисковый индекс строится по истории командой `vigil reindex` (или `vigil serve` при запуске)
cli-imported = загружено:
cli-import-dry-run = пробный прогон, ничего не записано:
cli-import-counts = создано: { $count }, обновлено: { $first }, без изменений: { $total }, пропущено: { $number }
open-data-line = строка { $number }: { $message }
open-data-row = { $name }, строка { $number }: { $message }
open-data-io = не удаётся прочитать входные данные: { $message }
open-data-too-long = слишком длинная строка
open-data-not-utf8 = строка не в UTF-8
open-data-not-json = это не строка записи в JSON
open-data-unknown-kind = неизвестный вид записи
open-data-not-header = это не заголовок выгрузки Vigil
open-data-empty-line = пустая строка
open-data-already-holds = в базе дела эта запись уже есть

# Пересчёт хранимого и поисковый индекс.
cli-opaque-ids-given = { $count ->
    [one] { $count } конфиденциальная запись получила непрозрачный идентификатор вместо читаемого
    [few] { $count } конфиденциальные записи получили непрозрачные идентификаторы вместо читаемых
   *[many] { $count } конфиденциальных записей получили непрозрачные идентификаторы вместо читаемых
}
cli-rebuilt = статусы пересчитаны, людей: { $count }, счётчики тоже, за { $number } с
cli-cannot-open-index = не удаётся открыть поисковый индекс в { $path }
cli-index-unusable = Старым индексом воспользоваться нельзя ({ $message }); строится новый.
cli-reindex-revisions = редакций
cli-cannot-rebuild-index = не удаётся перестроить поисковый индекс
cli-indexed = Проиндексировано документов: { $count }, из редакций: { $total }, за { $number } с ({ $path }).

# Сервер.
cli-not-key-number = «{ $text }» — не вида ключ=число
cli-not-a-number = «{ $text }» — не число
cli-not-ip-or-net = «{ $text }» — ни ip, ни net
cli-smtp-tls = none, starttls или tls, а не «{ $text }»
cli-demo-invalid = встроенное демонстрационное дело неисправно
cli-demo-not-loaded = не удаётся загрузить демонстрационное дело
cli-rate-limits-off = ВНИМАНИЕ: ограничения частоты подписей ОТКЛЮЧЕНЫ (VIGIL_RATE_LIMITS=off)
cli-cannot-listen = не удаётся слушать { $text }
cli-serving = Vigil работает на { $text } (Ctrl-C — остановить)
cli-server-failed = сервер остановился с ошибкой

# Что команда сообщает по ходу (в рамке журнала).
cli-new-key = создан новый ключ для конфиденциальных данных
cli-key-file-shared = файл ключа могут читать не только его владелец: выполните chmod 600
cli-rotation-undone = смена ключа была прервана до фиксации: база дела под старым ключом; новый ключ удалён
cli-rotation-finished = прерванная смена ключа завершена: база дела под новым ключом, он теперь в файле ключа
cli-migrate-status-computed = статусы в PostgreSQL вычислены
open-data-truncated = файл кончается раньше, чем объявлено в его заголовке (он обрезан?)
open-data-empty-file = файл пуст: выгрузка начинается со строки заголовка
open-data-duplicate-id = идентификатор указан дважды
open-data-deleted = удалённая запись базы дела: сначала восстановите её
open-data-id-mismatch = идентификатор строки не совпадает с идентификатором её записи
open-data-deleted-in-public = удалённые записи переносит только полная выгрузка
cli-count = { $what }: { $count }

# Form keys: the key pair of encrypted forms (issue 22, reports from the field).
cli-form-key-none = у этого дела ещё нет ключа для зашифрованных форм: его создаст первый телефон, который загрузит зашифрованную форму, или команда vigil form-key rotate
cli-form-key-current = текущий
cli-form-key-retired = выведен из употребления (хранится, чтобы открывать сообщения, зашифрованные раньше)
cli-form-key-rotated = создан новый ключ для зашифрованных форм (отпечаток { $text }): зашифрованная форма теперь версии { $number }; каждый телефон должен загрузить её заново (Загрузить форму)
cli-form-key-retired-kept = прежний ключ хранится, запечатанным, как { $name }, чтобы открывать сообщения, зашифрованные под ним на телефонах
cli-form-key-unknown = ключа формы { $name } нет (их перечисляет vigil form-key list)
cli-form-key-export-where = укажите, куда записать закрытый ключ: --out ФАЙЛ (новый файл, доступный только вам) или --stdout
cli-form-key-file-exists = { $path } уже существует: закрытый ключ никогда не записывается поверх файла
cli-form-key-exported = закрытый ключ формы { $name } записан в { $path } (PEM, PKCS#1, доступен только владельцу): у кого он есть, тот читает все сообщения, зашифрованные под ним

# Сообщения, ждущие частей (issue 22): vigil form-reports.
cli-form-reports-none = ни одно сообщение с мест не ждёт частей
cli-form-reports-line = { $name }: { $count ->
    [one] { $count } файл
    [few] { $count } файла
   *[many] { $count } файлов
  } ({ $total } байт), первый { $from }, последний { $to } ({ $day ->
    [0] сегодня
    [one] { $day } день назад
    [few] { $day } дня назад
   *[many] { $day } дней назад
  }); будут удалены после { $date }, если остальное не придёт
cli-form-reports-discarded = удалено файлов { $name }: { $count }; телефон может отправить сообщение заново целиком

cli-outbox-none = в исходящих нет ни одного письма
cli-outbox-line = { $name }: записано { $date }, кому: { $text }
cli-outbox-sealed-plain = зашифровано писем, оставленных прежней версией открытыми в { $path }: { $count }
cli-outbox-cannot-seal = не удалось зашифровать открытые письма в { $path }
cli-outbox-bad-name = { $name } — не имя письма: укажите его так, как его называет vigil outbox list
cli-outbox-no-such = в исходящих нет письма { $name } (их называет vigil outbox list; письмо обезличенной подписи или истёкшей ссылки удалено)
cli-outbox-damaged = письмо { $name } в исходящих повреждено и не может быть открыто
cli-outbox-wrong-key = письмо { $name } в исходящих зашифровано другим ключом, не ключом этого дела
