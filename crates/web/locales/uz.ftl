# otandas — Oʻzbekcha (Uzbek, Latin). Every key must exist in all four files: kk.ftl, ru.ftl, uz.ftl and en.ftl (a test checks).

app-name = otandas
skip-to-content = Asosiy mazmunga oʻtish
nav-main = Hisob
nav-console = Boshqaruv paneli
nav-my-account = Shaxsiy kabinet
nav-logout = Chiqish
nav-login = Kirish
nav-api = API
nav-language = Til
footer-privacy = Maʼlumotlaringiz faqat siz rozilik bergan maqsadlarda qayta ishlanadi. Ularga har bir murojaat qayd etiladi.

language-kk = Қазақша
language-ru = Русский
language-uz = Oʻzbekcha
language-en = English

## Errors
error-status = Xatolik { $status }
error-back-home = Bosh sahifaga qaytish
error-request-id = Bizning tomonimizda xatolik yuz berdi. Agar bu takrorlansa, qoʻllab-quvvatlash xizmatiga ushbu kodni maʼlum qiling: { $id }
error-languages-available = Mavjud tillar: { $languages }.
http-bad-request = Soʻrovni tushunib boʻlmadi.
http-unknown-language = Bu til mavjud emas.
http-unauthenticated = Iltimos, tizimga kiring.
http-invalid-credentials = Elektron pochta yoki parol notoʻgʻri.
http-invalid-code = Kod notoʻgʻri yoki muddati oʻtgan.
http-forbidden = Sizda bu sahifaga kirish huquqi yoʻq.
http-csrf = Bu shaklning amal qilish muddati tugagan. Orqaga qayting, sahifani qayta yuklang va yana urinib koʻring.
http-not-found = Sahifa topilmadi.
http-conflict = Bu oʻzgarish joriy holatga zid.
http-payload-too-large = Yuborilgan maʼlumotlar hajmi juda katta.
http-unsupported-media-type = Bu yerda bunday turdagi maʼlumotlar qabul qilinmaydi.
http-invalid = Maʼlumotlarning bir qismi yaroqsiz.
http-throttled = Urinishlar soni juda koʻp. Iltimos, bir necha daqiqa kuting va qaytadan urinib koʻring.
http-unavailable = Xizmat vaqtincha ishlamayapti. Iltimos, birozdan soʻng qayta urinib koʻring.
http-internal = Ichki xatolik.
conflict-accounts_email_key = Bu elektron pochta bilan hisob allaqachon mavjud.
conflict-account_roles_key = Bu hisobda ushbu rol allaqachon mavjud.
conflict-accounts_self_disable = Oʻz hisobingizni faolsizlantira olmaysiz.
conflict-account_roles_self_admin = Oʻzingizdan administrator rolini olib tashlay olmaysiz.
form-has-errors = Iltimos, quyidagi maydonlarni tuzating.

## Validation (the field's label is passed as $field)
error-required = { $field }: toʻldirilishi shart.
error-too-long = { $field }: koʻpi bilan { $limit } ta belgi.
error-too-short = { $field }: kamida { $limit } ta belgi.
error-malformed = { $field }: formati notoʻgʻri.
error-unknown = { $field }: ruxsat etilmagan qiymat.
error-mismatch = { $field }: mos kelmaydi.

## Field labels
field-email = Elektron pochta
field-password = Parol
field-current_password = Joriy parol
field-confirm = Yangi parolni takrorlang
field-code = Olti xonali kod
field-display_name = Ism
field-language = Til
field-roles = Rollar
field-role = Rol
field-scope = Vakolat doirasi
field-org_unit = Hududiy birlik
field-country = Mamlakat
field-organization = Tashkilot
field-second-factor = Ikkinchi omil
field-status = Holat
field-created = Yaratilgan sana
field-action = Amal
field-actor = Kim
field-subject = Obyekt
field-from = Davr boshi
field-until = Davr oxiri
field-at = Vaqt
field-purpose = Maqsad
field-request = Soʻrov
field-after = Roʻyxatdagi oʻrin
field-order = Saralash tartibi

## Public portal
home-title = Otandas: vatandoshlar platformasi
home-lead = Rozilik asosida yuritiladigan vatandoshlar va ularning koʻnikmalari reyestri hamda xaritasi, diaspora tashkilotlari, tadbirlar, investitsiya va ekspertlar kanallari, birgalikda moliyalashtiriladigan mahalliy loyihalar hamda qiyin ahvolga tushib qolganlarga yordam.
home-capabilities = Platforma imkoniyatlari
home-registry-title = Reyestr va xarita
home-registry-text = Vatandoshlar oʻzlari roʻyxatdan oʻtadi yoki ularning roziligi bilan roʻyxatga olinadi; xaritada diaspora qayerda yashashi va nimalarga qodirligi koʻrsatiladi, kichik sonlar esa hech qachon eʼlon qilinmaydi.
home-engagement-title = Hamkorlik
home-engagement-text = Assotsiatsiyalar, madaniyat markazlari va hamyurtlar jamiyatlari agentlik, mahalliy hokimiyat organlari va xorijdagi vakolatxonalar bilan tadbirlar, loyihalar va ekspertiza boʻyicha hamkorlik qiladi.
home-privacy-title = Maxfiylik birinchi oʻrinda
home-privacy-text = Maʼlumotlaringiz nima uchun ishlatilishini siz hal qilasiz: ularga kim murojaat qilganini koʻrishingiz, ularni eksport qilishingiz va oʻchirib tashlashni talab qilishingiz mumkin.

## Sign-in
login-title = Kirish
login-submit = Kirish
login-invalid = Elektron pochta yoki parol notoʻgʻri.
login-throttled = Urinishlar soni juda koʻp. Iltimos, bir necha daqiqa kuting va qaytadan urinib koʻring.
login-expired = Seansingiz tugadi. Iltimos, qaytadan kiring.
second-factor-title = Bu siz ekaningizni tasdiqlang
second-factor-help = Autentifikator ilovasida koʻrsatilgan olti xonali kodni kiriting.
second-factor-submit = Tasdiqlash
second-factor-invalid = Kod notoʻgʻri yoki muddati oʻtgan. Ilovadagi joriy kodni kiriting.
enrol-title = Ikkinchi omilni sozlang
enrol-help = Xodimlarning hisoblari uchun ikkinchi omil majburiy. Ushbu kalitni autentifikator ilovasiga (masalan, FreeOTP yoki Aegis) qoʻshing, soʻngra u koʻrsatgan kodni kiriting.
enrol-secret = Kalit
enrol-link = Havola
enrol-open-app = Autentifikator ilovasida ochish
enrol-submit = Tasdiqlash va davom etish
second-factor-on = Yoqilgan
second-factor-off = Sozlanmagan

## My account
me-title = Shaxsiy kabinet
me-change-password = Parolni oʻzgartirish
me-password-changed = Parolingiz oʻzgartirildi. Boshqa seanslaringiz yakunlandi.
me-current-wrong = Joriy parol notoʻgʻri.

## Console
console-title = Boshqaruv paneli
console-nav = Boshqaruv paneli boʻlimlari
console-dashboard = Umumiy koʻrinish
console-accounts = Hisoblar
console-audit = Audit jurnali
console-welcome = Xush kelibsiz, { $name }.
console-your-roles = Sizning rollaringiz
console-accounts-text = Hisoblar yaratish, vakolat doirasi bilan rollar berish, hisoblarni faolsizlantirish.
console-audit-text = Kim, qachon, qanday maqsadda nima qilgani.
console-me-text = Profilingiz, parolingiz va ikkinchi omil.
accounts-new = Yangi hisob
accounts-create = Hisob yaratish
accounts-caption = Hisoblar, alifbo tartibida
filter-any = Barchasi
filter-apply = Qoʻllash
list-empty = Koʻrsatish uchun hech narsa yoʻq.
list-next = Keyingi sahifa
scope-help = Mahalliy koordinatorlar: hududiy birlik kodi, masalan, KZ.75; konsullik xodimlari: qabul qiluvchi davlat kodi, masalan, RU; tashkilot administratorlari: tashkilot identifikatori. Boshqa rollar uchun boʻsh qoldiring.
roles-grant = Rol berish
roles-revoke = Qaytarib olish
account-actions = Amallar
account-disable = Hisobni faolsizlantirish
account-enable = Hisobni faollashtirish
account-reset-second-factor = Ikkinchi omilni bekor qilish
notice-status = Hisob holati oʻzgartirildi.
notice-role-granted = Rol berildi.
notice-role-revoked = Rol qaytarib olindi.
notice-second-factor-reset = Ikkinchi omil bekor qilindi; hisob egasi keyingi kirishda yangisini sozlashi kerak.
status-active = Faol
status-disabled = Faolsizlantirilgan

## Roles
role-central_officer = Markaziy apparat xodimi
role-local_coordinator = Mahalliy koordinator
role-consular_officer = Konsullik xodimi
role-org_admin = Tashkilot administratori
role-member = Aʼzo
role-researcher = Tadqiqotchi
role-auditor = Auditor
role-admin = Administrator

## Audit log
audit-caption = Audit yozuvlari, eng yangilari avval
audit-anonymous = anonim
audit-subject-account = Hisob
audit-subject-audit_log = Audit jurnali
audit-purpose-authentication = Autentifikatsiya
audit-purpose-account_administration = Hisoblarni boshqarish
audit-purpose-self_service = Oʻz-oʻziga xizmat koʻrsatish
audit-purpose-oversight = Nazorat
audit-action-login_succeeded = Tizimga kirildi
audit-action-login_failed = Muvaffaqiyatsiz kirish urinishi
audit-action-login_throttled = Kirish rad etildi (urinishlar juda koʻp)
audit-action-second_factor_passed = Ikkinchi omil tasdiqlandi
audit-action-second_factor_failed = Ikkinchi omil kodi notoʻgʻri
audit-action-second_factor_enrolled = Ikkinchi omil sozlandi
audit-action-second_factor_reset = Ikkinchi omil bekor qilindi
audit-action-logout = Tizimdan chiqildi
audit-action-account_created = Hisob yaratildi
audit-action-account_disabled = Hisob faolsizlantirildi
audit-action-account_enabled = Hisob faollashtirildi
audit-action-role_granted = Rol berildi
audit-action-role_revoked = Rol qaytarib olindi
audit-action-password_changed = Parol oʻzgartirildi
audit-action-account_read = Hisob koʻrildi
audit-action-audit_log_read = Audit jurnali koʻrildi
