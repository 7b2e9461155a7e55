# Строки, которые `vigil serve` пишет при запуске (в стандартный поток
# ошибок, для того, кто его запустил; строки журнала tracing — по-английски).
cli-serve-data-folder = Папка данных: { $path }
cli-serve-postgres = Дело хранится в PostgreSQL (--database-url).
cli-serve-demo-loaded = Папка данных была пуста: загружено демонстрационное дело ({ $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[other] { $count } записей
}). Чтобы начать с пустого дела, запустите с --empty.
cli-serve-outbox = Письма кампаний записываются в { $path } в зашифрованном виде (ключом дела): читайте их командами vigil outbox list и vigil outbox show ИМЯ (чтобы отправлять их, задайте VIGIL_SMTP_URL).
cli-serve-key-in-data = Внимание: файл ключа { $path } лежит в папке данных, и тот, кто скопирует папку (или резервную копию вместе с ним), прочтёт всё. Храните его отдельно: --key-file, VIGIL_KEY_FILE или VIGIL_KEY.
cli-serve-smtp = Письма кампаний отправляются через SMTP-сервер.
cli-serve-pow-off = ВНИМАНИЕ: доказательство работы при подписании ОТКЛЮЧЕНО (VIGIL_POW_BITS=0).
