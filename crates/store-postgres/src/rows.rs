//! Row structs private to the store and their conversion to domain types. Timestamps are
//! `TIMESTAMPTZ` (microseconds); a stored value that no longer parses is `StoreError::Other`.

use std::collections::HashMap;

use otandas_domain::StoreError;
use otandas_domain::access::{Role, RoleKind};
use otandas_domain::accounts::{
    Account, AccountStatus, Credentials, DisplayName, PasswordHash, Session, SessionStage,
    SessionTokenHash,
};
use otandas_domain::audit::{AuditAction, AuditEvent, Purpose, SubjectKind};
use otandas_domain::shared::{AccountId, AuditEventId, EmailAddress, Language, RequestId};
use time::OffsetDateTime;
use uuid::Uuid;

/// The columns of [`AccountRow`], as a literal for `concat!`.
macro_rules! account_columns {
    () => {
        "id, email, display_name, language, status, totp_enabled, created_at"
    };
}

/// The columns of [`AccountRow`], for a SELECT list.
pub(crate) const ACCOUNT_COLUMNS: &str = account_columns!();

/// Selects one account with its secrets by id.
pub(crate) const CREDENTIALS_BY_ID: &str = concat!(
    "SELECT ",
    account_columns!(),
    ", password_hash, totp_secret, NOT EXISTS (SELECT 1 FROM account_verifications v WHERE v.account_id = accounts.id) AS email_verified FROM accounts WHERE id = $1"
);

/// Selects one account with its secrets by email.
pub(crate) const CREDENTIALS_BY_EMAIL: &str = concat!(
    "SELECT ",
    account_columns!(),
    ", password_hash, totp_secret, NOT EXISTS (SELECT 1 FROM account_verifications v WHERE v.account_id = accounts.id) AS email_verified FROM accounts WHERE email = $1"
);

/// Selects one account without its secrets by id.
pub(crate) const ACCOUNT_BY_ID: &str = concat!(
    "SELECT ",
    account_columns!(),
    " FROM accounts WHERE id = $1"
);

/// Selects one session by token hash.
pub(crate) const SESSION_BY_HASH: &str = "SELECT token_hash, account_id, stage, csrf_token, \
     created_at, last_seen_at FROM sessions WHERE token_hash = $1";

/// The columns of [`AuditRow`].
pub(crate) const AUDIT_COLUMNS: &str =
    "id, at, actor_id, action, subject_kind, subject_id, purpose, request_id";

/// A stored value that does not parse back into its domain type.
#[derive(Debug)]
pub(crate) struct CorruptRow {
    table: &'static str,
    column: &'static str,
}

impl std::fmt::Display for CorruptRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unreadable value in {}.{}", self.table, self.column)
    }
}

impl std::error::Error for CorruptRow {}

pub(crate) fn corrupt(table: &'static str, column: &'static str) -> StoreError {
    StoreError::other(CorruptRow { table, column })
}

/// An `accounts` row without its secrets.
#[derive(sqlx::FromRow)]
pub(crate) struct AccountRow {
    id: Uuid,
    email: String,
    display_name: String,
    language: String,
    status: String,
    totp_enabled: bool,
    created_at: OffsetDateTime,
}

impl AccountRow {
    /// The account id of the row.
    pub(crate) fn id(&self) -> Uuid {
        self.id
    }

    /// The domain account, with the roles loaded separately.
    pub(crate) fn into_account(self, roles: Vec<Role>) -> Result<Account, StoreError> {
        Ok(Account {
            id: AccountId::from_uuid(self.id),
            email: EmailAddress::parse(&self.email).map_err(|_| corrupt("accounts", "email"))?,
            display_name: DisplayName::parse(&self.display_name)
                .map_err(|_| corrupt("accounts", "display_name"))?,
            language: Language::from_tag(&self.language)
                .ok_or_else(|| corrupt("accounts", "language"))?,
            status: AccountStatus::parse(&self.status)
                .ok_or_else(|| corrupt("accounts", "status"))?,
            roles,
            totp_enabled: self.totp_enabled,
            created_at: self.created_at,
        })
    }
}

/// An account row with the locale sort key it was ordered by.
#[derive(sqlx::FromRow)]
pub(crate) struct ListedAccountRow {
    #[sqlx(flatten)]
    pub(crate) account: AccountRow,
    pub(crate) sort_key: String,
}

/// An account row with its secrets.
#[derive(sqlx::FromRow)]
pub(crate) struct CredentialsRow {
    #[sqlx(flatten)]
    pub(crate) account: AccountRow,
    password_hash: String,
    totp_secret: Option<String>,
    email_verified: bool,
}

impl CredentialsRow {
    /// The domain credentials, with the roles loaded separately.
    pub(crate) fn into_credentials(self, roles: Vec<Role>) -> Result<Credentials, StoreError> {
        Ok(Credentials {
            account: self.account.into_account(roles)?,
            password_hash: PasswordHash::from_stored(self.password_hash),
            totp_secret: self.totp_secret,
            email_verified: self.email_verified,
        })
    }
}

/// An `account_roles` row.
#[derive(sqlx::FromRow)]
pub(crate) struct RoleRow {
    account_id: Uuid,
    role: String,
    scope: String,
}

impl RoleRow {
    fn parse(&self) -> Result<Role, StoreError> {
        let kind = RoleKind::parse(&self.role).map_err(|_| corrupt("account_roles", "role"))?;
        Role::from_parts(kind, Some(&self.scope)).map_err(|_| corrupt("account_roles", "scope"))
    }
}

/// The roles of each account, each list in a stable order (by kind, then scope).
pub(crate) fn group_roles(rows: Vec<RoleRow>) -> Result<HashMap<Uuid, Vec<Role>>, StoreError> {
    let mut by_account: HashMap<Uuid, Vec<Role>> = HashMap::new();
    for row in rows {
        let role = row.parse()?;
        by_account.entry(row.account_id).or_default().push(role);
    }
    for roles in by_account.values_mut() {
        roles.sort_by_cached_key(|role| (role.kind().as_str(), role.scope()));
    }
    Ok(by_account)
}

/// A `sessions` row.
#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    token_hash: String,
    account_id: Uuid,
    stage: String,
    csrf_token: String,
    created_at: OffsetDateTime,
    last_seen_at: OffsetDateTime,
}

impl TryFrom<SessionRow> for Session {
    type Error = StoreError;

    fn try_from(row: SessionRow) -> Result<Self, Self::Error> {
        Ok(Self {
            token_hash: SessionTokenHash::from_stored(row.token_hash),
            account_id: AccountId::from_uuid(row.account_id),
            stage: SessionStage::parse(&row.stage).ok_or_else(|| corrupt("sessions", "stage"))?,
            csrf_token: row.csrf_token,
            created_at: row.created_at,
            last_seen_at: row.last_seen_at,
        })
    }
}

/// An `audit_events` row.
#[derive(sqlx::FromRow)]
pub(crate) struct AuditRow {
    id: Uuid,
    at: OffsetDateTime,
    actor_id: Option<Uuid>,
    action: String,
    subject_kind: String,
    subject_id: Option<String>,
    purpose: String,
    request_id: Option<Uuid>,
}

impl TryFrom<AuditRow> for AuditEvent {
    type Error = StoreError;

    fn try_from(row: AuditRow) -> Result<Self, Self::Error> {
        Ok(Self {
            id: AuditEventId::from_uuid(row.id),
            at: row.at,
            actor: row.actor_id.map(AccountId::from_uuid),
            action: AuditAction::parse(&row.action)
                .ok_or_else(|| corrupt("audit_events", "action"))?,
            subject_kind: SubjectKind::parse(&row.subject_kind)
                .ok_or_else(|| corrupt("audit_events", "subject_kind"))?,
            subject_id: row.subject_id,
            purpose: Purpose::parse(&row.purpose)
                .ok_or_else(|| corrupt("audit_events", "purpose"))?,
            request_id: row.request_id.map(RequestId::from_uuid),
        })
    }
}
