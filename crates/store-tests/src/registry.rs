//! The registry: people read back with every fact, uniqueness of source keys and accounts,
//! optimistic concurrency, the list's scope clauses (with consent taking effect at once), its
//! filters, alphabetical order and seek paging, the consent ledger, and erasure.

use std::collections::HashSet;
use std::sync::Arc;

use otandas_domain::Store;
use otandas_domain::audit::{
    AuditAction, AuditFilter, NewAuditEvent, Purpose as AuditPurpose, SubjectKind,
};
use otandas_domain::categories::{Citizenship, EthnicityAnswer, KandasStatus};
use otandas_domain::registry::{
    CitizenshipInput, ConsentChannel, ConsentEvent, LanguageInput, NameInput, NewPersonRecord,
    Person, PersonFacts, PersonFilter, PersonInput, Purpose, ScopeClause, SourceKind,
    StoredCategory,
};
use otandas_domain::shared::{
    AccountId, CountryCode, ImportBatchId, Language, OrgUnitPath, OrganizationId, PageRequest,
    PersonId, SeekKey,
};
use time::{Duration, OffsetDateTime};

use crate::support::{all_audit_events, assert_conflict, assert_not_found, create_account, now};

/// A name as typed: Kazakh Cyrillic unless said otherwise.
pub fn name(family: &str, given: &str) -> NameInput {
    NameInput {
        given: given.to_owned(),
        family: family.to_owned(),
        script: "Cyrl".to_owned(),
        source: "kazakh_cyrillic".to_owned(),
        ..NameInput::default()
    }
}

/// A consent event recorded by staff.
pub fn consent(purpose: Purpose, granted: bool, at: OffsetDateTime) -> ConsentEvent {
    ConsentEvent {
        purpose,
        granted,
        at,
        recorded_by: None,
        channel: ConsentChannel::Staff,
    }
}

/// An audit entry about person `id`, for keeping the registry.
pub fn person_event(id: PersonId, action: AuditAction) -> NewAuditEvent {
    NewAuditEvent::new(
        now(),
        None,
        action,
        SubjectKind::Person,
        Some(id.to_string()),
        AuditPurpose::Registry,
    )
}

/// A person for the store, built from typed input so that the facts go through the domain's
/// own parsers. By default: one Kazakh Cyrillic name, entered by staff, with registry consent.
pub struct PersonBuilder {
    input: PersonInput,
    account: Option<AccountId>,
    consents: Vec<ConsentEvent>,
    categories: Vec<StoredCategory>,
    import_batch: Option<ImportBatchId>,
}

impl PersonBuilder {
    /// A person named `family given`.
    pub fn new(family: &str, given: &str) -> Self {
        Self {
            input: PersonInput {
                names: vec![name(family, given)],
                source_kind: "staff".to_owned(),
                ..PersonInput::default()
            },
            account: None,
            consents: vec![consent(Purpose::Registry, true, now())],
            categories: Vec::new(),
            import_batch: None,
        }
    }

    /// Changes the typed input.
    #[must_use]
    pub fn with(mut self, change: impl FnOnce(&mut PersonInput)) -> Self {
        change(&mut self.input);
        self
    }

    /// Links the record to an account.
    #[must_use]
    pub fn account(mut self, account: AccountId) -> Self {
        self.account = Some(account);
        self
    }

    /// Replaces the initial consents.
    #[must_use]
    pub fn consents(mut self, consents: Vec<ConsentEvent>) -> Self {
        self.consents = consents;
        self
    }

    /// Records the import batch that creates the record.
    #[must_use]
    pub fn batch(mut self, batch: ImportBatchId) -> Self {
        self.import_batch = Some(batch);
        self
    }

    /// Adds a stored category.
    #[must_use]
    pub fn category(mut self, code: &'static str, applies: bool) -> Self {
        self.categories.push(StoredCategory { code, applies });
        self
    }

    /// The record to insert.
    pub fn record(self) -> NewPersonRecord {
        let (facts, source) = self.input.parse().expect("valid person input");
        NewPersonRecord {
            id: PersonId::new(),
            facts,
            source,
            account: self.account,
            categories: self.categories,
            consents: self.consents,
            created_at: now(),
            import_batch: self.import_batch,
        }
    }

    /// Inserts the record and returns it.
    pub async fn create(self, store: &Arc<dyn Store>) -> NewPersonRecord {
        let record = self.record();
        store
            .insert_person(
                &record,
                &person_event(record.id, AuditAction::PersonCreated),
            )
            .await
            .expect("insert person");
        record
    }
}

/// The person as a store must read `record` back before any change.
pub fn as_stored(record: &NewPersonRecord) -> Person {
    Person {
        id: record.id,
        facts: record.facts.clone(),
        source: record.source.clone(),
        account: record.account,
        created_at: record.created_at,
        updated_at: record.created_at,
        version: 1,
    }
}

/// The facts typed in `input`.
fn facts(input: &PersonInput) -> PersonFacts {
    input.parse().expect("valid person input").0
}

/// Every page of a listing, following `next` keys, as display names.
async fn pages(
    store: &Arc<dyn Store>,
    filter: &PersonFilter,
    limit: u32,
) -> Vec<Vec<(PersonId, String)>> {
    let mut pages = Vec::new();
    let mut page = PageRequest::first(limit);
    loop {
        let got = store.list_people(filter, &page).await.expect("list people");
        assert!(got.items.len() <= usize::try_from(limit).unwrap());
        pages.push(
            got.items
                .iter()
                .map(|p| (p.id, p.display_name.clone()))
                .collect(),
        );
        match got.next {
            Some(key) => page = PageRequest::after(key, limit),
            None => return pages,
        }
    }
}

/// The display names of the first (largest) page of a listing.
async fn listed(store: &Arc<dyn Store>, filter: &PersonFilter) -> Vec<String> {
    store
        .list_people(filter, &PageRequest::first(PageRequest::MAX_LIMIT))
        .await
        .expect("list people")
        .items
        .into_iter()
        .map(|p| p.display_name)
        .collect()
}

/// The display names listed under `scope`, in Kazakh order.
async fn in_scope(store: &Arc<dyn Store>, scope: Vec<ScopeClause>) -> Vec<String> {
    listed(store, &PersonFilter::within(scope, Language::Kk)).await
}

/// The actions of the audit entries about person `id`, oldest first.
async fn audited(store: &Arc<dyn Store>, id: PersonId) -> Vec<AuditAction> {
    let filter = AuditFilter {
        subject_id: Some(id.to_string()),
        ..AuditFilter::default()
    };
    let mut actions: Vec<_> = all_audit_events(store, &filter)
        .await
        .into_iter()
        .map(|e| e.action)
        .collect();
    actions.reverse();
    actions
}

fn country(code: &str) -> CountryCode {
    CountryCode::parse(code).unwrap()
}

fn unit(path: &str) -> OrgUnitPath {
    OrgUnitPath::parse(path).unwrap()
}

/// A record with every field filled in: names in three scripts, a citizenship history, an
/// answered ethnicity, languages, residence, work, contacts, hometown and a kandas grant.
fn full_input() -> PersonInput {
    PersonInput {
        names: vec![
            NameInput {
                patronymic: "Серікқызы".into(),
                ..name("Әбілова", "Жанар")
            },
            NameInput {
                given: "Zhanar".into(),
                family: "Abilova".into(),
                script: "Latn".into(),
                source: "passport".into(),
                ..NameInput::default()
            },
            NameInput {
                given: "جانار".into(),
                family: "ابىلوۆا".into(),
                script: "Arab".into(),
                source: "arabic_kazakh".into(),
                ..NameInput::default()
            },
        ],
        sex: "female".into(),
        birth_date: "1988-03-14".into(),
        birth_country: "KZ".into(),
        birth_entity: "KZ-SSR".into(),
        birth_place: "Шымкент".into(),
        citizenships: vec![
            CitizenshipInput {
                country: "KZ".into(),
                from: String::new(),
                until: "2010-05-01".into(),
            },
            CitizenshipInput {
                country: "DE".into(),
                from: "2010-05-01".into(),
                until: String::new(),
            },
        ],
        ethnicity: vec!["uzbek".into(), "kazakh".into()],
        languages: vec![
            LanguageInput {
                code: "kk".into(),
                proficiency: "native".into(),
            },
            LanguageInput {
                code: "de".into(),
                proficiency: "fluent".into(),
            },
            LanguageInput {
                code: "ru".into(),
                proficiency: "basic".into(),
            },
        ],
        residence_country: "DE".into(),
        residence_region: "Nordrhein-Westfalen".into(),
        residence_city: "Köln".into(),
        residence_since: "2009-09-01".into(),
        residence_permanence: "permanent".into(),
        marital_status: "married".into(),
        education: "7".into(),
        occupation: "2211".into(),
        sector: "Q".into(),
        employment: "employed".into(),
        qualifications: vec!["Facharzt für Allgemeinmedizin".into(), "Дәрігер".into()],
        email: "zhanar@example.de".into(),
        phone: "+49 221 123-4567".into(),
        hometown: "KZ.51.10".into(),
        kandas: "held".into(),
        kandas_granted: "2008-06-01".into(),
        kandas_valid_until: "2009-06-01".into(),
        kandas_revoked: "2009-01-15".into(),
        source_kind: "consulate".into(),
        source_key: "DE-BER-0042".into(),
        ..PersonInput::default()
    }
}

/// A record with every field reads back equal, by id, by source key and by account; the
/// initial consents are in the ledger and the creation is audited.
pub async fn a_full_record_reads_back_with_every_field(store: Arc<dyn Store>) {
    let account = create_account(&store, "Жанар", vec![]).await;
    let org = OrganizationId::new();
    let at = now();
    let consents = vec![
        consent(Purpose::Registry, true, at),
        consent(Purpose::ShareWithOrganization(org), true, at),
        ConsentEvent {
            recorded_by: Some(account.id),
            channel: ConsentChannel::SelfService,
            ..consent(Purpose::Statistics, true, at)
        },
    ];
    let record = PersonBuilder::new("x", "x")
        .with(|input| *input = full_input())
        .account(account.id)
        .consents(consents.clone())
        .category("kandas", true)
        .create(&store)
        .await;
    assert_eq!(record.facts.names.len(), 3);
    assert!(matches!(record.facts.kandas, KandasStatus::Held(_)));
    let expected = as_stored(&record);

    assert_eq!(store.get_person(record.id).await.unwrap(), expected);
    assert_eq!(
        store
            .find_person_by_source(SourceKind::Consulate, "DE-BER-0042")
            .await
            .unwrap(),
        Some(expected.clone())
    );
    assert_eq!(
        store.find_person_by_account(account.id).await.unwrap(),
        Some(expected)
    );
    assert_eq!(
        store.list_consent_events(record.id).await.unwrap(),
        consents
    );
    assert_eq!(
        audited(&store, record.id).await,
        [AuditAction::PersonCreated]
    );

    let page = store
        .list_people(
            &PersonFilter::within(vec![ScopeClause::AllInRegistry], Language::Kk),
            &PageRequest::first(10),
        )
        .await
        .unwrap();
    let [summary] = page.items.as_slice() else {
        panic!("one person listed, got {:?}", page.items);
    };
    assert_eq!(summary.id, record.id);
    assert_eq!(summary.display_name, "Әбілова Жанар Серікқызы");
    assert_eq!(summary.residence_country, Some(country("DE")));
    assert_eq!(summary.residence_city.as_deref(), Some("Köln"));
    assert_eq!(summary.birth_year, Some(1988));
    assert_eq!(summary.source, SourceKind::Consulate);
    assert_eq!(summary.hometown, Some(unit("KZ.51.10")));
}

/// Statelessness (with and without former citizenships), "prefer not to say", an unasked
/// ethnicity, partial birth dates, no residence and a kandas status known not to be held all
/// read back as written.
pub async fn every_variant_of_the_optional_facts_reads_back(store: Arc<dyn Store>) {
    type Change = Box<dyn FnOnce(&mut PersonInput) + Send>;
    let variants: Vec<(&str, Change)> = vec![
        (
            "stateless, formerly Chinese, prefers not to say",
            Box::new(|i: &mut PersonInput| {
                i.stateless = true;
                i.citizenships = vec![CitizenshipInput {
                    country: "CN".into(),
                    from: "1990-01-01".into(),
                    until: "2015-03-01".into(),
                }];
                i.ethnicity_prefer_not_to_say = true;
                i.birth_date = "1970".into();
                i.kandas = "not_held".into();
            }),
        ),
        (
            "stateless without a former citizenship, born in a known month",
            Box::new(|i: &mut PersonInput| {
                i.stateless = true;
                i.birth_date = "1991-12".into();
                i.residence_country = "MN".into();
            }),
        ),
        ("nothing known", Box::new(|_: &mut PersonInput| {})),
    ];
    for (case, change) in variants {
        let record = PersonBuilder::new("Оспанов", "Ерлан")
            .with(change)
            .create(&store)
            .await;
        assert_eq!(
            store.get_person(record.id).await.unwrap(),
            as_stored(&record),
            "{case}"
        );
    }
    // The first variant really is what it claims to be.
    let first = facts(&PersonInput {
        names: vec![name("Оспанов", "Ерлан")],
        stateless: true,
        ethnicity_prefer_not_to_say: true,
        source_kind: "staff".into(),
        ..PersonInput::default()
    });
    assert_eq!(first.citizenship, Citizenship::Stateless { former: vec![] });
    assert_eq!(first.ethnicity, EthnicityAnswer::PreferNotToSay);
}

/// Unknown ids, keys and accounts are not found.
pub async fn an_unknown_person_is_not_found(store: Arc<dyn Store>) {
    let id = PersonId::new();
    assert_not_found(store.get_person(id).await);
    assert!(
        store
            .find_person_by_source(SourceKind::Consulate, "nobody")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .find_person_by_account(AccountId::new())
            .await
            .unwrap()
            .is_none()
    );
    let input = PersonBuilder::new("Ахметов", "Нұрлан").record();
    assert_not_found(
        store
            .update_person(
                id,
                1,
                &input.facts,
                &[],
                now(),
                &person_event(id, AuditAction::PersonUpdated),
            )
            .await,
    );
    assert_not_found(
        store
            .insert_consent_event(
                id,
                &consent(Purpose::Registry, false, now()),
                &person_event(id, AuditAction::ConsentWithdrawn),
            )
            .await,
    );
    assert_not_found(
        store
            .erase_person(id, now(), &person_event(id, AuditAction::PersonErased))
            .await,
    );
    assert!(store.list_consent_events(id).await.unwrap().is_empty());
    assert!(
        audited(&store, id).await.is_empty(),
        "refused changes are not audited"
    );
}

/// A second record with a source's key already imported is refused by `people_source_key`, and
/// nothing of it is written; the same key from another source, and records without a key, are
/// fine.
pub async fn a_duplicate_source_key_is_a_conflict_and_writes_nothing(store: Arc<dyn Store>) {
    let keyed = |family: &str, kind: &str| {
        let kind = kind.to_owned();
        PersonBuilder::new(family, "Ерлан").with(move |i| {
            i.source_kind = kind;
            i.source_key = "TR-IST-7".into();
        })
    };
    let first = keyed("Абаев", "consulate").create(&store).await;
    let second = keyed("Бекқожа", "consulate")
        .category("kandas", true)
        .record();
    assert_conflict(
        store
            .insert_person(
                &second,
                &person_event(second.id, AuditAction::PersonCreated),
            )
            .await,
        "people_source_key",
    );
    assert_not_found(store.get_person(second.id).await);
    assert!(
        store
            .list_consent_events(second.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(audited(&store, second.id).await.is_empty());
    assert_eq!(
        store
            .find_person_by_source(SourceKind::Consulate, "TR-IST-7")
            .await
            .unwrap()
            .map(|p| p.id),
        Some(first.id)
    );

    keyed("Ғабитов", "association").create(&store).await;
    PersonBuilder::new("Дәулетов", "Ерлан").create(&store).await;
    PersonBuilder::new("Ержанов", "Ерлан").create(&store).await;
    assert_eq!(
        in_scope(&store, vec![ScopeClause::AllInRegistry]).await,
        [
            "Абаев Ерлан",
            "Ғабитов Ерлан",
            "Дәулетов Ерлан",
            "Ержанов Ерлан"
        ]
    );
}

/// An account has at most one record (`people_account_id_key`), and a record cannot name an
/// account that does not exist (`people_account_id_fkey`).
pub async fn an_account_has_at_most_one_record(store: Arc<dyn Store>) {
    let account = create_account(&store, "Ерлан", vec![]).await;
    let first = PersonBuilder::new("Абаев", "Ерлан")
        .account(account.id)
        .create(&store)
        .await;
    let second = PersonBuilder::new("Абаев", "Ерлан")
        .account(account.id)
        .record();
    assert_conflict(
        store
            .insert_person(
                &second,
                &person_event(second.id, AuditAction::PersonCreated),
            )
            .await,
        "people_account_id_key",
    );
    assert_not_found(store.get_person(second.id).await);
    assert_eq!(
        store
            .find_person_by_account(account.id)
            .await
            .unwrap()
            .map(|p| p.id),
        Some(first.id)
    );

    let orphan = PersonBuilder::new("Бекова", "Сая")
        .account(AccountId::new())
        .record();
    assert_conflict(
        store
            .insert_person(
                &orphan,
                &person_event(orphan.id, AuditAction::PersonCreated),
            )
            .await,
        "people_account_id_fkey",
    );
}

/// An update replaces every fact (names, citizenships, ethnicity, languages, qualifications,
/// residence) and the categories, bumps the version and is audited.
pub async fn an_update_replaces_the_facts_and_increments_the_version(store: Arc<dyn Store>) {
    let record = PersonBuilder::new("x", "x")
        .with(|i| *i = full_input())
        .category("kandas", true)
        .create(&store)
        .await;
    let new_facts = facts(&PersonInput {
        names: vec![name("Әбілова", "Жанна")],
        stateless: true,
        ethnicity_prefer_not_to_say: true,
        languages: vec![LanguageInput {
            code: "tr".into(),
            proficiency: "intermediate".into(),
        }],
        birth_date: "1988".into(),
        source_kind: "consulate".into(),
        ..PersonInput::default()
    });
    let at = now() + Duration::seconds(5);
    let categories = [StoredCategory {
        code: "compatriot",
        applies: true,
    }];
    let version = store
        .update_person(
            record.id,
            1,
            &new_facts,
            &categories,
            at,
            &person_event(record.id, AuditAction::PersonUpdated),
        )
        .await
        .unwrap();
    assert_eq!(version, 2);

    let person = store.get_person(record.id).await.unwrap();
    assert_eq!(
        person,
        Person {
            facts: new_facts.clone(),
            updated_at: at,
            version: 2,
            ..as_stored(&record)
        }
    );
    assert_eq!(
        audited(&store, record.id).await,
        [AuditAction::PersonCreated, AuditAction::PersonUpdated]
    );

    let by_category = |code: &str| {
        let mut filter = PersonFilter::within(vec![ScopeClause::AllInRegistry], Language::Kk);
        filter.category = Some(code.to_owned());
        filter
    };
    assert!(listed(&store, &by_category("kandas")).await.is_empty());
    assert_eq!(
        listed(&store, &by_category("compatriot")).await,
        ["Әбілова Жанна"]
    );
    let mut by_language = PersonFilter::within(vec![ScopeClause::AllInRegistry], Language::Kk);
    by_language.language = Some("kk".into());
    assert!(
        listed(&store, &by_language).await.is_empty(),
        "old languages are gone"
    );
}

/// An update based on an old version is refused by `people_version` and changes nothing.
pub async fn an_update_based_on_an_old_version_is_a_conflict(store: Arc<dyn Store>) {
    let record = PersonBuilder::new("Абаев", "Ерлан").create(&store).await;
    let renamed = |given: &str| {
        facts(&PersonInput {
            names: vec![name("Абаев", given)],
            source_kind: "staff".into(),
            ..PersonInput::default()
        })
    };
    let event = || person_event(record.id, AuditAction::PersonUpdated);
    assert_eq!(
        store
            .update_person(record.id, 1, &renamed("Нұрлан"), &[], now(), &event())
            .await
            .unwrap(),
        2
    );
    assert_conflict(
        store
            .update_person(record.id, 1, &renamed("Марат"), &[], now(), &event())
            .await,
        "people_version",
    );
    assert_conflict(
        store
            .update_person(record.id, 3, &renamed("Марат"), &[], now(), &event())
            .await,
        "people_version",
    );

    let person = store.get_person(record.id).await.unwrap();
    assert_eq!(
        (person.version, person.facts.display_name()),
        (2, "Абаев Нұрлан".to_owned())
    );
    assert_eq!(
        audited(&store, record.id).await,
        [AuditAction::PersonCreated, AuditAction::PersonUpdated]
    );
    assert_eq!(
        store
            .update_person(record.id, 2, &renamed("Марат"), &[], now(), &event())
            .await
            .unwrap(),
        3
    );
}

/// Five people with different hometowns, countries and consents.
struct ScopePeople {
    owner: AccountId,
    shared_with: OrganizationId,
}

async fn scope_people(store: &Arc<dyn Store>) -> ScopePeople {
    let owner = create_account(store, "Дәулетов", vec![]).await.id;
    let shared_with = OrganizationId::new();
    let lives = |hometown: &'static str, residence: &'static str| {
        move |i: &mut PersonInput| {
            i.hometown = hometown.into();
            i.residence_country = residence.into();
        }
    };
    PersonBuilder::new("Абаев", "Ерлан")
        .with(lives("KZ.75.10", "RU"))
        .create(store)
        .await;
    // KZ.750 is not below KZ.75, although its text starts with it.
    PersonBuilder::new("Бекова", "Сая")
        .with(lives("KZ.750", "DE"))
        .create(store)
        .await;
    PersonBuilder::new("Ғабитов", "Нұр")
        .with(lives("KZ.75", "DE"))
        .create(store)
        .await;
    // No registry consent: seen by nobody but themselves.
    PersonBuilder::new("Дәулетов", "Асқар")
        .with(lives("KZ.75.10", "RU"))
        .account(owner)
        .consents(vec![consent(Purpose::Matching, true, now())])
        .create(store)
        .await;
    PersonBuilder::new("Ержанов", "Бақыт")
        .with(lives("KZ.11", "TR"))
        .consents(vec![
            consent(Purpose::Registry, true, now()),
            consent(Purpose::ShareWithOrganization(shared_with), true, now()),
        ])
        .create(store)
        .await;
    ScopePeople { owner, shared_with }
}

/// Each scope clause lists the people it covers who consented to the registry; clauses add up;
/// an empty scope lists nobody.
pub async fn each_scope_clause_lists_the_people_it_covers(store: Arc<dyn Store>) {
    let ScopePeople { owner, shared_with } = scope_people(&store).await;
    let cases: Vec<(Vec<ScopeClause>, Vec<&str>)> = vec![
        (vec![], vec![]),
        (
            vec![ScopeClause::AllInRegistry],
            vec!["Абаев Ерлан", "Бекова Сая", "Ғабитов Нұр", "Ержанов Бақыт"],
        ),
        (
            vec![ScopeClause::HomeUnit(unit("KZ.75"))],
            vec!["Абаев Ерлан", "Ғабитов Нұр"],
        ),
        (
            vec![ScopeClause::HomeUnit(unit("KZ.75.10"))],
            vec!["Абаев Ерлан"],
        ),
        (
            vec![ScopeClause::HomeUnit(unit("KZ"))],
            vec!["Абаев Ерлан", "Бекова Сая", "Ғабитов Нұр", "Ержанов Бақыт"],
        ),
        (vec![ScopeClause::HomeUnit(unit("KZ.7"))], vec![]),
        (
            vec![ScopeClause::HostCountry(country("RU"))],
            vec!["Абаев Ерлан"],
        ),
        (
            vec![ScopeClause::HostCountry(country("DE"))],
            vec!["Бекова Сая", "Ғабитов Нұр"],
        ),
        (
            vec![ScopeClause::SharedWith(shared_with)],
            vec!["Ержанов Бақыт"],
        ),
        (vec![ScopeClause::SharedWith(OrganizationId::new())], vec![]),
        (
            vec![
                ScopeClause::HomeUnit(unit("KZ.75")),
                ScopeClause::HostCountry(country("TR")),
            ],
            vec!["Абаев Ерлан", "Ғабитов Нұр", "Ержанов Бақыт"],
        ),
        (vec![ScopeClause::Owner(owner)], vec!["Дәулетов Асқар"]),
        (vec![ScopeClause::Owner(AccountId::new())], vec![]),
        (
            vec![
                ScopeClause::HostCountry(country("RU")),
                ScopeClause::Owner(owner),
            ],
            vec!["Абаев Ерлан", "Дәулетов Асқар"],
        ),
        (
            vec![ScopeClause::Owner(owner), ScopeClause::AllInRegistry],
            vec![
                "Абаев Ерлан",
                "Бекова Сая",
                "Ғабитов Нұр",
                "Дәулетов Асқар",
                "Ержанов Бақыт",
            ],
        ),
    ];
    for (scope, expected) in cases {
        assert_eq!(in_scope(&store, scope.clone()).await, expected, "{scope:?}");
    }
}

/// Withdrawing registry consent removes the person from every staff scope for the very next
/// read, while they still see their own record; granting it again brings them back. At the
/// same instant, a withdrawal wins over a grant.
pub async fn a_withdrawn_registry_consent_removes_the_person_from_every_staff_scope_at_once(
    store: Arc<dyn Store>,
) {
    let account = create_account(&store, "Айгүл", vec![]).await.id;
    let org = OrganizationId::new();
    let t0 = now();
    let record = PersonBuilder::new("Сейтова", "Айгүл")
        .with(|i| {
            i.hometown = "KZ.75.10".into();
            i.residence_country = "KR".into();
        })
        .account(account)
        .consents(vec![
            consent(Purpose::Registry, true, t0),
            consent(Purpose::ShareWithOrganization(org), true, t0),
        ])
        .create(&store)
        .await;
    let staff_scopes = [
        ScopeClause::AllInRegistry,
        ScopeClause::HomeUnit(unit("KZ.75")),
        ScopeClause::HostCountry(country("KR")),
        ScopeClause::SharedWith(org),
    ];
    let her = vec!["Сейтова Айгүл".to_owned()];
    for scope in &staff_scopes {
        assert_eq!(
            in_scope(&store, vec![scope.clone()]).await,
            her,
            "{scope:?}"
        );
    }

    store
        .insert_consent_event(
            record.id,
            &consent(Purpose::Registry, false, t0 + Duration::seconds(1)),
            &person_event(record.id, AuditAction::ConsentWithdrawn),
        )
        .await
        .unwrap();
    for scope in &staff_scopes {
        assert!(
            in_scope(&store, vec![scope.clone()]).await.is_empty(),
            "{scope:?} after withdrawal"
        );
    }
    assert!(in_scope(&store, staff_scopes.to_vec()).await.is_empty());
    assert_eq!(
        in_scope(&store, vec![ScopeClause::Owner(account)]).await,
        her
    );

    store
        .insert_consent_event(
            record.id,
            &consent(Purpose::Registry, true, t0 + Duration::seconds(2)),
            &person_event(record.id, AuditAction::ConsentGranted),
        )
        .await
        .unwrap();
    for scope in &staff_scopes {
        assert_eq!(
            in_scope(&store, vec![scope.clone()]).await,
            her,
            "{scope:?} after a new grant"
        );
    }
    assert_eq!(
        audited(&store, record.id).await,
        [
            AuditAction::PersonCreated,
            AuditAction::ConsentWithdrawn,
            AuditAction::ConsentGranted
        ]
    );

    // A grant and a withdrawal recorded for the same instant: the withdrawal wins, whichever
    // was written first.
    for grant_first in [true, false] {
        let at = now() + Duration::minutes(1);
        let mut events = vec![
            consent(Purpose::Registry, true, at),
            consent(Purpose::Registry, false, at),
        ];
        if !grant_first {
            events.reverse();
        }
        let tie = PersonBuilder::new("Тоқтаров", "Ерлан")
            .consents(events)
            .create(&store)
            .await;
        assert!(
            !in_scope(&store, vec![ScopeClause::AllInRegistry])
                .await
                .contains(&"Тоқтаров Ерлан".to_owned())
        );
        store
            .erase_person(
                tie.id,
                now(),
                &person_event(tie.id, AuditAction::PersonErased),
            )
            .await
            .unwrap();
    }
}

/// Withdrawing the share with one organization removes the person from that organization's
/// scope only.
pub async fn withdrawing_a_share_removes_the_person_from_that_organization_only(
    store: Arc<dyn Store>,
) {
    let (first, second) = (OrganizationId::new(), OrganizationId::new());
    let t0 = now();
    let record = PersonBuilder::new("Сейтова", "Айгүл")
        .consents(vec![
            consent(Purpose::Registry, true, t0),
            consent(Purpose::ShareWithOrganization(first), true, t0),
            consent(Purpose::ShareWithOrganization(second), true, t0),
        ])
        .create(&store)
        .await;
    store
        .insert_consent_event(
            record.id,
            &consent(
                Purpose::ShareWithOrganization(first),
                false,
                t0 + Duration::seconds(1),
            ),
            &person_event(record.id, AuditAction::ConsentWithdrawn),
        )
        .await
        .unwrap();
    assert!(
        in_scope(&store, vec![ScopeClause::SharedWith(first)])
            .await
            .is_empty()
    );
    assert_eq!(
        in_scope(&store, vec![ScopeClause::SharedWith(second)]).await,
        ["Сейтова Айгүл"]
    );
    assert_eq!(
        in_scope(&store, vec![ScopeClause::AllInRegistry]).await,
        ["Сейтова Айгүл"]
    );
}

/// A person sees their own record without registry consent; nobody else does.
pub async fn the_owner_sees_their_own_record_without_registry_consent(store: Arc<dyn Store>) {
    let account = create_account(&store, "Айгүл", vec![]).await.id;
    let record = PersonBuilder::new("Сейтова", "Айгүл")
        .account(account)
        .consents(vec![])
        .create(&store)
        .await;
    assert_eq!(
        in_scope(&store, vec![ScopeClause::Owner(account)]).await,
        ["Сейтова Айгүл"]
    );
    assert!(
        in_scope(&store, vec![ScopeClause::AllInRegistry])
            .await
            .is_empty()
    );
    assert!(
        in_scope(&store, vec![ScopeClause::Owner(AccountId::new())])
            .await
            .is_empty()
    );
    assert!(
        store
            .list_consent_events(record.id)
            .await
            .unwrap()
            .is_empty()
    );
}

/// Every filter of the list narrows it as documented, alone and combined.
pub async fn each_filter_narrows_the_list(store: Arc<dyn Store>) {
    let person = |family: &'static str,
                  country: &'static str,
                  region: &'static str,
                  occupation: &'static str,
                  languages: &'static [&'static str],
                  born: &'static str,
                  source: &'static str| {
        PersonBuilder::new(family, "Ерлан").with(move |i| {
            i.residence_country = country.into();
            i.residence_region = region.into();
            i.occupation = occupation.into();
            i.languages = languages
                .iter()
                .map(|code| LanguageInput {
                    code: (*code).into(),
                    proficiency: "fluent".into(),
                })
                .collect();
            i.birth_date = born.into();
            i.source_kind = source.into();
        })
    };
    person(
        "Абаев",
        "RU",
        "Москва",
        "2211",
        &["kk", "ru"],
        "1980-02-03",
        "consulate",
    )
    .category("kandas", true)
    .create(&store)
    .await;
    person(
        "Бекова",
        "RU",
        "Омская область",
        "2512",
        &["ru"],
        "1995",
        "association",
    )
    .category("kandas", false)
    .create(&store)
    .await;
    person(
        "Ғабитов",
        "DE",
        "Bayern",
        "7126",
        &["kk", "de"],
        "1970-07",
        "staff",
    )
    .category("compatriot", true)
    .create(&store)
    .await;
    person("Дәулетова", "TR", "", "", &["tr"], "", "import")
        .create(&store)
        .await;
    person("Ержанов", "RU", "москва", "2166", &[], "2001", "consulate")
        .create(&store)
        .await;

    let filter = |change: &dyn Fn(&mut PersonFilter)| {
        let mut filter = PersonFilter::within(vec![ScopeClause::AllInRegistry], Language::Kk);
        change(&mut filter);
        filter
    };
    let text = |v: &str| Some(v.to_owned());
    let cases: Vec<(&str, PersonFilter, Vec<&str>)> = vec![
        (
            "none",
            filter(&|_| {}),
            vec!["Абаев", "Бекова", "Ғабитов", "Дәулетова", "Ержанов"],
        ),
        (
            "country",
            filter(&|f| f.residence_country = Some(country("RU"))),
            vec!["Абаев", "Бекова", "Ержанов"],
        ),
        (
            "region, any case",
            filter(&|f| f.residence_region = text("МОСКВА")),
            vec!["Абаев", "Ержанов"],
        ),
        (
            "region and country",
            filter(&|f| {
                f.residence_region = text("bayern");
                f.residence_country = Some(country("DE"));
            }),
            vec!["Ғабитов"],
        ),
        (
            "category that applies",
            filter(&|f| f.category = text("kandas")),
            vec!["Абаев"],
        ),
        (
            "another category",
            filter(&|f| f.category = text("compatriot")),
            vec!["Ғабитов"],
        ),
        (
            "ISCO major group",
            filter(&|f| f.occupation = text("2")),
            vec!["Абаев", "Бекова", "Ержанов"],
        ),
        (
            "ISCO sub-major group",
            filter(&|f| f.occupation = text("22")),
            vec!["Абаев"],
        ),
        (
            "ISCO unit group",
            filter(&|f| f.occupation = text("7126")),
            vec!["Ғабитов"],
        ),
        (
            "ISCO group nobody has",
            filter(&|f| f.occupation = text("9")),
            vec![],
        ),
        (
            "language",
            filter(&|f| f.language = text("kk")),
            vec!["Абаев", "Ғабитов"],
        ),
        (
            "language, any case",
            filter(&|f| f.language = text("DE")),
            vec!["Ғабитов"],
        ),
        (
            "unknown language",
            filter(&|f| f.language = text("zz")),
            vec![],
        ),
        (
            "born from",
            filter(&|f| f.born_from = Some(1980)),
            vec!["Абаев", "Бекова", "Ержанов"],
        ),
        (
            "born until",
            filter(&|f| f.born_until = Some(1980)),
            vec!["Абаев", "Ғабитов"],
        ),
        (
            "born between",
            filter(&|f| {
                f.born_from = Some(1971);
                f.born_until = Some(1995);
            }),
            vec!["Абаев", "Бекова"],
        ),
        (
            "source",
            filter(&|f| f.source = Some(SourceKind::Consulate)),
            vec!["Абаев", "Ержанов"],
        ),
        (
            "country and language",
            filter(&|f| {
                f.residence_country = Some(country("RU"));
                f.language = text("kk");
            }),
            vec!["Абаев"],
        ),
        (
            "empty text does not filter",
            filter(&|f| f.residence_region = text("  ")),
            vec!["Абаев", "Бекова", "Ғабитов", "Дәулетова", "Ержанов"],
        ),
    ];
    for (case, filter, expected) in cases {
        let expected: Vec<String> = expected
            .iter()
            .map(|family| format!("{family} Ерлан"))
            .collect();
        assert_eq!(listed(&store, &filter).await, expected, "{case}");
    }
}

/// Names list in the alphabet of the chosen language: Kazakh letters inside the Kazakh
/// alphabet (not after Я, as byte order would put them), Ё with Е in Russian.
pub async fn people_list_in_the_alphabet_of_the_chosen_language(store: Arc<dyn Store>) {
    let kazakh = [
        "Абаев",
        "Әбілов",
        "Бекова",
        "Ғабитов",
        "Кенжебаев",
        "Қасымов",
        "Оразов",
        "Өмірзақов",
        "Уәлиев",
        "Ұлықов",
        "Үсенов",
        "Ысқақов",
        "Іздібаев",
    ];
    let mut shuffled = kazakh.to_vec();
    shuffled.reverse();
    shuffled.rotate_left(5);
    for family in &shuffled {
        PersonBuilder::new(family, "Нұр").create(&store).await;
    }
    let expected: Vec<String> = kazakh.iter().map(|f| format!("{f} Нұр")).collect();
    assert_eq!(
        in_scope(&store, vec![ScopeClause::AllInRegistry]).await,
        expected
    );

    for family in ["Ёлкин", "Ежов", "Елисеев"] {
        PersonBuilder::new(family, "Иван").create(&store).await;
    }
    let mut russian = PersonFilter::within(vec![ScopeClause::AllInRegistry], Language::Ru);
    russian.source = Some(SourceKind::Staff);
    let names = listed(&store, &russian).await;
    let position = |n: &str| names.iter().position(|x| x == n).unwrap();
    assert!(position("Ежов Иван") < position("Елисеев Иван"));
    assert!(position("Елисеев Иван") < position("Ёлкин Иван"));
    assert!(
        position("Абаев Нұр") < position("Ёлкин Иван"),
        "Ё is not sorted before А"
    );
}

/// Seek paging visits every person once, in order, including people with the same name (the
/// id breaks the tie), with and without a filter; a key the store did not make lists nothing.
pub async fn people_page_without_gaps_or_repeats(store: Arc<dyn Store>) {
    let families = [
        "Сейтов",
        "Әбілов",
        "Жанұзақ",
        "Ұлықов",
        "Абаев",
        "Іздібаев",
        "Оразов",
    ];
    for (index, family) in families.iter().cycle().take(23).enumerate() {
        let residence = if index % 3 == 0 { "KZ" } else { "RU" };
        PersonBuilder::new(family, "Али")
            .with(|i| i.residence_country = residence.into())
            .create(&store)
            .await;
    }
    let all = PersonFilter::within(vec![ScopeClause::AllInRegistry], Language::Kk);
    let mut in_russia = all.clone();
    in_russia.residence_country = Some(country("RU"));
    for (filter, total) in [(all, 23), (in_russia, 15)] {
        let whole: Vec<(PersonId, String)> = pages(&store, &filter, PageRequest::MAX_LIMIT)
            .await
            .concat();
        assert_eq!(whole.len(), total);
        for limit in [1, 4, 7] {
            let paged = pages(&store, &filter, limit).await;
            assert_eq!(
                paged.len(),
                total.div_ceil(usize::try_from(limit).unwrap()).max(1)
            );
            let paged: Vec<_> = paged.concat();
            assert_eq!(paged, whole, "limit {limit}");
            let unique: HashSet<PersonId> = paged.iter().map(|(id, _)| *id).collect();
            assert_eq!(unique.len(), total);
        }
    }

    let forged = PageRequest::after(SeekKey::new(["only one part"]), 10);
    let page = store
        .list_people(
            &PersonFilter::within(vec![ScopeClause::AllInRegistry], Language::Kk),
            &forged,
        )
        .await
        .unwrap();
    assert!(page.items.is_empty() && page.next.is_none());
}

/// The ledger reads back oldest first (by the instant recorded, not the order written), for
/// erased people too; consent changes are audited.
pub async fn consent_events_read_back_oldest_first(store: Arc<dyn Store>) {
    let t0 = now();
    let initial = consent(Purpose::Registry, true, t0);
    let record = PersonBuilder::new("Сейтова", "Айгүл")
        .consents(vec![initial.clone()])
        .create(&store)
        .await;
    let later = consent(Purpose::Matching, true, t0 + Duration::seconds(20));
    let earlier = ConsentEvent {
        recorded_by: Some(AccountId::new()),
        channel: ConsentChannel::Import,
        ..consent(Purpose::Statistics, false, t0 + Duration::seconds(10))
    };
    for (event, action) in [
        (&later, AuditAction::ConsentGranted),
        (&earlier, AuditAction::ConsentWithdrawn),
    ] {
        store
            .insert_consent_event(record.id, event, &person_event(record.id, action))
            .await
            .unwrap();
    }
    let ledger = vec![initial, earlier, later];
    assert_eq!(store.list_consent_events(record.id).await.unwrap(), ledger);
    assert_eq!(
        audited(&store, record.id).await,
        [
            AuditAction::PersonCreated,
            AuditAction::ConsentGranted,
            AuditAction::ConsentWithdrawn
        ]
    );

    store
        .erase_person(
            record.id,
            now(),
            &person_event(record.id, AuditAction::PersonErased),
        )
        .await
        .unwrap();
    assert_eq!(
        store.list_consent_events(record.id).await.unwrap(),
        ledger,
        "the ledger outlives erasure"
    );
}

/// An erased person is gone from reads and lists (their own included), cannot be changed, and
/// frees their account and source key; the ledger and the audit trail remain.
pub async fn an_erased_person_is_gone_from_get_find_and_list(store: Arc<dyn Store>) {
    let account = create_account(&store, "Айгүл", vec![]).await.id;
    let record = PersonBuilder::new("x", "x")
        .with(|i| *i = full_input())
        .account(account)
        .category("kandas", true)
        .create(&store)
        .await;
    let other = PersonBuilder::new("Абаев", "Ерлан").create(&store).await;
    let erased_at = now() + Duration::seconds(1);
    store
        .erase_person(
            record.id,
            erased_at,
            &person_event(record.id, AuditAction::PersonErased),
        )
        .await
        .unwrap();

    assert_not_found(store.get_person(record.id).await);
    assert!(
        store
            .find_person_by_source(SourceKind::Consulate, "DE-BER-0042")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .find_person_by_account(account)
            .await
            .unwrap()
            .is_none()
    );
    for scope in [
        ScopeClause::AllInRegistry,
        ScopeClause::Owner(account),
        ScopeClause::HomeUnit(unit("KZ.51")),
        ScopeClause::HostCountry(country("DE")),
    ] {
        assert!(
            !in_scope(&store, vec![scope.clone()])
                .await
                .contains(&"Әбілова Жанар Серікқызы".to_owned()),
            "{scope:?}"
        );
    }
    assert_eq!(
        in_scope(&store, vec![ScopeClause::AllInRegistry]).await,
        ["Абаев Ерлан"]
    );
    assert_eq!(store.get_person(other.id).await.unwrap(), as_stored(&other));

    let event = |action| person_event(record.id, action);
    assert_not_found(
        store
            .erase_person(record.id, now(), &event(AuditAction::PersonErased))
            .await,
    );
    assert_not_found(
        store
            .update_person(
                record.id,
                2,
                &record.facts,
                &[],
                now(),
                &event(AuditAction::PersonUpdated),
            )
            .await,
    );
    assert_not_found(
        store
            .insert_consent_event(
                record.id,
                &consent(Purpose::Registry, true, now()),
                &event(AuditAction::ConsentGranted),
            )
            .await,
    );
    assert_eq!(
        store.list_consent_events(record.id).await.unwrap(),
        record.consents
    );
    assert_eq!(
        audited(&store, record.id).await,
        [AuditAction::PersonCreated, AuditAction::PersonErased]
    );

    // The account and the source key are free again.
    let again = PersonBuilder::new("x", "x")
        .with(|i| *i = full_input())
        .account(account)
        .create(&store)
        .await;
    assert_eq!(
        store
            .find_person_by_account(account)
            .await
            .unwrap()
            .map(|p| p.id),
        Some(again.id)
    );
    assert_eq!(
        store
            .find_person_by_source(SourceKind::Consulate, "DE-BER-0042")
            .await
            .unwrap()
            .map(|p| p.id),
        Some(again.id)
    );
}
