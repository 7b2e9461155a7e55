# Списки и страницы записей о подотчётности, страница входа.

acc-list-mechanisms = Механизмы обзора
acc-list-reviews = Обзоры
acc-list-recommendations = Рекомендации
acc-list-pledges = Обязательства
acc-list-assessments = Оценки
acc-list-rating-rules = Правила рейтинга
acc-none = Ничего не записано.
acc-not-assessed = Оценок пока нет.
acc-over-time = Оценки по времени
acc-assessed-by = оценка:
acc-state-reviewed = Государство под обзором
acc-session = Цикл или сессия
acc-convention = Конвенция
acc-case-number = Дело
acc-case-status = Статус дела
acc-briefing = Справка на дату этого обзора
acc-recommendations-heading = Рекомендации и выводы
acc-response = ответ:
acc-recommending-state = Рекомендовавшее государство
acc-themes = Темы
acc-state-response = Ответ государства
acc-concerns = Касается
acc-who = Кто
acc-when = Когда
acc-state = Государство
acc-events-since = События после обязательства
acc-events-since-count =
    { $count ->
        [one] С тех пор записано { $count } событие; последние { $shown }:
        [few] С тех пор записано { $count } события; последние { $shown }:
       *[many] С тех пор записано { $count } событий; последние { $shown }:
    }
acc-of = Что оценено
acc-by = Кем
acc-rule-of = Правило организации
acc-rule-change = Веса и пороги меняются через
acc-rule-change-form = или форму правки; каждое изменение сохраняется как версия.
login-name = Имя
login-password = Пароль
login-too-many = Слишком много неудачных попыток отсюда. Подождите { $count } с и попробуйте снова.
login-wrong = Неверное имя или пароль.
login-device = Это учётная запись устройства: она только отправляет сообщения с телефона (ODK Collect, KoboCollect, Tella).
