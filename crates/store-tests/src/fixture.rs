//! What a store crate hands the suite: a fresh store per test, and how to clean it up.

use std::future::Future;
use std::sync::Arc;

use otandas_domain::Store;

/// A fresh store for one test and the resources behind it (a temporary database file, a
/// PostgreSQL schema), released by [`Fixture::teardown`] even when the test fails.
pub trait Fixture: Send + 'static {
    /// The store under test.
    fn store(&self) -> Arc<dyn Store>;

    /// Releases what the fixture created.
    fn teardown(self) -> impl Future<Output = ()> + Send;
}

/// A bare store needs no cleanup.
impl Fixture for Arc<dyn Store> {
    fn store(&self) -> Arc<dyn Store> {
        Arc::clone(self)
    }

    async fn teardown(self) {}
}

/// Runs `test` against the fixture's store, then tears the fixture down, then re-raises the
/// test's panic if it failed. `None` skips the test.
pub async fn run<F, T, Fut>(fixture: Option<F>, test: T)
where
    F: Fixture,
    T: FnOnce(Arc<dyn Store>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(fixture) = fixture else {
        return;
    };
    // A separate task, so that a failed assertion surfaces as a JoinError and the teardown
    // still runs.
    let outcome = tokio::spawn(test(fixture.store())).await;
    fixture.teardown().await;
    if let Err(error) = outcome {
        match error.try_into_panic() {
            Ok(payload) => std::panic::resume_unwind(payload),
            Err(error) => panic!("test task did not finish: {error}"),
        }
    }
}
