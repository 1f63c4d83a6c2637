//! Accounts: insert and read back, uniqueness, alphabetical listing with seek paging and
//! filters, and the changes that end sessions.

use std::collections::HashSet;
use std::sync::Arc;

use otandas_domain::access::{Role, RoleKind};
use otandas_domain::accounts::{AccountFilter, AccountStatus, SessionStage};
use otandas_domain::audit::AuditAction;
use otandas_domain::shared::{
    AccountId, CountryCode, EmailAddress, Language, PageRequest, SeekKey,
};
use otandas_domain::{Store, StoreError};

use crate::support::{
    account_event, account_record, assert_conflict, assert_not_found, audited_actions,
    create_account, created_event, now, password_hash, session, sorted, start_session,
};

/// Names of every page of a listing, following `next` keys.
async fn list_all(
    store: &Arc<dyn Store>,
    filter: &AccountFilter,
    limit: u32,
) -> Vec<Vec<AccountId>> {
    let mut pages = Vec::new();
    let mut page = PageRequest::first(limit);
    loop {
        let got = store
            .list_accounts(filter, &page)
            .await
            .expect("list accounts");
        assert!(got.items.len() <= usize::try_from(limit).unwrap());
        pages.push(got.items.iter().map(|a| a.id).collect());
        match got.next {
            Some(key) => page = PageRequest::after(key, limit),
            None => return pages,
        }
    }
}

/// The names of the first page of a listing.
async fn names(store: &Arc<dyn Store>, filter: &AccountFilter) -> Vec<String> {
    store
        .list_accounts(filter, &PageRequest::first(PageRequest::MAX_LIMIT))
        .await
        .expect("list accounts")
        .items
        .into_iter()
        .map(|a| a.display_name.to_string())
        .collect()
}

/// An account reads back, by id and by email, exactly as inserted, with its roles and secrets.
pub async fn an_inserted_account_reads_back_with_its_roles(store: Arc<dyn Store>) {
    let roles = vec![
        Role::ConsularOfficer {
            host_country: CountryCode::parse("TR").unwrap(),
        },
        Role::Admin,
        Role::ConsularOfficer {
            host_country: CountryCode::parse("DE").unwrap(),
        },
    ];
    let record = create_account(&store, "Әлия Сапарова", roles.clone()).await;

    let account = store.get_account(record.id).await.unwrap();
    assert_eq!(account.id, record.id);
    assert_eq!(account.email, record.account.email);
    assert_eq!(account.display_name, record.account.display_name);
    assert_eq!(account.language, Language::Kk);
    assert_eq!(account.status, AccountStatus::Active);
    assert_eq!(sorted(account.roles.clone()), sorted(roles));
    assert!(!account.totp_enabled);
    assert_eq!(account.created_at, record.created_at);

    let by_id = store.get_credentials(record.id).await.unwrap();
    assert_eq!(by_id.account, account);
    assert_eq!(by_id.password_hash, record.password_hash);
    assert_eq!(by_id.totp_secret, None);

    let by_email = store
        .find_credentials(&record.account.email)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_email.account, account);
    assert_eq!(by_email.password_hash, record.password_hash);

    let nobody = EmailAddress::parse("nobody@example.kz").unwrap();
    assert!(store.find_credentials(&nobody).await.unwrap().is_none());
}

/// A TOTP secret given at creation (the first administrator) is stored and enabled.
pub async fn an_account_enrolled_at_creation_has_its_second_factor_enabled(store: Arc<dyn Store>) {
    let mut record = account_record("Admin", vec![Role::Admin]);
    record.totp_secret = Some("JBSWY3DPEHPK3PXP".to_owned());
    store
        .insert_account(&record, &created_event(&record))
        .await
        .unwrap();

    let credentials = store.get_credentials(record.id).await.unwrap();
    assert_eq!(credentials.totp_secret.as_deref(), Some("JBSWY3DPEHPK3PXP"));
    assert!(credentials.account.totp_enabled);
}

/// Reads and updates of an id that does not exist report `NotFound`.
pub async fn an_unknown_account_is_not_found(store: Arc<dyn Store>) {
    let id = AccountId::new();
    assert_not_found(store.get_account(id).await);
    assert_not_found(store.get_credentials(id).await);
    assert_not_found(
        store
            .update_account_status(
                id,
                AccountStatus::Disabled,
                &account_event(id, AuditAction::AccountDisabled),
            )
            .await,
    );
    assert_not_found(
        store
            .update_password(
                id,
                &password_hash("x"),
                None,
                &account_event(id, AuditAction::PasswordChanged),
            )
            .await,
    );
    assert_not_found(store.update_totp(id, None, false, None).await);
}

/// A second account with a taken email is refused by `accounts_email_key`, and nothing of it
/// is written: not the account, not its roles, not its audit entry.
pub async fn a_duplicate_email_is_a_conflict_and_writes_nothing(store: Arc<dyn Store>) {
    let first = create_account(&store, "Ахмет", vec![]).await;
    let mut second = account_record("Ахмет II", vec![Role::Admin]);
    second.account.email = first.account.email.clone();

    assert_conflict(
        store.insert_account(&second, &created_event(&second)).await,
        "accounts_email_key",
    );
    assert_not_found(store.get_account(second.id).await);
    assert!(audited_actions(&store, second.id).await.is_empty());
    let only = store
        .find_credentials(&first.account.email)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(only.account.id, first.id);
}

/// Names list in the alphabet of the filter's language, not in byte order.
pub async fn accounts_list_in_the_alphabet_of_the_chosen_language(store: Arc<dyn Store>) {
    for name in ["Ұлан", "Ахмет", "Әлия", "Shoira", "Sardor", "Zafar"] {
        create_account(&store, name, vec![]).await;
    }
    let order = |order| AccountFilter {
        order,
        ..AccountFilter::default()
    };

    let kazakh = names(&store, &order(Language::Kk)).await;
    let cyrillic: Vec<_> = kazakh.iter().filter(|n| !n.is_ascii()).cloned().collect();
    // Byte order would give Ахмет, Ұлан, Әлия.
    assert_eq!(cyrillic, ["Ахмет", "Әлия", "Ұлан"]);

    let uzbek = names(&store, &order(Language::Uz)).await;
    let latin: Vec<_> = uzbek.iter().filter(|n| n.is_ascii()).cloned().collect();
    // Uzbek puts Sh after Z.
    assert_eq!(latin, ["Sardor", "Zafar", "Shoira"]);

    // English keeps Sh between S and Z, and puts other scripts after the Latin alphabet.
    let english = names(&store, &order(Language::En)).await;
    assert_eq!(english[..3], ["Sardor", "Shoira", "Zafar"]);
}

/// Seek paging visits every account exactly once, in order, across several pages, including
/// accounts whose names (and so sort keys) are equal.
pub async fn accounts_page_through_several_pages_without_gaps_or_duplicates(store: Arc<dyn Store>) {
    let names = [
        "Ұлан",
        "Ахмет",
        "Әлия",
        "Бауыржан",
        "Ілияс",
        "Ысқақ",
        "Қайрат",
        "Кенжебек",
        "Яхия",
        "Айгерім",
        "Ахмет",
        "Ахмет",
        "Ғалым",
        "Өмір",
        "Нұрлан",
        "Ерлан",
        "Жанар",
        "Дана",
        "Ахмет",
        "Ержан",
        "Самат",
        "Тимур",
        "Ұлан",
    ];
    let mut expected = Vec::new();
    for name in names {
        let record = create_account(&store, name, vec![]).await;
        let [kk, ..] = record.account.display_name.sort_keys();
        expected.push((kk, record.id));
    }
    expected.sort();
    let expected: Vec<AccountId> = expected.into_iter().map(|(_, id)| id).collect();

    let filter = AccountFilter {
        order: Language::Kk,
        ..AccountFilter::default()
    };
    let pages = list_all(&store, &filter, 5).await;
    assert_eq!(pages.len(), 5, "23 accounts in pages of 5");
    assert!(pages.iter().take(4).all(|p| p.len() == 5));
    let seen: Vec<AccountId> = pages.into_iter().flatten().collect();
    assert_eq!(
        seen.len(),
        seen.iter().collect::<HashSet<_>>().len(),
        "no duplicates"
    );
    assert_eq!(seen, expected);

    // A page as large as the whole list ends without a next key.
    let all_at_once = list_all(&store, &filter, 23).await;
    assert_eq!(all_at_once.len(), 1);
    assert_eq!(
        all_at_once.into_iter().flatten().collect::<Vec<_>>(),
        expected
    );
}

/// The list filters by status and by the kind of a role held.
pub async fn accounts_list_filters_by_status_and_role(store: Arc<dyn Store>) {
    let kz = || Role::ConsularOfficer {
        host_country: CountryCode::parse("KZ").unwrap(),
    };
    let admin = create_account(&store, "Admin", vec![Role::Admin]).await;
    let consul = create_account(&store, "Consul", vec![kz(), Role::Auditor]).await;
    let member = create_account(&store, "Member", vec![Role::Member]).await;
    let gone = create_account(&store, "Gone", vec![Role::Member]).await;
    store
        .update_account_status(
            gone.id,
            AccountStatus::Disabled,
            &account_event(gone.id, AuditAction::AccountDisabled),
        )
        .await
        .unwrap();

    let ids = |filter: AccountFilter| {
        let store = Arc::clone(&store);
        async move {
            let page = store
                .list_accounts(&filter, &PageRequest::first(50))
                .await
                .unwrap();
            page.items.into_iter().map(|a| a.id).collect::<Vec<_>>()
        }
    };
    let all = AccountFilter {
        order: Language::En,
        ..AccountFilter::default()
    };
    assert_eq!(
        ids(all.clone()).await,
        [admin.id, consul.id, gone.id, member.id]
    );
    assert_eq!(
        ids(AccountFilter {
            status: Some(AccountStatus::Active),
            ..all.clone()
        })
        .await,
        [admin.id, consul.id, member.id]
    );
    assert_eq!(
        ids(AccountFilter {
            status: Some(AccountStatus::Disabled),
            ..all.clone()
        })
        .await,
        [gone.id]
    );
    assert_eq!(
        ids(AccountFilter {
            role: Some(RoleKind::Member),
            ..all.clone()
        })
        .await,
        [gone.id, member.id]
    );
    assert_eq!(
        ids(AccountFilter {
            role: Some(RoleKind::ConsularOfficer),
            ..all.clone()
        })
        .await,
        [consul.id]
    );
    assert_eq!(
        ids(AccountFilter {
            status: Some(AccountStatus::Active),
            role: Some(RoleKind::Member),
            ..all.clone()
        })
        .await,
        [member.id]
    );
    assert!(
        ids(AccountFilter {
            role: Some(RoleKind::Researcher),
            ..all.clone()
        })
        .await
        .is_empty()
    );

    // Listed accounts carry all their roles, not only the one filtered on.
    let listed = store
        .list_accounts(
            &AccountFilter {
                role: Some(RoleKind::Auditor),
                ..all
            },
            &PageRequest::first(10),
        )
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 1);
    assert_eq!(
        sorted(listed.items[0].roles.clone()),
        sorted(vec![kz(), Role::Auditor])
    );
}

/// A seek key that this store did not hand out (wrong shape, not an id) matches nothing
/// instead of failing.
pub async fn a_seek_key_the_store_did_not_make_matches_nothing(store: Arc<dyn Store>) {
    create_account(&store, "Ахмет", vec![]).await;
    let filter = AccountFilter::default();
    for key in [
        SeekKey::new(["only one part"]),
        SeekKey::new(["a", "not-a-uuid"]),
        SeekKey::new(["a", "b", "c"]),
    ] {
        let page = store
            .list_accounts(&filter, &PageRequest::after(key, 10))
            .await
            .unwrap();
        assert!(page.items.is_empty());
        assert_eq!(page.next, None);
    }
}

/// Disabling an account deletes every one of its sessions (and only its own), with the audit
/// entry; enabling it again restores the status but no session.
pub async fn disabling_an_account_ends_its_sessions(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![]).await;
    let other = create_account(&store, "Әлия", vec![]).await;
    start_session(&store, record.id).await;
    start_session(&store, record.id).await;
    let kept = start_session(&store, other.id).await;

    store
        .update_account_status(
            record.id,
            AccountStatus::Disabled,
            &account_event(record.id, AuditAction::AccountDisabled),
        )
        .await
        .unwrap();
    assert_eq!(
        store.get_account(record.id).await.unwrap().status,
        AccountStatus::Disabled
    );
    assert_eq!(store.count_sessions(record.id).await.unwrap(), 0);
    assert_eq!(store.count_sessions(other.id).await.unwrap(), 1);
    assert!(
        store
            .find_session(&kept.token_hash)
            .await
            .unwrap()
            .is_some()
    );

    store
        .update_account_status(
            record.id,
            AccountStatus::Active,
            &account_event(record.id, AuditAction::AccountEnabled),
        )
        .await
        .unwrap();
    assert_eq!(
        store.get_account(record.id).await.unwrap().status,
        AccountStatus::Active
    );
    assert_eq!(store.count_sessions(record.id).await.unwrap(), 0);
    assert_eq!(
        audited_actions(&store, record.id).await,
        [
            AuditAction::AccountCreated,
            AuditAction::AccountDisabled,
            AuditAction::AccountEnabled
        ]
    );
}

/// A password change replaces the hash and ends every session but the one kept; without one
/// to keep, it ends them all.
pub async fn a_password_change_keeps_only_the_current_session(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![]).await;
    let current = start_session(&store, record.id).await;
    let stolen = start_session(&store, record.id).await;
    let old = start_session(&store, record.id).await;

    store
        .update_password(
            record.id,
            &password_hash("second"),
            Some(&current.token_hash),
            &account_event(record.id, AuditAction::PasswordChanged),
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .get_credentials(record.id)
            .await
            .unwrap()
            .password_hash,
        password_hash("second")
    );
    assert_eq!(store.count_sessions(record.id).await.unwrap(), 1);
    assert_eq!(
        store.find_session(&current.token_hash).await.unwrap(),
        Some(current.clone())
    );
    assert!(
        store
            .find_session(&stolen.token_hash)
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.find_session(&old.token_hash).await.unwrap().is_none());

    store
        .update_password(
            record.id,
            &password_hash("third"),
            None,
            &account_event(record.id, AuditAction::PasswordChanged),
        )
        .await
        .unwrap();
    assert_eq!(store.count_sessions(record.id).await.unwrap(), 0);
    assert_eq!(
        audited_actions(&store, record.id).await,
        [
            AuditAction::AccountCreated,
            AuditAction::PasswordChanged,
            AuditAction::PasswordChanged
        ]
    );
}

/// Enrolling a second factor keeps sessions; resetting it (clearing the secret) ends them all.
pub async fn a_totp_reset_ends_every_session(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![Role::Admin]).await;
    let enrolling = session(record.id, SessionStage::EnrollingSecondFactor, now());
    store.insert_session(&enrolling, None, None).await.unwrap();

    store
        .update_totp(record.id, Some("JBSWY3DPEHPK3PXP"), false, None)
        .await
        .unwrap();
    let pending = store.get_credentials(record.id).await.unwrap();
    assert_eq!(pending.totp_secret.as_deref(), Some("JBSWY3DPEHPK3PXP"));
    assert!(!pending.account.totp_enabled);

    store
        .update_totp(
            record.id,
            Some("JBSWY3DPEHPK3PXP"),
            true,
            Some(&account_event(record.id, AuditAction::SecondFactorEnrolled)),
        )
        .await
        .unwrap();
    assert!(store.get_account(record.id).await.unwrap().totp_enabled);
    assert_eq!(store.count_sessions(record.id).await.unwrap(), 1);

    start_session(&store, record.id).await;
    store
        .update_totp(
            record.id,
            None,
            false,
            Some(&account_event(record.id, AuditAction::SecondFactorReset)),
        )
        .await
        .unwrap();
    let reset = store.get_credentials(record.id).await.unwrap();
    assert_eq!(reset.totp_secret, None);
    assert!(!reset.account.totp_enabled);
    assert_eq!(store.count_sessions(record.id).await.unwrap(), 0);
    assert_eq!(
        audited_actions(&store, record.id).await,
        [
            AuditAction::AccountCreated,
            AuditAction::SecondFactorEnrolled,
            AuditAction::SecondFactorReset
        ]
    );
}

/// A TOTP time step is accepted once, and never after a later one.
pub async fn a_totp_step_cannot_be_claimed_twice(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![Role::Admin]).await;
    let other = create_account(&store, "Әлия", vec![Role::Admin]).await;
    assert!(store.claim_totp_step(record.id, 59_000_000).await.unwrap());
    assert!(
        !store.claim_totp_step(record.id, 59_000_000).await.unwrap(),
        "replay"
    );
    assert!(
        !store.claim_totp_step(record.id, 58_999_999).await.unwrap(),
        "older step"
    );
    assert!(store.claim_totp_step(record.id, 59_000_001).await.unwrap());
    // Steps are per account.
    assert!(store.claim_totp_step(other.id, 59_000_000).await.unwrap());
    // An unknown account has no step to claim.
    assert!(!store.claim_totp_step(AccountId::new(), 1).await.unwrap());
}

/// Of several logins racing with the same code, exactly one wins.
pub async fn racing_claims_of_one_totp_step_let_exactly_one_win(store: Arc<dyn Store>) {
    let record = create_account(&store, "Ахмет", vec![Role::Admin]).await;
    let claims: Vec<_> = (0..8)
        .map(|_| {
            let store = Arc::clone(&store);
            tokio::spawn(async move { store.claim_totp_step(record.id, 42).await })
        })
        .collect();
    let mut wins = 0;
    for claim in claims {
        if claim.await.unwrap().unwrap() {
            wins += 1;
        }
    }
    assert_eq!(wins, 1);
}

/// A self-registered account cannot sign in until its emailed token is used; the token works
/// once, sets the password, and expires.
pub async fn an_email_verification_sets_the_password_once_and_expires(store: Arc<dyn Store>) {
    use otandas_domain::accounts::{PendingVerification, SessionToken};
    let mut record = account_record("Жаңа Мүше", vec![Role::Member]);
    let token = SessionToken::generate();
    record.verification = Some(PendingVerification {
        token_hash: token.hash(),
        expires_at: now() + time::Duration::hours(24),
    });
    store
        .insert_account(&record, &created_event(&record))
        .await
        .unwrap();
    let pending = store
        .find_credentials(&record.account.email)
        .await
        .unwrap()
        .unwrap();
    assert!(!pending.email_verified);
    assert_eq!(
        store.find_verification(&token.hash(), now()).await.unwrap(),
        Some(record.id)
    );
    assert_eq!(
        store
            .find_verification(&token.hash(), now() + time::Duration::hours(25))
            .await
            .unwrap(),
        None,
        "expired"
    );
    assert_eq!(
        store
            .find_verification(&SessionToken::generate().hash(), now())
            .await
            .unwrap(),
        None
    );

    // A renewed link replaces the old one.
    let renewed = SessionToken::generate();
    store
        .upsert_verification(
            record.id,
            &renewed.hash(),
            now() + time::Duration::hours(24),
            now(),
        )
        .await
        .unwrap();
    assert_eq!(
        store.find_verification(&token.hash(), now()).await.unwrap(),
        None
    );

    let event = account_event(record.id, AuditAction::EmailVerified);
    store
        .complete_verification(
            record.id,
            &renewed.hash(),
            now(),
            &password_hash("chosen"),
            &event,
        )
        .await
        .unwrap();
    let verified = store.get_credentials(record.id).await.unwrap();
    assert!(verified.email_verified);
    assert_eq!(verified.password_hash, password_hash("chosen"));
    assert!(matches!(
        store
            .complete_verification(
                record.id,
                &renewed.hash(),
                now(),
                &password_hash("again"),
                &event
            )
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .upsert_verification(
                otandas_domain::shared::AccountId::new(),
                &renewed.hash(),
                now(),
                now()
            )
            .await,
        Err(StoreError::NotFound)
    ));
    // Accounts created by staff are verified from the start.
    let staff = create_account(&store, "Staff", vec![Role::Admin]).await;
    assert!(
        store
            .get_credentials(staff.id)
            .await
            .unwrap()
            .email_verified
    );
}
