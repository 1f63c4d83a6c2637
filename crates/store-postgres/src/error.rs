//! The one mapping from `sqlx::Error` to `StoreError` for PostgreSQL, which names the violated
//! constraint itself.

use otandas_domain::StoreError;
use sqlx::error::ErrorKind;

/// The constraints a caller may hit, by the name the migrations give them.
const CONSTRAINTS: &[&str] = &[
    "accounts_pkey",
    "accounts_email_key",
    "account_roles_key",
    "account_roles_account_id_fkey",
    "sessions_pkey",
    "sessions_account_id_fkey",
    "audit_events_pkey",
    "people_pkey",
    "people_source_key",
    "people_account_id_key",
    "people_account_id_fkey",
    "consent_events_person_id_fkey",
];

/// Whether a SQLSTATE means the caller may retry: connection exceptions (08), insufficient
/// resources (53), operator intervention (57P), serialization failures and deadlocks (40),
/// a lock not available (55P03).
fn retryable(sqlstate: &str) -> bool {
    ["08", "53", "57P", "40", "55P03"]
        .iter()
        .any(|prefix| sqlstate.starts_with(prefix))
}

/// Maps an sqlx error to the storage error the domain understands.
pub(crate) fn map_err(error: sqlx::Error) -> StoreError {
    match error {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_) => StoreError::Unavailable,
        sqlx::Error::Database(db) => {
            if matches!(
                db.kind(),
                ErrorKind::UniqueViolation | ErrorKind::ForeignKeyViolation
            ) {
                let known = db
                    .constraint()
                    .and_then(|name| CONSTRAINTS.iter().find(|known| **known == name));
                if let Some(constraint) = known {
                    return StoreError::Conflict { constraint };
                }
            }
            if db.code().is_some_and(|code| retryable(&code)) {
                StoreError::Unavailable
            } else {
                StoreError::other(sqlx::Error::Database(db))
            }
        }
        other => StoreError::other(other),
    }
}
