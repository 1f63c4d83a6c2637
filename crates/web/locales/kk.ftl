# otandas — Қазақша (Kazakh, Cyrillic). Every key must exist in all four files: kk.ftl, ru.ftl, uz.ftl and en.ftl (a test checks).

app-name = otandas
skip-to-content = Негізгі мазмұнға өту
nav-main = Есептік жазба
nav-console = Басқару панелі
nav-my-account = Жеке кабинет
nav-logout = Шығу
nav-login = Кіру
nav-api = API
nav-language = Тіл
footer-privacy = Деректеріңіз тек сіз келісім берген мақсаттар үшін ғана өңделеді. Оларға әрбір қол жеткізу тіркеледі.

language-kk = Қазақша
language-ru = Русский
language-uz = Oʻzbekcha
language-en = English

## Errors
error-status = { $status } қатесі
error-back-home = Басты бетке оралу
error-request-id = Біздің тарапта қате орын алды. Бұл қайталанса, қолдау қызметіне мына кодты хабарлаңыз: { $id }
error-languages-available = Қолжетімді тілдер: { $languages }.
http-bad-request = Сұрауды түсіну мүмкін болмады.
http-unknown-language = Бұл тіл қолжетімді емес.
http-unauthenticated = Жүйеге кіруіңізді сұраймыз.
http-invalid-credentials = Электрондық пошта немесе құпиясөз қате.
http-invalid-code = Код қате немесе оның мерзімі өтіп кеткен.
http-forbidden = Бұл бетке кіру құқығыңыз жоқ.
http-csrf = Бұл форманың мерзімі өтіп кетті. Артқа оралып, бетті қайта жүктеңіз де, әрекетті қайталаңыз.
http-not-found = Бет табылмады.
http-conflict = Бұл өзгеріс ағымдағы күйге қайшы келеді.
http-payload-too-large = Жіберілген деректердің көлемі тым үлкен.
http-unsupported-media-type = Мұнда мұндай түрдегі деректер қабылданбайды.
http-invalid = Деректердің бір бөлігі жарамсыз.
http-throttled = Әрекеттер саны тым көп. Бірнеше минут күтіп, қайталап көріңіз.
http-unavailable = Қызмет уақытша қолжетімсіз. Біраздан кейін қайталап көріңіз.
http-internal = Ішкі қате.
conflict-accounts_email_key = Осы электрондық поштамен тіркелген есептік жазба бұрыннан бар.
conflict-account_roles_key = Бұл есептік жазбада осы рөл бұрыннан бар.
conflict-accounts_self_disable = Өз есептік жазбаңызды бұғаттай алмайсыз.
conflict-account_roles_self_admin = Өзіңізден әкімші рөлін алып тастай алмайсыз.
form-has-errors = Төмендегі өрістерді түзетіңіз.

## Validation (the field's label is passed as $field)
error-required = { $field }: толтыру міндетті.
error-too-long = { $field }: ең көбі { $limit } таңба.
error-too-short = { $field }: кемінде { $limit } таңба.
error-malformed = { $field }: пішімі дұрыс емес.
error-unknown = { $field }: рұқсат етілмеген мән.
error-mismatch = { $field }: сәйкес келмейді.

## Field labels
field-email = Электрондық пошта
field-password = Құпиясөз
field-current_password = Ағымдағы құпиясөз
field-confirm = Жаңа құпиясөзді қайталаңыз
field-code = Алты цифрлы код
field-display_name = Аты-жөні
field-language = Тіл
field-roles = Рөлдер
field-role = Рөл
field-scope = Өкілеттік аясы
field-org_unit = Аумақтық бірлік
field-country = Ел
field-organization = Ұйым
field-second-factor = Екінші фактор
field-status = Күйі
field-created = Құрылған күні
field-action = Әрекет
field-actor = Кім
field-subject = Нысан
field-from = Кезең басы
field-until = Кезең соңы
field-at = Уақыты
field-purpose = Мақсаты
field-request = Сұрау
field-after = Беттегі орын
field-order = Сұрыптау реті

## Public portal
home-title = Otandas: отандастар платформасы
home-lead = Келісім негізінде жүргізілетін отандастар мен олардың дағдыларының тізілімі мен картасы, сондай-ақ диаспора ұйымдары, іс-шаралар, инвестициялық және сараптамалық арналар, бірлесіп қаржыландырылатын жергілікті жобалар және қиын жағдайға тап болғандарға көмек.
home-capabilities = Платформаның мүмкіндіктері
home-registry-title = Тізілім және карта
home-registry-text = Отандастар өздері тіркеледі немесе оларды өз келісімімен тіркейді; карта диаспораның қайда тұратынын және не істей алатынын көрсетеді, ал шағын сандар ешқашан жарияланбайды.
home-engagement-title = Өзара іс-қимыл
home-engagement-text = Қауымдастықтар, мәдени орталықтар және жерлестер бірлестіктері агенттікпен, жергілікті билік органдарымен және шетелдегі өкілдіктермен іс-шаралар, жобалар және сараптама бойынша бірлесіп жұмыс істейді.
home-privacy-title = Құпиялылық — бірінші кезекте
home-privacy-text = Деректеріңіздің не үшін пайдаланылатынын сіз шешесіз: оларға кімнің қол жеткізгенін көре аласыз, оларды экспорттай аласыз және жоюды талап ете аласыз.

## Sign-in
login-title = Кіру
login-submit = Кіру
login-invalid = Электрондық пошта немесе құпиясөз қате.
login-throttled = Әрекеттер саны тым көп. Бірнеше минут күтіп, қайталап көріңіз.
login-expired = Сеансыңыз аяқталды. Қайта кіріңіз.
second-factor-title = Бұл сіз екеніңізді растаңыз
second-factor-help = Аутентификатор қолданбасы көрсеткен алты цифрлы кодты енгізіңіз.
second-factor-submit = Растау
second-factor-invalid = Код қате немесе оның мерзімі өтіп кеткен. Қолданбадағы ағымдағы кодты енгізіңіз.
enrol-title = Екінші факторды баптаңыз
enrol-help = Қызметкерлердің есептік жазбалары үшін екінші фактор міндетті. Осы кілтті аутентификатор қолданбасына (мысалы, FreeOTP немесе Aegis) қосып, ол көрсеткен кодты енгізіңіз.
enrol-secret = Кілт
enrol-link = Сілтеме
enrol-open-app = Аутентификатор қолданбасында ашу
enrol-submit = Растау және жалғастыру
second-factor-on = Қосулы
second-factor-off = Бапталмаған

## My account
me-title = Жеке кабинет
me-change-password = Құпиясөзді өзгерту
me-password-changed = Құпиясөзіңіз өзгертілді. Басқа сеанстарыңыз аяқталды.
me-current-wrong = Ағымдағы құпиясөз қате.

## Console
console-title = Басқару панелі
console-nav = Басқару панелінің бөлімдері
console-dashboard = Шолу
console-accounts = Есептік жазбалар
console-audit = Аудит журналы
console-welcome = Қош келдіңіз, { $name }.
console-your-roles = Сіздің рөлдеріңіз
console-accounts-text = Есептік жазбаларды құру, рөлдерді өкілеттік аясымен беру, есептік жазбаларды бұғаттау.
console-audit-text = Кім, қашан, қандай мақсатпен не істеді.
console-me-text = Профиліңіз, құпиясөзіңіз және екінші фактор.
accounts-new = Жаңа есептік жазба
accounts-create = Есептік жазба құру
accounts-caption = Есептік жазбалар, әліпби ретімен
filter-any = Барлығы
filter-apply = Қолдану
list-empty = Көрсететін ештеңе жоқ.
list-next = Келесі бет
scope-help = Жергілікті үйлестірушілер: аумақтық бірліктің коды, мысалы, KZ.75; консулдық қызметкерлер: болу елінің коды, мысалы, RU; ұйым әкімшілері: ұйымның идентификаторы. Басқа рөлдер үшін бос қалдырыңыз.
roles-grant = Рөл беру
roles-revoke = Қайтарып алу
account-actions = Әрекеттер
account-disable = Есептік жазбаны бұғаттау
account-enable = Есептік жазбаны бұғаттан шығару
account-reset-second-factor = Екінші факторды ысыру
notice-status = Есептік жазбаның күйі өзгертілді.
notice-role-granted = Рөл берілді.
notice-role-revoked = Рөл қайтарып алынды.
notice-second-factor-reset = Екінші фактор ысырылды; есептік жазба иесі келесі кіру кезінде жаңасын баптауы керек.
status-active = Белсенді
status-disabled = Бұғатталған

## Roles
role-central_officer = Орталық аппарат қызметкері
role-local_coordinator = Жергілікті үйлестіруші
role-consular_officer = Консулдық қызметкер
role-org_admin = Ұйым әкімшісі
role-member = Мүше
role-researcher = Зерттеуші
role-auditor = Аудитор
role-admin = Әкімші

## Audit log
audit-caption = Аудит жазбалары, ең жаңалары басында
audit-anonymous = анонимді
audit-subject-account = Есептік жазба
audit-subject-audit_log = Аудит журналы
audit-purpose-authentication = Аутентификация
audit-purpose-account_administration = Есептік жазбаларды басқару
audit-purpose-self_service = Өзіне-өзі қызмет көрсету
audit-purpose-oversight = Қадағалау
audit-action-login_succeeded = Жүйеге кірді
audit-action-login_failed = Сәтсіз кіру әрекеті
audit-action-login_throttled = Кіруден бас тартылды (әрекеттер тым көп)
audit-action-second_factor_passed = Екінші фактор расталды
audit-action-second_factor_failed = Екінші фактордың коды қате
audit-action-second_factor_enrolled = Екінші фактор бапталды
audit-action-second_factor_reset = Екінші фактор ысырылды
audit-action-logout = Жүйеден шықты
audit-action-account_created = Есептік жазба құрылды
audit-action-account_disabled = Есептік жазба бұғатталды
audit-action-account_enabled = Есептік жазба бұғаттан шығарылды
audit-action-role_granted = Рөл берілді
audit-action-role_revoked = Рөл қайтарып алынды
audit-action-password_changed = Құпиясөз өзгертілді
audit-action-account_read = Есептік жазба қаралды
audit-action-audit_log_read = Аудит журналы қаралды
