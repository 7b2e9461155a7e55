# Страницы ошибок.

error-not-found = Не найдено
error-not-found-text = По этому адресу ничего нет или нет ничего, что вам можно видеть.
error-bad-request = Неверный запрос
error-bad-request-text = В адресе или в форме есть то, что Vigil не может прочитать.
error-sign-in-needed = Нужно войти
error-sign-in-needed-text = Эта страница — для тех, кто вошёл в систему.
error-not-allowed = Нет доступа
error-not-allowed-text = Вашей учётной записи это не разрешено.
error-conflict = Конфликт
error-conflict-text = Кто-то уже изменил эту запись или такая запись уже есть.
error-too-large = Слишком большой объём
error-too-large-text = Отправлено больше, чем принимает Vigil.
error-cannot-be-saved = Невозможно сохранить
error-cannot-be-saved-text = В отправленных данных есть противоречие: см. подробности.
error-too-many = Слишком много запросов
error-too-many-text = Только что из вашей сети пришло слишком много запросов.
error-something-wrong = Что-то пошло не так
error-something-wrong-text = Что-то пошло не так на нашей стороне.
error-advice-sign-in = Войдите под учётной записью, которой это разрешено.
error-advice-role = Роль вашей учётной записи этого не позволяет. Администратор этого Vigil может изменить вашу роль, если это нужно для работы.
error-advice-wait = Подождите немного и попробуйте снова.
error-back = На главную страницу

# Refusals and other answers with a title of their own.
error-forbidden-admin = Ваша учётная запись — { $role }: учётными записями и API-токенами управляют только администраторы.
error-forbidden-write = Ваша учётная запись — { $role }: она может читать досье, но не добавлять, изменять или рассматривать записи.
error-forbidden-grant = Администратор этого Vigil может изменить вашу роль, если это нужно для работы: на странице учётных записей или командой «vigil user role { $name } editor».
error-method = По этому адресу так нельзя
error-changed = Изменено за это время
error-address-too-long = Слишком длинный адрес
error-unsupported = Формат не принимается
