# Списки записей, отбор событий, поиск, страницы источника, дела и
# организации.

list-persons-none = Никто не найден.
list-organisations-none = Ни одной организации не найдено.
list-cases-none = Дел нет.
list-sources-none = Источников нет.
list-name = Имя
list-name-hint = в любом написании и алфавите
list-name-or-acronym = Название или сокращение
list-find = Найти
list-upload = Загрузить документ
list-proposals-waiting = Предложения на рассмотрении
events-count =
    { $count ->
        [one] { $count } событие
        [few] { $count } события
       *[many] { $count } событий
    }
events-filter-type = Тип
events-filter-person = Человек
events-filter-organisation = Организация
events-filter-from = С
events-filter-to = По
events-filter-any = любой
events-filter-anyone = все
events-filter-button = Показать
fact-kind = Вид
fact-status = Статус
fact-part-of = Входит в
fact-language = Язык
organisation-also-known = Другие названия:
organisation-bodies = Подразделения
organisation-people = Люди
case-persons = Лица по делу
source-publisher = Издатель
source-published = Опубликован
source-original = Оригинал
source-cited-by = Цитируют
source-cited-by-count =
    { $count ->
        [one] { $count } запись
        [few] { $count } записи
       *[many] { $count } записей
    }
source-text = Текст
source-hint = Выделенные места приведены как доказательства; ссылка после каждого ведёт к записи, которая его цитирует.
source-proposals = Предложения
attachments-heading = Вложения
attachments-hint = Хранятся запечатанными; SHA-256 каждого файла записан при получении.
attachments-bytes =
    { $count ->
        [one] { $count } байт
        [few] { $count } байта
       *[many] { $count } байт
    }
language-name-en = английский
language-name-ru = русский
language-name-kk = казахский
search-title = Поиск: { $text }
search-field = Слова, «фразы» или имя в любом написании и алфавите
search-facet-kind = Вид записи
search-facet-type = Тип события
search-facet-year = Год
search-facet-organisation = Организация
search-only = Только:
search-remove-filter = Убрать этот фильтр
search-hint = Введите имя (Baltabay, Балтабай, Кушакпаев…), слова или «фразу в кавычках».
search-results =
    { $count ->
        [one] { $count } результат
        [few] { $count } результата
       *[many] { $count } результатов
    }
search-nothing = Ничего не найдено.
