# otandas — English. Every key here must exist in kk.ftl, ru.ftl and uz.ftl (a test checks).

app-name = otandas
skip-to-content = Skip to content
nav-main = Account
nav-console = Console
nav-my-account = My account
nav-logout = Sign out
nav-login = Sign in
nav-api = API
nav-language = Language
footer-privacy = Your data is processed only for the purposes you consented to. Every access is logged.

language-kk = Қазақша
language-ru = Русский
language-uz = Oʻzbekcha
language-en = English

## Errors
error-status = Error { $status }
error-back-home = Back to the home page
error-request-id = Something went wrong on our side. If it happens again, tell the support team this reference: { $id }
error-languages-available = Available languages: { $languages }.
http-bad-request = The request could not be understood.
http-unknown-language = This language is not available.
http-unauthenticated = Please sign in.
http-invalid-credentials = Wrong email or password.
http-invalid-code = Wrong or expired code.
http-forbidden = You do not have access to this page.
http-csrf = This form has expired. Go back, reload the page and try again.
http-not-found = Page not found.
http-conflict = This change conflicts with the current state.
http-payload-too-large = The data sent is too large.
http-unsupported-media-type = This kind of data is not accepted here.
http-invalid = Some of the data is not valid.
http-throttled = Too many attempts. Please wait a few minutes and try again.
http-unavailable = The service is temporarily unavailable. Please try again shortly.
http-internal = Internal error.
conflict-accounts_email_key = An account with this email already exists.
conflict-account_roles_key = The account already holds this role.
conflict-accounts_self_disable = You cannot disable your own account.
conflict-account_roles_self_admin = You cannot remove your own administrator role.
form-has-errors = Please correct the fields below.

## Validation (the field's label is passed as $field)
error-required = { $field }: required.
error-too-long = { $field }: at most { $limit } characters.
error-too-short = { $field }: at least { $limit } characters.
error-malformed = { $field }: not in the expected format.
error-unknown = { $field }: not an allowed value.
error-mismatch = { $field }: does not match.

## Field labels
field-email = Email
field-password = Password
field-current_password = Current password
field-confirm = Repeat the new password
field-code = Six-digit code
field-display_name = Name
field-language = Language
field-roles = Roles
field-role = Role
field-scope = Scope
field-org_unit = Org unit
field-country = Country
field-organization = Organization
field-second-factor = Second factor
field-status = Status
field-created = Created
field-action = Action
field-actor = Who
field-subject = Subject
field-from = From
field-until = Until
field-at = When
field-purpose = Purpose
field-request = Request
field-after = Page position
field-order = Order

## Public portal
home-title = Otandas: the compatriots' platform
home-lead = A registry and map of compatriots and their skills, built on consent, with diaspora organizations, events, investment and expert channels, co-funded local projects and help for those in difficulty.
home-capabilities = What the platform does
home-registry-title = Registry and map
home-registry-text = Compatriots register themselves or are registered with their consent; the map shows where the diaspora lives and what it can do, with small numbers never published.
home-engagement-title = Engagement
home-engagement-text = Associations, cultural centres and hometown associations work with the agency, local governments and missions on events, projects and expertise.
home-privacy-title = Privacy first
home-privacy-text = You decide what your data is used for, can see who accessed it, export it and have it erased.

## Sign-in
login-title = Sign in
login-submit = Sign in
login-invalid = Wrong email or password.
login-throttled = Too many attempts. Please wait a few minutes and try again.
login-expired = Your session has ended. Please sign in again.
second-factor-title = Confirm it is you
second-factor-help = Enter the six-digit code shown by your authenticator app.
second-factor-submit = Confirm
second-factor-invalid = Wrong or expired code. Enter the current code from your app.
enrol-title = Set up your second factor
enrol-help = Staff accounts need a second factor. Add this key to an authenticator app (such as FreeOTP or Aegis), then enter the code it shows.
enrol-secret = Key
enrol-link = Link
enrol-open-app = Open in an authenticator app
enrol-submit = Confirm and continue
second-factor-on = Enabled
second-factor-off = Not set up

## My account
me-title = My account
me-change-password = Change password
me-password-changed = Your password was changed. Your other sessions were signed out.
me-current-wrong = The current password is wrong.

## Console
console-title = Console
console-nav = Console sections
console-dashboard = Overview
console-accounts = Accounts
console-audit = Audit log
console-welcome = Welcome, { $name }.
console-your-roles = Your roles
console-accounts-text = Create accounts, grant roles with their scope, disable accounts.
console-audit-text = Who did what, when, for what purpose.
console-me-text = Your profile, password and second factor.
accounts-new = New account
accounts-create = Create account
accounts-caption = Accounts, in alphabetical order
filter-any = Any
filter-apply = Apply
list-empty = Nothing to show.
list-next = Next page
scope-help = Local coordinators: an org unit path such as KZ.75; consular officers: a host country code such as RU; organization administrators: the organization's id. Other roles: leave empty.
roles-grant = Grant role
roles-revoke = Revoke
account-actions = Actions
account-disable = Disable account
account-enable = Enable account
account-reset-second-factor = Reset second factor
notice-status = The account status was changed.
notice-role-granted = The role was granted.
notice-role-revoked = The role was revoked.
notice-second-factor-reset = The second factor was reset; the account must set up a new one at next sign-in.
status-active = Active
status-disabled = Disabled

## Roles
role-central_officer = Central officer
role-local_coordinator = Local coordinator
role-consular_officer = Consular officer
role-org_admin = Organization administrator
role-member = Member
role-researcher = Researcher
role-auditor = Auditor
role-admin = Administrator

## Audit log
audit-caption = Audit entries, newest first
audit-anonymous = anonymous
audit-subject-account = Account
audit-subject-audit_log = Audit log
audit-purpose-authentication = Authentication
audit-purpose-account_administration = Account administration
audit-purpose-self_service = Self-service
audit-purpose-oversight = Oversight
audit-action-login_succeeded = Signed in
audit-action-login_failed = Failed sign-in
audit-action-login_throttled = Sign-in refused (too many attempts)
audit-action-second_factor_passed = Second factor confirmed
audit-action-second_factor_failed = Wrong second-factor code
audit-action-second_factor_enrolled = Second factor set up
audit-action-second_factor_reset = Second factor reset
audit-action-logout = Signed out
audit-action-account_created = Account created
audit-action-account_disabled = Account disabled
audit-action-account_enabled = Account enabled
audit-action-role_granted = Role granted
audit-action-role_revoked = Role revoked
audit-action-password_changed = Password changed
audit-action-account_read = Account viewed
audit-action-audit_log_read = Audit log viewed
