//! The one mapping from `sqlx::Error` to `StoreError` for SQLite. SQLite names the columns of a
//! failed uniqueness rule, not the constraint, and names nothing for a foreign key, so the
//! constraint names are recovered from the columns here and from the call site for foreign keys.

use otandas_domain::StoreError;
use sqlx::error::ErrorKind;

/// Columns reported by "UNIQUE constraint failed: …" and the constraint they belong to.
const UNIQUE_CONSTRAINTS: &[(&str, &str)] = &[
    ("accounts.id", "accounts_pkey"),
    ("accounts.email", "accounts_email_key"),
    (
        "account_roles.account_id, account_roles.role, account_roles.scope",
        "account_roles_key",
    ),
    ("sessions.token_hash", "sessions_pkey"),
    ("audit_events.id", "audit_events_pkey"),
    ("people.id", "people_pkey"),
    ("people.source_kind, people.source_key", "people_source_key"),
    ("people.account_id", "people_account_id_key"),
];

/// Primary result codes after which the caller may retry: `SQLITE_BUSY` and `SQLITE_LOCKED`.
const RETRYABLE_CODES: [i64; 2] = [5, 6];

/// Maps an sqlx error to the storage error the domain understands.
pub(crate) fn map_err(error: sqlx::Error) -> StoreError {
    match error {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Io(_) => StoreError::Unavailable,
        sqlx::Error::Database(db) => {
            if db.kind() == ErrorKind::UniqueViolation {
                let columns = db
                    .message()
                    .strip_prefix("UNIQUE constraint failed: ")
                    .unwrap_or_default();
                if let Some((_, name)) = UNIQUE_CONSTRAINTS.iter().find(|(c, _)| *c == columns) {
                    return StoreError::Conflict { constraint: name };
                }
            }
            let retryable = db
                .code()
                .and_then(|code| code.parse::<i64>().ok())
                .is_some_and(|code| RETRYABLE_CODES.contains(&(code & 0xff)));
            if retryable {
                StoreError::Unavailable
            } else {
                StoreError::other(sqlx::Error::Database(db))
            }
        }
        other => StoreError::other(other),
    }
}

/// Like [`map_err`], naming `constraint` when a foreign key refused the statement (SQLite
/// reports only "FOREIGN KEY constraint failed").
pub(crate) fn map_err_fkey(constraint: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |error| match &error {
        sqlx::Error::Database(db) if db.kind() == ErrorKind::ForeignKeyViolation => {
            StoreError::Conflict { constraint }
        }
        _ => map_err(error),
    }
}
