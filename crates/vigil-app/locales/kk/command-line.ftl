# `vigil serve` іске қосылғанда жазатын жолдар (стандартты қате ағынына,
# оны іске қосқан адамға; tracing журналының жолдары ағылшынша қалады).
cli-serve-data-folder = Деректер қалтасы: { $path }
cli-serve-postgres = Іс PostgreSQL ішінде сақталады (--database-url).
cli-serve-demo-loaded = Деректер қалтасы бос еді: демо іс жүктелді ({ $count } жазба). Бос істен бастау үшін --empty арқылы іске қосыңыз.
cli-serve-outbox = Науқан хаттары { $path } ішіне іс кілтімен шифрланып жазылады: оларды vigil outbox list және vigil outbox show АТЫ командаларымен оқыңыз (жіберу үшін VIGIL_SMTP_URL орнатыңыз).
# review
cli-serve-key-in-data = Назар аударыңыз: { $path } кілт файлы деректер қалтасының ішінде, сондықтан қалтаны (немесе онымен бірге сақтық көшірмені) көшірген адам бәрін оқиды. Оны бөлек сақтаңыз: --key-file, VIGIL_KEY_FILE немесе VIGIL_KEY.
cli-serve-smtp = Науқан хаттары SMTP сервері арқылы жіберіледі.
# review
cli-serve-pow-off = НАЗАР АУДАРЫҢЫЗ: қол қойғанда жұмыс дәлелі ӨШІРІЛГЕН (VIGIL_POW_BITS=0).
