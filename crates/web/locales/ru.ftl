# otandas — Русский (Russian). Every key must exist in all four files: kk.ftl, ru.ftl, uz.ftl and en.ftl (a test checks).

app-name = otandas
skip-to-content = Перейти к основному содержимому
nav-main = Учётная запись
nav-console = Панель управления
nav-my-account = Личный кабинет
nav-logout = Выйти
nav-login = Войти
nav-api = API
nav-language = Язык
footer-privacy = Ваши данные обрабатываются только в тех целях, на которые вы дали согласие. Каждое обращение к ним регистрируется.

language-kk = Қазақша
language-ru = Русский
language-uz = Oʻzbekcha
language-en = English

## Errors
error-status = Ошибка { $status }
error-back-home = Вернуться на главную страницу
error-request-id = На нашей стороне произошла ошибка. Если она повторится, сообщите в службу поддержки этот код: { $id }
error-languages-available = Доступные языки: { $languages }.
http-bad-request = Не удалось распознать запрос.
http-unknown-language = Этот язык недоступен.
http-unauthenticated = Пожалуйста, войдите в систему.
http-invalid-credentials = Неверный адрес электронной почты или пароль.
http-invalid-code = Неверный или просроченный код.
http-forbidden = У вас нет доступа к этой странице.
http-csrf = Срок действия формы истёк. Вернитесь назад, обновите страницу и попробуйте ещё раз.
http-not-found = Страница не найдена.
http-conflict = Это изменение противоречит текущему состоянию.
http-payload-too-large = Объём отправленных данных слишком велик.
http-unsupported-media-type = Данные такого типа здесь не принимаются.
http-invalid = Часть данных указана неверно.
http-throttled = Слишком много попыток. Подождите несколько минут и попробуйте снова.
http-unavailable = Сервис временно недоступен. Попробуйте ещё раз немного позже.
http-internal = Внутренняя ошибка.
conflict-accounts_email_key = Учётная запись с таким адресом электронной почты уже существует.
conflict-account_roles_key = У этой учётной записи уже есть эта роль.
conflict-accounts_self_disable = Вы не можете отключить собственную учётную запись.
conflict-account_roles_self_admin = Вы не можете снять с себя роль администратора.
form-has-errors = Пожалуйста, исправьте ошибки в полях ниже.

## Validation (the field's label is passed as $field)
error-required = { $field }: обязательное поле.
error-too-long =
    { $field }: не более { $limit } { $limit ->
        [one] символа
       *[other] символов
    }.
error-too-short =
    { $field }: не менее { $limit } { $limit ->
        [one] символа
       *[other] символов
    }.
error-malformed = { $field }: неверный формат.
error-unknown = { $field }: недопустимое значение.
error-mismatch = { $field }: не совпадает.

## Field labels
field-email = Электронная почта
field-password = Пароль
field-current_password = Текущий пароль
field-confirm = Повторите новый пароль
field-code = Шестизначный код
field-display_name = Имя
field-language = Язык
field-roles = Роли
field-role = Роль
field-scope = Область действия
field-org_unit = Территориальная единица
field-country = Страна
field-organization = Организация
field-second-factor = Второй фактор
field-status = Статус
field-created = Дата создания
field-action = Действие
field-actor = Кто
field-subject = Объект
field-from = Начало периода
field-until = Конец периода
field-at = Время
field-purpose = Цель
field-request = Запрос
field-after = Позиция в списке
field-order = Порядок сортировки

## Public portal
home-title = Otandas: платформа соотечественников
home-lead = Реестр и карта соотечественников и их навыков, которые ведутся на основе согласия, а также организации диаспоры, мероприятия, инвестиционные и экспертные каналы, софинансируемые местные проекты и помощь тем, кто оказался в трудной ситуации.
home-capabilities = Возможности платформы
home-registry-title = Реестр и карта
home-registry-text = Соотечественники регистрируются самостоятельно или вносятся в реестр с их согласия; карта показывает, где живёт диаспора и что она умеет, при этом малые числа никогда не публикуются.
home-engagement-title = Взаимодействие
home-engagement-text = Ассоциации, культурные центры и землячества взаимодействуют с агентством, органами местной власти и загранучреждениями в проведении мероприятий, реализации проектов и экспертной работе.
home-privacy-title = Конфиденциальность прежде всего
home-privacy-text = Вы решаете, для чего используются ваши данные, можете видеть, кто к ним обращался, выгрузить их и потребовать их удаления.

## Sign-in
login-title = Вход
login-submit = Войти
login-invalid = Неверный адрес электронной почты или пароль.
login-throttled = Слишком много попыток. Подождите несколько минут и попробуйте снова.
login-expired = Ваш сеанс завершён. Пожалуйста, войдите снова.
second-factor-title = Подтвердите, что это вы
second-factor-help = Введите шестизначный код, который показывает ваше приложение-аутентификатор.
second-factor-submit = Подтвердить
second-factor-invalid = Неверный или просроченный код. Введите текущий код из приложения.
enrol-title = Настройте второй фактор
enrol-help = Для учётных записей сотрудников требуется второй фактор. Добавьте этот ключ в приложение-аутентификатор (например, FreeOTP или Aegis), затем введите код, который оно покажет.
enrol-secret = Ключ
enrol-link = Ссылка
enrol-open-app = Открыть в приложении-аутентификаторе
enrol-submit = Подтвердить и продолжить
second-factor-on = Включён
second-factor-off = Не настроен

## My account
me-title = Личный кабинет
me-change-password = Изменить пароль
me-password-changed = Пароль изменён. Во всех остальных сеансах выполнен выход.
me-current-wrong = Текущий пароль указан неверно.

## Console
console-title = Панель управления
console-nav = Разделы панели управления
console-dashboard = Обзор
console-accounts = Учётные записи
console-audit = Журнал аудита
console-welcome = Добро пожаловать, { $name }.
console-your-roles = Ваши роли
console-accounts-text = Создание учётных записей, назначение ролей с областью действия, отключение учётных записей.
console-audit-text = Кто, что, когда и с какой целью сделал.
console-me-text = Ваш профиль, пароль и второй фактор.
accounts-new = Новая учётная запись
accounts-create = Создать учётную запись
accounts-caption = Учётные записи в алфавитном порядке
filter-any = Все
filter-apply = Применить
list-empty = Нет данных для отображения.
list-next = Следующая страница
scope-help = Местные координаторы: код территориальной единицы, например KZ.75; консульские сотрудники: код страны пребывания, например RU; администраторы организаций: идентификатор организации. Для остальных ролей оставьте поле пустым.
roles-grant = Назначить роль
roles-revoke = Отозвать
account-actions = Действия
account-disable = Отключить учётную запись
account-enable = Включить учётную запись
account-reset-second-factor = Сбросить второй фактор
notice-status = Статус учётной записи изменён.
notice-role-granted = Роль назначена.
notice-role-revoked = Роль отозвана.
notice-second-factor-reset = Второй фактор сброшен; при следующем входе владельцу учётной записи нужно будет настроить новый.
status-active = Активна
status-disabled = Отключена

## Roles
role-central_officer = Сотрудник центрального аппарата
role-local_coordinator = Местный координатор
role-consular_officer = Консульский сотрудник
role-org_admin = Администратор организации
role-member = Участник
role-researcher = Исследователь
role-auditor = Аудитор
role-admin = Администратор

## Audit log
audit-caption = Записи аудита, сначала новые
audit-anonymous = аноним
audit-subject-account = Учётная запись
audit-subject-audit_log = Журнал аудита
audit-purpose-authentication = Аутентификация
audit-purpose-account_administration = Администрирование учётных записей
audit-purpose-self_service = Самообслуживание
audit-purpose-oversight = Надзор
audit-action-login_succeeded = Вход выполнен
audit-action-login_failed = Неудачная попытка входа
audit-action-login_throttled = Вход отклонён (слишком много попыток)
audit-action-second_factor_passed = Второй фактор подтверждён
audit-action-second_factor_failed = Неверный код второго фактора
audit-action-second_factor_enrolled = Второй фактор настроен
audit-action-second_factor_reset = Второй фактор сброшен
audit-action-logout = Выход выполнен
audit-action-account_created = Учётная запись создана
audit-action-account_disabled = Учётная запись отключена
audit-action-account_enabled = Учётная запись включена
audit-action-role_granted = Роль назначена
audit-action-role_revoked = Роль отозвана
audit-action-password_changed = Пароль изменён
audit-action-account_read = Просмотр учётной записи
audit-action-audit_log_read = Просмотр журнала аудита
