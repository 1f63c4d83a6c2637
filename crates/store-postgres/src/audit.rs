//! The audit store on PostgreSQL: append and list. The table's triggers refuse UPDATE and DELETE.

use async_trait::async_trait;
use otandas_domain::StoreError;
use otandas_domain::audit::{AuditEvent, AuditFilter, AuditStore, NewAuditEvent};
use otandas_domain::shared::{Page, PageRequest, SeekKey};
use sqlx::{PgConnection, Postgres, QueryBuilder};
use uuid::Uuid;

use crate::error::map_err;
use crate::rows::{AUDIT_COLUMNS, AuditRow};
use crate::store::PgStore;

/// Appends `event` on `conn`, inside whatever transaction the caller holds.
pub(crate) async fn insert_event(
    conn: &mut PgConnection,
    event: &NewAuditEvent,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_events \
         (id, at, actor_id, action, subject_kind, subject_id, purpose, request_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(event.id.as_uuid())
    .bind(event.at)
    .bind(event.actor.map(|a| a.as_uuid()))
    .bind(event.action.as_str())
    .bind(event.subject_kind.as_str())
    .bind(event.subject_id.as_deref())
    .bind(event.purpose.as_str())
    .bind(event.request_id.map(|r| r.as_uuid()))
    .execute(conn)
    .await
    .map_err(map_err)?;
    Ok(())
}

/// Appends `event` if there is one.
pub(crate) async fn insert_optional_event(
    conn: &mut PgConnection,
    event: Option<&NewAuditEvent>,
) -> Result<(), StoreError> {
    match event {
        Some(event) => insert_event(conn, event).await,
        None => Ok(()),
    }
}

#[async_trait]
impl AuditStore for PgStore {
    async fn insert_audit_event(&self, event: &NewAuditEvent) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await.map_err(map_err)?;
        insert_event(&mut conn, event).await
    }

    async fn list_audit_events(
        &self,
        filter: &AuditFilter,
        page: &PageRequest,
    ) -> Result<Page<AuditEvent>, StoreError> {
        let mut query = QueryBuilder::<Postgres>::new("SELECT ");
        query
            .push(AUDIT_COLUMNS)
            .push(" FROM audit_events WHERE 1 = 1");
        if let Some(actor) = filter.actor {
            query.push(" AND actor_id = ").push_bind(actor.as_uuid());
        }
        if let Some(subject_id) = &filter.subject_id {
            query
                .push(" AND subject_id = ")
                .push_bind(subject_id.clone());
        }
        if let Some(action) = filter.action {
            query.push(" AND action = ").push_bind(action.as_str());
        }
        if let Some(from) = filter.from {
            query.push(" AND at >= ").push_bind(from);
        }
        if let Some(until) = filter.until {
            query.push(" AND at < ").push_bind(until);
        }
        if let Some(after) = &page.after {
            // A key this store did not make matches nothing rather than failing the request.
            let Some(id) = seek_id(after) else {
                return Ok(Page {
                    items: Vec::new(),
                    next: None,
                });
            };
            query.push(" AND id < ").push_bind(id);
        }
        query
            .push(" ORDER BY id DESC LIMIT ")
            .push_bind(i64::from(page.limit) + 1);
        let rows: Vec<AuditRow> = query
            .build_query_as()
            .fetch_all(&self.pool)
            .await
            .map_err(map_err)?;
        let events = rows
            .into_iter()
            .map(AuditEvent::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Page::from_overfetch(events, page.limit, |e| {
            SeekKey::new([e.id.to_string()])
        }))
    }
}

/// The entry id of an audit seek key (`[id]`).
fn seek_id(key: &SeekKey) -> Option<Uuid> {
    match key.parts() {
        [id] => Uuid::parse_str(id).ok(),
        _ => None,
    }
}
