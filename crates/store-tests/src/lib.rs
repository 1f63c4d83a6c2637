//! otandas store conformance suite: one function per behaviour of the store traits, written
//! against `Arc<dyn otandas_domain::Store>` only, so that every store crate proves the same
//! behaviour on its own engine.
//!
//! This crate depends on the domain alone, never on a store crate: the store crates call it
//! from their integration tests, with [`conformance_suite!`], which expands to one
//! `#[tokio::test]` per behaviour. It is a dev-dependency only.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::missing_panics_doc,
    reason = "test code: a failed assertion is the report"
)]

pub mod accounts;
pub mod audit;
pub mod fixture;
pub mod health;
pub mod imports;
pub mod mapping;
pub mod registry;
pub mod roles;
pub mod sessions;
pub mod support;
pub mod throttle;

pub use fixture::{Fixture, run};

/// Expands to one `#[tokio::test]` per behaviour of the suite.
///
/// The argument is an expression, evaluated inside each (async) test, that yields an
/// `Option<impl Fixture>`: a fresh store for that test, or `None` to skip it (an engine that is
/// not available here). The caller needs `tokio` (with `macros` and `rt`) as a dev-dependency.
///
/// ```text
/// otandas_store_tests::conformance_suite!(fresh_fixture().await);
/// ```
#[macro_export]
macro_rules! conformance_suite {
    ($fixture:expr) => {
        $crate::__conformance_tests! {
            $fixture;
            accounts::an_inserted_account_reads_back_with_its_roles,
            accounts::an_account_enrolled_at_creation_has_its_second_factor_enabled,
            accounts::an_unknown_account_is_not_found,
            accounts::an_email_verification_sets_the_password_once_and_expires,
            accounts::a_duplicate_email_is_a_conflict_and_writes_nothing,
            accounts::accounts_list_in_the_alphabet_of_the_chosen_language,
            accounts::accounts_page_through_several_pages_without_gaps_or_duplicates,
            accounts::accounts_list_filters_by_status_and_role,
            accounts::a_seek_key_the_store_did_not_make_matches_nothing,
            accounts::disabling_an_account_ends_its_sessions,
            accounts::a_password_change_keeps_only_the_current_session,
            accounts::a_totp_reset_ends_every_session,
            accounts::a_totp_step_cannot_be_claimed_twice,
            accounts::racing_claims_of_one_totp_step_let_exactly_one_win,
            roles::roles_are_granted_and_revoked,
            roles::a_role_held_twice_is_a_conflict,
            roles::a_role_for_an_unknown_account_is_a_conflict,
            sessions::a_session_reads_back_and_moves_through_stages,
            sessions::rotating_a_session_removes_the_old_one,
            sessions::expired_sessions_are_purged,
            sessions::a_session_for_an_unknown_account_is_a_conflict,
            throttle::login_failures_are_counted_within_the_window_and_cleared,
            audit::audit_events_read_back_newest_first,
            audit::audit_events_filter_by_actor_subject_action_and_time,
            audit::audit_events_page_newest_first_without_gaps,
            audit::a_duplicate_audit_event_id_is_a_conflict,
            audit::account_changes_are_audited_in_the_same_transaction,
            audit::a_refused_change_leaves_no_audit_entry,
            audit::a_change_whose_audit_entry_fails_is_rolled_back,
            health::health_reports_the_engine_and_an_up_to_date_schema,
            registry::a_full_record_reads_back_with_every_field,
            registry::every_variant_of_the_optional_facts_reads_back,
            registry::an_unknown_person_is_not_found,
            registry::a_duplicate_source_key_is_a_conflict_and_writes_nothing,
            registry::an_account_has_at_most_one_record,
            registry::an_update_replaces_the_facts_and_increments_the_version,
            registry::an_update_based_on_an_old_version_is_a_conflict,
            registry::each_scope_clause_lists_the_people_it_covers,
            registry::a_withdrawn_registry_consent_removes_the_person_from_every_staff_scope_at_once,
            registry::withdrawing_a_share_removes_the_person_from_that_organization_only,
            registry::the_owner_sees_their_own_record_without_registry_consent,
            registry::each_filter_narrows_the_list,
            registry::people_list_in_the_alphabet_of_the_chosen_language,
            registry::people_page_without_gaps_or_repeats,
            registry::consent_events_read_back_oldest_first,
            registry::an_erased_person_is_gone_from_get_find_and_list,
            mapping::public_counts_cover_only_people_consenting_to_statistics_now,
            mapping::staff_counts_follow_the_list_scope_with_registry_consent,
            mapping::every_dimension_groups_its_keys,
            mapping::region_and_ethnicity_filters_narrow_the_counts,
            imports::an_import_batch_reads_back_and_its_counts_update,
            imports::import_errors_read_back_in_line_order,
            imports::the_people_of_a_batch_are_listed_until_erased,
            imports::import_batches_list_newest_first_and_by_creator,
        }
    };
}

/// The body of [`conformance_suite!`]: one test per `module::function`.
#[doc(hidden)]
#[macro_export]
macro_rules! __conformance_tests {
    ($fixture:expr; $($module:ident :: $name:ident),+ $(,)?) => {
        $(
            #[::tokio::test]
            async fn $name() {
                $crate::run($fixture, $crate::$module::$name).await;
            }
        )+
    };
}
