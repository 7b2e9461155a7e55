# Сообщения об ошибках JSON API по коду ошибки (коды остаются английскими).

api-error-bad-request = В запросе есть значение, которое Vigil не может прочесть.
api-error-not-found = По этому адресу ничего нет или нет ничего, что вам можно видеть.
api-error-unauthorised = Для этого войдите или передайте API-токен.
api-error-forbidden = Вашей учётной записи это не разрешено.
api-error-csrf = Срок формы истёк: обновите её и попробуйте снова.
api-error-invalid = Присланное не согласуется; ничего не сохранено.
api-error-conflict = Кто-то уже изменил эту запись, или она уже существует.
api-error-referenced = На эту запись ссылаются другие; она не удалена.
api-error-closed = Это закрыто и больше ничего не принимает.
api-error-rate-limited = Из вашей сети только что пришло слишком много запросов: подождите немного и попробуйте снова.
api-error-unreadable = Тело запроса не удаётся прочесть.
api-error-precondition-failed = Запись изменилась с тех пор, как вы её прочли: прочтите её снова, затем отправьте изменение.
api-error-method-not-allowed = Этот адрес не принимает такой метод.
api-error-payload-too-large = Тело запроса больше, чем принимает Vigil.
api-error-unsupported-media-type = Этот адрес не читает тело такого типа.
api-error-uri-too-long = Слишком длинный адрес.
api-error-headers-too-large = Слишком большие заголовки запроса.
api-error-not-implemented = Здесь это невозможно.
api-error-internal = У нас что-то пошло не так.
api-error-other = Запрос отклонён.
api-error-with-field = { $message } (поле «{ $field }»)
api-error-malformed-json = Тело запроса — не правильный JSON.
api-error-no-such = Не найдено: { $what } «{ $name }» (или у вас нет к нему доступа).
api-error-record = запись
api-error-decided = По этому предложению уже принято решение.
api-error-storage = Не удалось прочитать или записать базу дела.
