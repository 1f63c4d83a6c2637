//! The account store: accounts, roles, sessions and login failures. Every method that changes
//! something that must be audited takes the audit entry and writes both in one transaction.

use async_trait::async_trait;
use time::OffsetDateTime;

use super::account::{Account, AccountFilter, AccountStatus, Credentials, NewAccountRecord};
use super::password::PasswordHash;
use super::session::{Session, SessionStage, SessionTokenHash};
use crate::access::Role;
use crate::audit::NewAuditEvent;
use crate::shared::{AccountId, EmailAddress, Page, PageRequest};
use crate::store::StoreError;

/// Storage of accounts and sessions.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Creates an account with its roles. `Conflict { constraint: "accounts_email_key" }` when
    /// the email is taken.
    async fn insert_account(
        &self,
        record: &NewAccountRecord,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError>;

    /// The account with its roles; `NotFound` when absent.
    async fn get_account(&self, id: AccountId) -> Result<Account, StoreError>;

    /// The account and its secrets, by login.
    async fn find_credentials(
        &self,
        email: &EmailAddress,
    ) -> Result<Option<Credentials>, StoreError>;

    /// The account and its secrets, by id; `NotFound` when absent.
    async fn get_credentials(&self, id: AccountId) -> Result<Credentials, StoreError>;

    /// Accounts in the filter's alphabetical order, seek-paged.
    async fn list_accounts(
        &self,
        filter: &AccountFilter,
        page: &PageRequest,
    ) -> Result<Page<Account>, StoreError>;

    /// Sets the status. Disabling also deletes every session of the account, in the same transaction.
    async fn update_account_status(
        &self,
        id: AccountId,
        status: AccountStatus,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError>;

    /// Replaces the password hash and deletes every other session of the account.
    async fn update_password(
        &self,
        id: AccountId,
        hash: &PasswordHash,
        keep: Option<&SessionTokenHash>,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError>;

    /// Sets or clears the TOTP secret and whether it is confirmed. Clearing it (a reset) also
    /// deletes every session of the account.
    async fn update_totp(
        &self,
        id: AccountId,
        secret: Option<&str>,
        enabled: bool,
        audit: Option<&NewAuditEvent>,
    ) -> Result<(), StoreError>;

    /// Records that a TOTP time step was used, if it is later than the last one used: returns
    /// `false` for a replayed or older step. Atomic, so two racing logins cannot share a code.
    async fn claim_totp_step(&self, id: AccountId, step: i64) -> Result<bool, StoreError>;

    /// Grants a role; `Conflict { constraint: "account_roles_key" }` if already held.
    async fn insert_role(
        &self,
        id: AccountId,
        role: &Role,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError>;

    /// Revokes a role; `NotFound` if not held.
    async fn delete_role(
        &self,
        id: AccountId,
        role: &Role,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError>;

    /// Stores a new session, deleting the one it replaces (rotation) in the same transaction.
    async fn insert_session(
        &self,
        session: &Session,
        replaces: Option<&SessionTokenHash>,
        audit: Option<&NewAuditEvent>,
    ) -> Result<(), StoreError>;

    /// The session with this token hash, if any.
    async fn find_session(&self, hash: &SessionTokenHash) -> Result<Option<Session>, StoreError>;

    /// Moves a session to another stage.
    async fn update_session_stage(
        &self,
        hash: &SessionTokenHash,
        stage: SessionStage,
    ) -> Result<(), StoreError>;

    /// Records use of a session.
    async fn touch_session(
        &self,
        hash: &SessionTokenHash,
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Deletes one session (logout, expiry).
    async fn delete_session(
        &self,
        hash: &SessionTokenHash,
        audit: Option<&NewAuditEvent>,
    ) -> Result<(), StoreError>;

    /// Deletes sessions created before `created_before` or idle since before `idle_before`.
    async fn delete_expired_sessions(
        &self,
        created_before: OffsetDateTime,
        idle_before: OffsetDateTime,
    ) -> Result<u64, StoreError>;

    /// How many sessions the account has.
    async fn count_sessions(&self, id: AccountId) -> Result<u64, StoreError>;

    /// Replaces the pending verification of an unverified account (a new link was sent).
    /// `NotFound` when the account does not exist.
    async fn upsert_verification(
        &self,
        id: AccountId,
        token_hash: &SessionTokenHash,
        expires_at: OffsetDateTime,
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// The account a verification token belongs to, if the token exists and has not expired at `now`.
    async fn find_verification(
        &self,
        token_hash: &SessionTokenHash,
        now: OffsetDateTime,
    ) -> Result<Option<AccountId>, StoreError>;

    /// Completes a verification: deletes the account's pending row if it still carries this
    /// token and has not expired at `now`, sets the password and writes the audit entry, in one
    /// transaction. `NotFound` when the row is gone (used, replaced or expired).
    async fn complete_verification(
        &self,
        id: AccountId,
        token_hash: &SessionTokenHash,
        now: OffsetDateTime,
        password: &PasswordHash,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError>;

    /// Records one failed attempt under a throttle key.
    async fn insert_login_failure(&self, key: &str, at: OffsetDateTime) -> Result<(), StoreError>;

    /// How many failures a key has had at or after `since`.
    async fn count_login_failures(
        &self,
        key: &str,
        since: OffsetDateTime,
    ) -> Result<u64, StoreError>;

    /// Forgets a key's failures (after a successful login).
    async fn delete_login_failures(&self, key: &str) -> Result<(), StoreError>;
}
