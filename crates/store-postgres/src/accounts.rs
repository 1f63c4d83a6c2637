//! The account store on PostgreSQL: accounts with roles, sessions and login failures. Every
//! write that carries an audit entry writes it in the same transaction.

use std::collections::HashMap;

use async_trait::async_trait;
use otandas_domain::StoreError;
use otandas_domain::access::Role;
use otandas_domain::accounts::{
    Account, AccountFilter, AccountStatus, AccountStore, Credentials, NewAccountRecord,
    PasswordHash, Session, SessionStage, SessionTokenHash,
};
use otandas_domain::audit::NewAuditEvent;
use otandas_domain::shared::{AccountId, EmailAddress, Language, Page, PageRequest, SeekKey};
use sqlx::{PgConnection, Postgres, QueryBuilder, Transaction};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::audit::{insert_event, insert_optional_event};
use crate::error::map_err;
use crate::rows::{
    ACCOUNT_BY_ID, ACCOUNT_COLUMNS, AccountRow, CREDENTIALS_BY_EMAIL, CREDENTIALS_BY_ID,
    CredentialsRow, ListedAccountRow, RoleRow, SESSION_BY_HASH, SessionRow, group_roles,
};
use crate::store::PgStore;

/// The sort-key column of a language: a static name, never built from input.
pub(crate) const fn sort_column(language: Language) -> &'static str {
    match language {
        Language::Kk => "sort_kk",
        Language::Ru => "sort_ru",
        Language::Uz => "sort_uz",
        Language::En => "sort_en",
    }
}

impl PgStore {
    /// Starts a write transaction (READ COMMITTED: every statement is a single-row change or
    /// guarded by its WHERE clause, so nothing depends on an earlier read).
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        self.pool.begin().await.map_err(map_err)
    }

    /// Starts a read transaction: one snapshot for a row and its roles.
    pub(crate) async fn begin_read(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        self.pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .await
            .map_err(map_err)
    }
}

/// The roles of each of `ids`.
async fn load_roles(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Role>>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut query = QueryBuilder::<Postgres>::new(
        "SELECT account_id, role, scope FROM account_roles WHERE account_id IN (",
    );
    let mut list = query.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    list.push_unseparated(")");
    let rows: Vec<RoleRow> = query
        .build_query_as()
        .fetch_all(conn)
        .await
        .map_err(map_err)?;
    group_roles(rows)
}

/// The roles of one account.
async fn roles_of(conn: &mut PgConnection, id: Uuid) -> Result<Vec<Role>, StoreError> {
    Ok(load_roles(conn, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default())
}

/// Inserts one role row.
async fn insert_role_row(
    conn: &mut PgConnection,
    id: AccountId,
    role: &Role,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO account_roles (account_id, role, scope) VALUES ($1, $2, $3)")
        .bind(id.as_uuid())
        .bind(role.kind().as_str())
        .bind(role.scope().unwrap_or_default())
        .execute(conn)
        .await
        .map_err(map_err)?;
    Ok(())
}

/// Fails with `NotFound` when an UPDATE or DELETE touched no row.
pub(crate) fn require_row(rows_affected: u64) -> Result<(), StoreError> {
    if rows_affected == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// The parts of an account seek key (`[sort_key, id]`).
pub(crate) fn seek_parts(key: &SeekKey) -> Option<(String, Uuid)> {
    match key.parts() {
        [sort_key, id] => Uuid::parse_str(id).ok().map(|id| (sort_key.clone(), id)),
        _ => None,
    }
}

#[async_trait]
impl AccountStore for PgStore {
    async fn insert_account(
        &self,
        record: &NewAccountRecord,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError> {
        let account = &record.account;
        let [sort_kk, sort_ru, sort_uz, sort_en] = account.display_name.sort_keys();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO accounts (id, email, display_name, sort_kk, sort_ru, sort_uz, sort_en, \
             language, status, password_hash, totp_secret, totp_enabled, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(record.id.as_uuid())
        .bind(account.email.as_ref())
        .bind(account.display_name.as_ref())
        .bind(sort_kk)
        .bind(sort_ru)
        .bind(sort_uz)
        .bind(sort_en)
        .bind(account.language.tag())
        .bind(AccountStatus::Active.as_str())
        .bind(record.password_hash.as_ref())
        .bind(record.totp_secret.as_deref())
        .bind(record.totp_secret.is_some())
        .bind(record.created_at)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        for role in &account.roles {
            insert_role_row(&mut tx, record.id, role).await?;
        }
        if let Some(pending) = &record.verification {
            sqlx::query(
                "INSERT INTO account_verifications (account_id, token_hash, expires_at, created_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(record.id.as_uuid())
            .bind(pending.token_hash.as_ref())
            .bind(pending.expires_at)
            .bind(record.created_at)
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        }
        insert_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn get_account(&self, id: AccountId) -> Result<Account, StoreError> {
        let mut tx = self.begin_read().await?;
        let row: AccountRow = sqlx::query_as(ACCOUNT_BY_ID)
            .bind(id.as_uuid())
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?
            .ok_or(StoreError::NotFound)?;
        let roles = roles_of(&mut tx, row.id()).await?;
        tx.commit().await.map_err(map_err)?;
        row.into_account(roles)
    }

    async fn find_credentials(
        &self,
        email: &EmailAddress,
    ) -> Result<Option<Credentials>, StoreError> {
        let mut tx = self.begin_read().await?;
        let row: Option<CredentialsRow> = sqlx::query_as(CREDENTIALS_BY_EMAIL)
            .bind(email.as_ref())
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let roles = roles_of(&mut tx, row.account.id()).await?;
        tx.commit().await.map_err(map_err)?;
        row.into_credentials(roles).map(Some)
    }

    async fn get_credentials(&self, id: AccountId) -> Result<Credentials, StoreError> {
        let mut tx = self.begin_read().await?;
        let row: CredentialsRow = sqlx::query_as(CREDENTIALS_BY_ID)
            .bind(id.as_uuid())
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?
            .ok_or(StoreError::NotFound)?;
        let roles = roles_of(&mut tx, row.account.id()).await?;
        tx.commit().await.map_err(map_err)?;
        row.into_credentials(roles)
    }

    async fn list_accounts(
        &self,
        filter: &AccountFilter,
        page: &PageRequest,
    ) -> Result<Page<Account>, StoreError> {
        let column = sort_column(filter.order);
        let mut query = QueryBuilder::<Postgres>::new("SELECT ");
        query
            .push(ACCOUNT_COLUMNS)
            .push(", ")
            .push(column)
            .push(" AS sort_key FROM accounts WHERE 1 = 1");
        if let Some(status) = filter.status {
            query.push(" AND status = ").push_bind(status.as_str());
        }
        if let Some(role) = filter.role {
            query
                .push(
                    " AND EXISTS (SELECT 1 FROM account_roles r \
                     WHERE r.account_id = accounts.id AND r.role = ",
                )
                .push_bind(role.as_str())
                .push(")");
        }
        if let Some(after) = &page.after {
            // A key this store did not make matches nothing rather than failing the request.
            let Some((sort_key, id)) = seek_parts(after) else {
                return Ok(Page {
                    items: Vec::new(),
                    next: None,
                });
            };
            query
                .push(" AND (")
                .push(column)
                .push(", id) > (")
                .push_bind(sort_key)
                .push(", ")
                .push_bind(id)
                .push(")");
        }
        query
            .push(" ORDER BY ")
            .push(column)
            .push(", id LIMIT ")
            .push_bind(i64::from(page.limit) + 1);

        let mut tx = self.begin_read().await?;
        let rows: Vec<ListedAccountRow> = query
            .build_query_as()
            .fetch_all(&mut *tx)
            .await
            .map_err(map_err)?;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.account.id()).collect();
        let mut roles = load_roles(&mut tx, &ids).await?;
        tx.commit().await.map_err(map_err)?;

        let listed = rows
            .into_iter()
            .map(|row| {
                let account_roles = roles.remove(&row.account.id()).unwrap_or_default();
                Ok((row.account.into_account(account_roles)?, row.sort_key))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(
            Page::from_overfetch(listed, page.limit, |(account, sort_key)| {
                SeekKey::new([sort_key.clone(), account.id.to_string()])
            })
            .map(|(account, _)| account),
        )
    }

    async fn update_account_status(
        &self,
        id: AccountId,
        status: AccountStatus,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let updated = sqlx::query("UPDATE accounts SET status = $1 WHERE id = $2")
            .bind(status.as_str())
            .bind(id.as_uuid())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        require_row(updated.rows_affected())?;
        if status == AccountStatus::Disabled {
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(id.as_uuid())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        insert_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn update_password(
        &self,
        id: AccountId,
        hash: &PasswordHash,
        keep: Option<&SessionTokenHash>,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let updated = sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(hash.as_ref())
            .bind(id.as_uuid())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        require_row(updated.rows_affected())?;
        sqlx::query(
            "DELETE FROM sessions WHERE account_id = $1 AND token_hash IS DISTINCT FROM $2",
        )
        .bind(id.as_uuid())
        .bind(keep.map(AsRef::as_ref))
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn update_totp(
        &self,
        id: AccountId,
        secret: Option<&str>,
        enabled: bool,
        audit: Option<&NewAuditEvent>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let updated =
            sqlx::query("UPDATE accounts SET totp_secret = $1, totp_enabled = $2 WHERE id = $3")
                .bind(secret)
                .bind(enabled)
                .bind(id.as_uuid())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        require_row(updated.rows_affected())?;
        if secret.is_none() {
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(id.as_uuid())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        insert_optional_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn claim_totp_step(&self, id: AccountId, step: i64) -> Result<bool, StoreError> {
        // One conditional UPDATE: of two racing claims of the same step, only one changes the row.
        let claimed = sqlx::query(
            "UPDATE accounts SET totp_last_step = $1 \
             WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $3)",
        )
        .bind(step)
        .bind(id.as_uuid())
        .bind(step)
        .execute(&self.pool)
        .await
        .map_err(map_err)?;
        Ok(claimed.rows_affected() == 1)
    }

    async fn insert_role(
        &self,
        id: AccountId,
        role: &Role,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        insert_role_row(&mut tx, id, role).await?;
        insert_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn delete_role(
        &self,
        id: AccountId,
        role: &Role,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let deleted = sqlx::query(
            "DELETE FROM account_roles WHERE account_id = $1 AND role = $2 AND scope = $3",
        )
        .bind(id.as_uuid())
        .bind(role.kind().as_str())
        .bind(role.scope().unwrap_or_default())
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        require_row(deleted.rows_affected())?;
        insert_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn insert_session(
        &self,
        session: &Session,
        replaces: Option<&SessionTokenHash>,
        audit: Option<&NewAuditEvent>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        if let Some(old) = replaces {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(old.as_ref())
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
        }
        sqlx::query(
            "INSERT INTO sessions \
             (token_hash, account_id, stage, csrf_token, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(session.token_hash.as_ref())
        .bind(session.account_id.as_uuid())
        .bind(session.stage.as_str())
        .bind(&session.csrf_token)
        .bind(session.created_at)
        .bind(session.last_seen_at)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        insert_optional_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn find_session(&self, hash: &SessionTokenHash) -> Result<Option<Session>, StoreError> {
        let row: Option<SessionRow> = sqlx::query_as(SESSION_BY_HASH)
            .bind(hash.as_ref())
            .fetch_optional(&self.pool)
            .await
            .map_err(map_err)?;
        row.map(Session::try_from).transpose()
    }

    async fn update_session_stage(
        &self,
        hash: &SessionTokenHash,
        stage: SessionStage,
    ) -> Result<(), StoreError> {
        let updated = sqlx::query("UPDATE sessions SET stage = $1 WHERE token_hash = $2")
            .bind(stage.as_str())
            .bind(hash.as_ref())
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        require_row(updated.rows_affected())
    }

    async fn touch_session(
        &self,
        hash: &SessionTokenHash,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        // A session deleted meanwhile (logout in another tab) is not an error here.
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(at)
            .bind(hash.as_ref())
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(())
    }

    async fn delete_session(
        &self,
        hash: &SessionTokenHash,
        audit: Option<&NewAuditEvent>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(hash.as_ref())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        insert_optional_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn delete_expired_sessions(
        &self,
        created_before: OffsetDateTime,
        idle_before: OffsetDateTime,
    ) -> Result<u64, StoreError> {
        let deleted =
            sqlx::query("DELETE FROM sessions WHERE created_at < $1 OR last_seen_at < $2")
                .bind(created_before)
                .bind(idle_before)
                .execute(&self.pool)
                .await
                .map_err(map_err)?;
        Ok(deleted.rows_affected())
    }

    async fn count_sessions(&self, id: AccountId) -> Result<u64, StoreError> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE account_id = $1")
            .bind(id.as_uuid())
            .fetch_one(&self.pool)
            .await
            .map_err(map_err)?;
        u64::try_from(count).map_err(StoreError::other)
    }

    async fn upsert_verification(
        &self,
        id: AccountId,
        token_hash: &SessionTokenHash,
        expires_at: OffsetDateTime,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let exists: Option<Uuid> = sqlx::query_scalar("SELECT id FROM accounts WHERE id = $1")
            .bind(id.as_uuid())
            .fetch_optional(&mut *tx)
            .await
            .map_err(map_err)?;
        if exists.is_none() {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM account_verifications WHERE account_id = $1")
            .bind(id.as_uuid())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        sqlx::query(
            "INSERT INTO account_verifications (account_id, token_hash, expires_at, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(id.as_uuid())
        .bind(token_hash.as_ref())
        .bind(expires_at)
        .bind(at)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        tx.commit().await.map_err(map_err)
    }

    async fn find_verification(
        &self,
        token_hash: &SessionTokenHash,
        now: OffsetDateTime,
    ) -> Result<Option<AccountId>, StoreError> {
        let mut tx = self.begin_read().await?;
        let account: Option<Uuid> = sqlx::query_scalar(
            "SELECT account_id FROM account_verifications WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash.as_ref())
        .bind(now)
        .fetch_optional(&mut *tx)
        .await
        .map_err(map_err)?;
        tx.commit().await.map_err(map_err)?;
        Ok(account.map(AccountId::from_uuid))
    }

    async fn complete_verification(
        &self,
        id: AccountId,
        token_hash: &SessionTokenHash,
        now: OffsetDateTime,
        password: &PasswordHash,
        audit: &NewAuditEvent,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let deleted = sqlx::query(
            "DELETE FROM account_verifications \
             WHERE account_id = $1 AND token_hash = $2 AND expires_at > $3",
        )
        .bind(id.as_uuid())
        .bind(token_hash.as_ref())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(map_err)?;
        require_row(deleted.rows_affected())?;
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(password.as_ref())
            .bind(id.as_uuid())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
        insert_event(&mut tx, audit).await?;
        tx.commit().await.map_err(map_err)
    }

    async fn insert_login_failure(&self, key: &str, at: OffsetDateTime) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(at)
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(())
    }

    async fn count_login_failures(
        &self,
        key: &str,
        since: OffsetDateTime,
    ) -> Result<u64, StoreError> {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2")
                .bind(key)
                .bind(since)
                .fetch_one(&self.pool)
                .await
                .map_err(map_err)?;
        u64::try_from(count).map_err(StoreError::other)
    }

    async fn delete_login_failures(&self, key: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM login_failures WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await
            .map_err(map_err)?;
        Ok(())
    }
}
