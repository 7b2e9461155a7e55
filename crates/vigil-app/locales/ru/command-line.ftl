# Строки, которые `vigil serve` пишет при запуске (в стандартный поток
# ошибок, для того, кто его запустил; строки журнала tracing — по-английски).
cli-serve-data-folder = Папка данных: { $path }
cli-serve-postgres = Дело хранится в PostgreSQL (--database-url).
cli-serve-demo-loaded = Папка данных была пуста: загружено демонстрационное дело ({ $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[other] { $count } записей
}). Чтобы начать с пустого дела, запустите с --empty.
cli-serve-outbox = Письма кампаний записываются в { $path } как файлы .eml (чтобы отправлять их, задайте VIGIL_SMTP_URL).
cli-serve-smtp = Письма кампаний отправляются через SMTP-сервер.
cli-serve-pow-off = ВНИМАНИЕ: доказательство работы при подписании ОТКЛЮЧЕНО (VIGIL_POW_BITS=0).
