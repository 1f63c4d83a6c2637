//! Conformance of `ImportStore`: batches read back with their counts, errors in line order,
//! the people of a batch (without the erased), and the list filtered by creator.

use std::sync::Arc;

use otandas_domain::Store;
use otandas_domain::audit::AuditAction;
use otandas_domain::imports::{BatchStatus, ImportBatch, ImportCounts, RowError};
use otandas_domain::registry::SourceKind;
use otandas_domain::shared::{AccountId, ImportBatchId};
use time::Duration;

use crate::registry::{PersonBuilder, person_event};
use crate::support::{assert_not_found, create_account, now};

/// A running batch of `by`, created `offset` seconds after [`now`].
pub fn batch(by: AccountId, offset: i64) -> ImportBatch {
    ImportBatch {
        id: ImportBatchId::new(),
        created_by: by,
        created_at: now() + Duration::seconds(offset),
        file_name: "список.csv".to_owned(),
        source_kind: SourceKind::Consulate,
        status: BatchStatus::Running,
        counts: ImportCounts {
            total: 3,
            ..ImportCounts::default()
        },
    }
}

fn error(line: u32, field: &str, code: &str) -> RowError {
    RowError {
        line,
        column_header: format!("Колонка {field}"),
        field: field.to_owned(),
        code: code.to_owned(),
    }
}

/// A batch reads back as written, and an update replaces its status and counts.
pub async fn an_import_batch_reads_back_and_its_counts_update(store: Arc<dyn Store>) {
    let by = create_account(&store, "Консул", vec![]).await.id;
    let mut b = batch(by, 0);
    store.insert_import_batch(&b).await.unwrap();
    assert_eq!(store.get_import_batch(b.id).await.unwrap(), b);
    b.status = BatchStatus::Done;
    b.counts = ImportCounts {
        total: 3,
        done: 3,
        imported: 1,
        unchanged: 1,
        rejected: 1,
    };
    store.update_import_batch(&b).await.unwrap();
    assert_eq!(store.get_import_batch(b.id).await.unwrap(), b);
    assert_not_found(store.get_import_batch(ImportBatchId::new()).await);
    assert_not_found(store.update_import_batch(&batch(by, 1)).await);
}

/// Errors read back by line, in the order recorded within a line.
pub async fn import_errors_read_back_in_line_order(store: Arc<dyn Store>) {
    let by = create_account(&store, "Консул", vec![]).await.id;
    let b = batch(by, 0);
    store.insert_import_batch(&b).await.unwrap();
    let other = batch(by, 1);
    store.insert_import_batch(&other).await.unwrap();
    store
        .insert_import_errors(
            b.id,
            &[error(7, "email", "malformed"), error(7, "sex", "unknown")],
        )
        .await
        .unwrap();
    store
        .insert_import_errors(b.id, &[error(3, "source_key", "required")])
        .await
        .unwrap();
    store
        .insert_import_errors(other.id, &[error(2, "phone", "malformed")])
        .await
        .unwrap();
    assert_eq!(
        store.list_import_errors(b.id).await.unwrap(),
        vec![
            error(3, "source_key", "required"),
            error(7, "email", "malformed"),
            error(7, "sex", "unknown"),
        ]
    );
}

/// The people of a batch are those inserted with it, and an erased one is no longer listed.
pub async fn the_people_of_a_batch_are_listed_until_erased(store: Arc<dyn Store>) {
    let by = create_account(&store, "Консул", vec![]).await.id;
    let b = batch(by, 0);
    store.insert_import_batch(&b).await.unwrap();
    let first = PersonBuilder::new("Әбілова", "Жанар")
        .batch(b.id)
        .create(&store)
        .await;
    let second = PersonBuilder::new("Абаев", "Ерлан")
        .batch(b.id)
        .create(&store)
        .await;
    PersonBuilder::new("Серікова", "Айгүл").create(&store).await;
    let mut listed = store.list_import_people(b.id).await.unwrap();
    listed.sort();
    let mut expected = vec![first.id, second.id];
    expected.sort();
    assert_eq!(listed, expected);
    store
        .erase_person(
            first.id,
            now(),
            &person_event(first.id, AuditAction::PersonErased),
        )
        .await
        .unwrap();
    assert_eq!(
        store.list_import_people(b.id).await.unwrap(),
        vec![second.id]
    );
}

/// Batches list newest first, all of them or one creator's.
pub async fn import_batches_list_newest_first_and_by_creator(store: Arc<dyn Store>) {
    let one = create_account(&store, "Консул", vec![]).await.id;
    let two = create_account(&store, "Офицер", vec![]).await.id;
    let a = batch(one, 0);
    let b = batch(two, 1);
    let c = batch(one, 2);
    for x in [&a, &b, &c] {
        store.insert_import_batch(x).await.unwrap();
    }
    let ids = |v: Vec<ImportBatch>| v.into_iter().map(|b| b.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.list_import_batches(None, 10).await.unwrap()),
        vec![c.id, b.id, a.id]
    );
    assert_eq!(
        ids(store.list_import_batches(Some(one), 10).await.unwrap()),
        vec![c.id, a.id]
    );
    assert_eq!(
        ids(store.list_import_batches(None, 1).await.unwrap()),
        vec![c.id]
    );
}
