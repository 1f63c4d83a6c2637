//! Login failures: counted per key within a window, forgotten after a success.

use std::sync::Arc;

use otandas_domain::Store;
use time::Duration;

use crate::support::now;

/// Failures count from `since` on (inclusive), per key, until the key is cleared.
pub async fn login_failures_are_counted_within_the_window_and_cleared(store: Arc<dyn Store>) {
    let t = now();
    let login = "login:5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
    let client = "client:203.0.113.7";
    for minutes in [20, 10, 5, 0] {
        store
            .insert_login_failure(login, t - Duration::minutes(minutes))
            .await
            .unwrap();
    }
    store.insert_login_failure(client, t).await.unwrap();

    assert_eq!(
        store
            .count_login_failures(login, t - Duration::minutes(15))
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        store
            .count_login_failures(login, t - Duration::minutes(10))
            .await
            .unwrap(),
        3
    );
    assert_eq!(
        store
            .count_login_failures(login, t - Duration::minutes(30))
            .await
            .unwrap(),
        4
    );
    assert_eq!(store.count_login_failures(login, t).await.unwrap(), 1);
    assert_eq!(
        store
            .count_login_failures(login, t + Duration::seconds(1))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .count_login_failures(client, t - Duration::minutes(15))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .count_login_failures("client:unknown", t - Duration::hours(1))
            .await
            .unwrap(),
        0
    );

    store.delete_login_failures(login).await.unwrap();
    assert_eq!(
        store
            .count_login_failures(login, t - Duration::hours(1))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        store
            .count_login_failures(client, t - Duration::hours(1))
            .await
            .unwrap(),
        1
    );
    // Clearing a key without failures is harmless.
    store.delete_login_failures(login).await.unwrap();
}
