//! Use cases of the registry. Every method decides who may do what with which fields of whom,
//! here, before any data leaves: handlers and templates only show what they are given.

use std::sync::Arc;

use super::consent::{ConsentChannel, ConsentEvent, Consents, Purpose};
use super::error::RegistryError;
use super::input::PersonInput;
use super::person::{Person, PersonFacts, SourceKind};
use super::store::{NewPersonRecord, PersonFilter, PersonSummary, StoredCategory};
use super::visibility::{Access, FieldGroup, FieldSet, PersonScope, list_scope, visible_fields};
use crate::access::{Actor, Role};
use crate::audit::{
    AuditAction, AuditEvent, AuditFilter, NewAuditEvent, Purpose as AuditPurpose, SubjectKind,
};
use crate::categories::{
    CategoryFinding, Citizenship, Determination, EthnicityAnswer, KandasStatus, PolicyProfile,
};
use crate::shared::{
    AccountId, Clock, ImportBatchId, Page, PageRequest, PersonId, RequestId, ValidationError,
};
use crate::store::Store;

/// A person as one caller may see them: fields outside `fields` are emptied by the service.
#[derive(Clone, Debug)]
pub struct PersonView {
    /// The record, with the fields the caller may not see removed.
    pub person: Person,
    /// The field groups shown.
    pub fields: FieldSet,
    /// The field groups the caller may change.
    pub writable: FieldSet,
    /// The legal categories (empty unless `LegalStatus` is shown).
    pub categories: Vec<CategoryFinding>,
    /// Current consents (shown to the person and to staff who may see the record).
    pub consents: Consents,
}

/// Everything the registry holds about a person, for their own export.
#[derive(Clone, Debug)]
pub struct PersonExport {
    /// The whole record.
    pub person: Person,
    /// The legal categories computed from it.
    pub categories: Vec<CategoryFinding>,
    /// The whole consent ledger.
    pub consent_history: Vec<ConsentEvent>,
    /// Who accessed or changed the record, when and why.
    pub access_log: Vec<AuditEvent>,
}

/// The registry's use cases.
#[derive(Clone)]
pub struct RegistryService {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    profile: PolicyProfile,
}

fn stored_categories(findings: &[CategoryFinding]) -> Vec<StoredCategory> {
    findings
        .iter()
        .filter_map(|f| match f.determination {
            Determination::Applies => Some(StoredCategory {
                code: f.code,
                applies: true,
            }),
            Determination::Undetermined { .. } => Some(StoredCategory {
                code: f.code,
                applies: false,
            }),
            Determination::DoesNotApply => None,
        })
        .collect()
}

/// Removes from `facts` every group not in `fields`.
fn redact(facts: &PersonFacts, fields: &FieldSet) -> PersonFacts {
    let mut f = facts.clone();
    let keep = |g| fields.contains(g);
    if !keep(FieldGroup::Identity) {
        f.names.clear();
        f.sex = None;
        f.birth_date = None;
        f.birth_country = None;
        f.birth_entity = None;
        f.birth_place = None;
    }
    if !keep(FieldGroup::Contacts) {
        f.email = None;
        f.phone = None;
    }
    if !keep(FieldGroup::Residence) {
        f.residence = None;
    }
    if !keep(FieldGroup::LegalStatus) {
        f.citizenship = Citizenship::Unknown;
        f.kandas = KandasStatus::Unknown;
    }
    if !keep(FieldGroup::Ethnicity) {
        f.ethnicity = EthnicityAnswer::NotAsked;
    }
    if !keep(FieldGroup::Languages) {
        f.languages.clear();
    }
    if !keep(FieldGroup::Skills) {
        f.education = None;
        f.occupation = None;
        f.sector = None;
        f.employment = None;
        f.qualifications.clear();
    }
    if !keep(FieldGroup::Background) {
        f.hometown = None;
        f.marital_status = None;
    }
    f
}

/// `current` with the groups in `writable` taken from `new`.
fn merge(current: &PersonFacts, new: PersonFacts, writable: &FieldSet) -> PersonFacts {
    let mut merged = current.clone();
    let w = |g| writable.contains(g);
    if w(FieldGroup::Identity) {
        merged.names = new.names;
        merged.sex = new.sex;
        merged.birth_date = new.birth_date;
        merged.birth_country = new.birth_country;
        merged.birth_entity = new.birth_entity;
        merged.birth_place = new.birth_place;
    }
    if w(FieldGroup::Contacts) {
        merged.email = new.email;
        merged.phone = new.phone;
    }
    if w(FieldGroup::Residence) {
        merged.residence = new.residence;
    }
    if w(FieldGroup::LegalStatus) {
        merged.citizenship = new.citizenship;
        merged.kandas = new.kandas;
    }
    if w(FieldGroup::Ethnicity) {
        merged.ethnicity = new.ethnicity;
    }
    if w(FieldGroup::Languages) {
        merged.languages = new.languages;
    }
    if w(FieldGroup::Skills) {
        merged.education = new.education;
        merged.occupation = new.occupation;
        merged.sector = new.sector;
        merged.employment = new.employment;
        merged.qualifications = new.qualifications;
    }
    if w(FieldGroup::Background) {
        merged.hometown = new.hometown;
        merged.marital_status = new.marital_status;
    }
    merged
}

fn scope_of(person: &Person, consents: Consents) -> PersonScope {
    PersonScope {
        hometown: person.facts.hometown.clone(),
        residence_country: person.facts.residence.as_ref().map(|r| r.country),
        owner: person.account,
        consents,
    }
}

impl RegistryService {
    /// A service over `store`, computing categories with `profile`.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, profile: PolicyProfile) -> Self {
        Self {
            store,
            clock,
            profile,
        }
    }

    /// The policy profile in force.
    pub fn profile(&self) -> PolicyProfile {
        self.profile
    }

    fn categories(&self, facts: &PersonFacts) -> Vec<CategoryFinding> {
        self.profile
            .evaluate(&facts.category_facts(self.clock.now().date()))
    }

    fn audit(
        &self,
        actor: Option<AccountId>,
        action: AuditAction,
        person: PersonId,
        request_id: Option<RequestId>,
    ) -> NewAuditEvent {
        NewAuditEvent::new(
            self.clock.now(),
            actor,
            action,
            SubjectKind::Person,
            Some(person.to_string()),
            AuditPurpose::Registry,
        )
        .in_request(request_id)
    }

    fn consent_events(
        &self,
        purposes: &[Purpose],
        by: Option<AccountId>,
        channel: ConsentChannel,
    ) -> Vec<ConsentEvent> {
        let at = self.clock.now();
        purposes
            .iter()
            .map(|p| ConsentEvent {
                purpose: *p,
                granted: true,
                at,
                recorded_by: by,
                channel,
            })
            .collect()
    }

    /// Adds a person on staff's initiative (a consulate's list, a signed form). The record
    /// needs the person's consent to be kept in the registry; the staff member must be able
    /// to write every field group the record fills in.
    ///
    /// # Errors
    /// `Invalid` with every bad field (or `consent` when registry consent is missing);
    /// `Forbidden` when the record lies outside the actor's scope; `Conflict("people_source_key")`
    /// when the source key was already registered.
    pub async fn register_person(
        &self,
        actor: &Actor,
        input: &PersonInput,
        consents: &[Purpose],
        request_id: Option<RequestId>,
    ) -> Result<PersonId, RegistryError> {
        self.register_by_staff(actor, input, consents, None, request_id)
            .await
    }

    /// [`register_person`](Self::register_person) for one row of an import: the same rules,
    /// and the record remembers its batch so that the batch can be undone.
    ///
    /// # Errors
    /// As `register_person`.
    pub async fn import_person(
        &self,
        actor: &Actor,
        input: &PersonInput,
        consents: &[Purpose],
        batch: ImportBatchId,
        request_id: Option<RequestId>,
    ) -> Result<PersonId, RegistryError> {
        self.register_by_staff(actor, input, consents, Some(batch), request_id)
            .await
    }

    async fn register_by_staff(
        &self,
        actor: &Actor,
        input: &PersonInput,
        consents: &[Purpose],
        batch: Option<ImportBatchId>,
        request_id: Option<RequestId>,
    ) -> Result<PersonId, RegistryError> {
        let (facts, source) = input.parse()?;
        if source.kind == SourceKind::SelfRegistration {
            return Err(ValidationError::Unknown {
                field: "source_kind",
            }
            .into());
        }
        if !consents.contains(&Purpose::Registry) {
            return Err(ValidationError::Required { field: "consent" }.into());
        }
        let ledger = self.consent_events(consents, Some(actor.account_id), ConsentChannel::Staff);
        let scope = PersonScope {
            hometown: facts.hometown.clone(),
            residence_country: facts.residence.as_ref().map(|r| r.country),
            owner: None,
            consents: Consents::from_events(&ledger),
        };
        let writable = visible_fields(&actor.roles, actor.account_id, &scope, Access::Write);
        let needed = filled_groups(&facts);
        if writable.is_empty() || needed.groups().iter().any(|g| !writable.contains(*g)) {
            return Err(RegistryError::Forbidden);
        }
        self.insert(
            Some(actor.account_id),
            facts,
            source,
            None,
            ledger,
            batch,
            request_id,
        )
        .await
    }

    /// A member registers themselves on the public portal: their own record, linked to their
    /// account, with the consents they ticked (registry consent is required).
    ///
    /// # Errors
    /// `Invalid`; `Conflict("people_account_id_key")` when the account already has a record.
    pub async fn register_self(
        &self,
        actor: &Actor,
        input: &PersonInput,
        consents: &[Purpose],
        request_id: Option<RequestId>,
    ) -> Result<PersonId, RegistryError> {
        let mut input = input.clone();
        SourceKind::SelfRegistration
            .as_str()
            .clone_into(&mut input.source_kind);
        input.source_key = String::new();
        let (facts, source) = input.parse()?;
        if !consents.contains(&Purpose::Registry) {
            return Err(ValidationError::Required { field: "consent" }.into());
        }
        let ledger = self.consent_events(
            consents,
            Some(actor.account_id),
            ConsentChannel::SelfService,
        );
        self.insert(
            Some(actor.account_id),
            facts,
            source,
            Some(actor.account_id),
            ledger,
            None,
            request_id,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)] // one private constructor of the record
    async fn insert(
        &self,
        by: Option<AccountId>,
        facts: PersonFacts,
        source: super::person::RecordSource,
        account: Option<AccountId>,
        consents: Vec<ConsentEvent>,
        import_batch: Option<ImportBatchId>,
        request_id: Option<RequestId>,
    ) -> Result<PersonId, RegistryError> {
        let id = PersonId::new();
        let categories = stored_categories(&self.categories(&facts));
        let record = NewPersonRecord {
            id,
            facts,
            source,
            account,
            categories,
            consents,
            created_at: self.clock.now(),
            import_batch,
        };
        let audit = self.audit(by, AuditAction::PersonCreated, id, request_id);
        self.store.insert_person(&record, &audit).await?;
        Ok(id)
    }

    /// One person, as the caller may see them. Reading sensitive groups is audited.
    ///
    /// # Errors
    /// `NotFound` when the person does not exist or the caller may see nothing of them.
    pub async fn view_person(
        &self,
        actor: &Actor,
        id: PersonId,
        request_id: Option<RequestId>,
    ) -> Result<PersonView, RegistryError> {
        let person = self.store.get_person(id).await?;
        let consents = Consents::from_events(&self.store.list_consent_events(id).await?);
        let scope = scope_of(&person, consents.clone());
        let fields = visible_fields(&actor.roles, actor.account_id, &scope, Access::Read);
        if fields.is_empty() {
            return Err(RegistryError::NotFound);
        }
        let writable = visible_fields(&actor.roles, actor.account_id, &scope, Access::Write);
        let own = person.account == Some(actor.account_id);
        if !own && fields.groups().iter().any(|g| g.is_sensitive()) {
            let audit = self.audit(
                Some(actor.account_id),
                AuditAction::PersonRead,
                id,
                request_id,
            );
            self.store.insert_audit_event(&audit).await?;
        }
        let categories = if fields.contains(FieldGroup::LegalStatus) {
            self.categories(&person.facts)
        } else {
            vec![]
        };
        let facts = redact(&person.facts, &fields);
        Ok(PersonView {
            person: Person { facts, ..person },
            fields,
            writable,
            categories,
            consents,
        })
    }

    /// Changes a person's record: only the groups the caller may write are taken from the
    /// input; the rest stays as stored. Categories are recomputed.
    ///
    /// # Errors
    /// `NotFound`; `Forbidden` when the caller may write nothing; `Invalid`;
    /// `Conflict("people_version")` when someone changed the record since `version` was read.
    pub async fn update_person(
        &self,
        actor: &Actor,
        id: PersonId,
        version: i64,
        input: &PersonInput,
        request_id: Option<RequestId>,
    ) -> Result<i64, RegistryError> {
        let person = self.store.get_person(id).await?;
        let consents = Consents::from_events(&self.store.list_consent_events(id).await?);
        let scope = scope_of(&person, consents);
        if visible_fields(&actor.roles, actor.account_id, &scope, Access::Read).is_empty() {
            return Err(RegistryError::NotFound);
        }
        let writable = visible_fields(&actor.roles, actor.account_id, &scope, Access::Write);
        if writable.is_empty() {
            return Err(RegistryError::Forbidden);
        }
        let mut input = input.clone();
        person
            .source
            .kind
            .as_str()
            .clone_into(&mut input.source_kind);
        let (new, _) = input.parse()?;
        let merged = merge(&person.facts, new, &writable);
        let categories = stored_categories(&self.categories(&merged));
        let audit = self.audit(
            Some(actor.account_id),
            AuditAction::PersonUpdated,
            id,
            request_id,
        );
        Ok(self
            .store
            .update_person(id, version, &merged, &categories, self.clock.now(), &audit)
            .await?)
    }

    /// People the caller may see, filtered, in alphabetical order.
    ///
    /// # Errors
    /// `Forbidden` for roles that never see a person (researchers, auditors, administrators).
    pub async fn list_people(
        &self,
        actor: &Actor,
        filter: PersonFilter,
        page: &PageRequest,
    ) -> Result<Page<PersonSummary>, RegistryError> {
        let scope = list_scope(&actor.roles, actor.account_id);
        if scope.is_empty() {
            return Err(RegistryError::Forbidden);
        }
        let filter = PersonFilter { scope, ..filter };
        Ok(self.store.list_people(&filter, page).await?)
    }

    /// Grants or withdraws one consent. The person themselves may change any of theirs; staff
    /// who may write the record may record a consent given on paper. A withdrawal is in force
    /// for every reader as soon as this returns.
    ///
    /// # Errors
    /// `NotFound`; `Forbidden`.
    pub async fn set_consent(
        &self,
        actor: &Actor,
        id: PersonId,
        purpose: Purpose,
        granted: bool,
        request_id: Option<RequestId>,
    ) -> Result<(), RegistryError> {
        let person = self.store.get_person(id).await?;
        let own = person.account == Some(actor.account_id) && actor.roles.contains(&Role::Member);
        let channel = if own {
            ConsentChannel::SelfService
        } else {
            let consents = Consents::from_events(&self.store.list_consent_events(id).await?);
            let scope = scope_of(&person, consents);
            if visible_fields(&actor.roles, actor.account_id, &scope, Access::Write).is_empty() {
                return Err(RegistryError::NotFound);
            }
            ConsentChannel::Staff
        };
        let event = ConsentEvent {
            purpose,
            granted,
            at: self.clock.now(),
            recorded_by: Some(actor.account_id),
            channel,
        };
        let action = if granted {
            AuditAction::ConsentGranted
        } else {
            AuditAction::ConsentWithdrawn
        };
        let audit = self.audit(Some(actor.account_id), action, id, request_id);
        Ok(self.store.insert_consent_event(id, &event, &audit).await?)
    }

    /// The caller's own record, if they registered.
    ///
    /// # Errors
    /// Only storage failures.
    pub async fn own_record(&self, actor: &Actor) -> Result<Option<PersonId>, RegistryError> {
        Ok(self
            .store
            .find_person_by_account(actor.account_id)
            .await?
            .map(|p| p.id))
    }

    /// Everything held about the caller: their record, categories, consent history and who
    /// accessed the record. Only the person may export their own data.
    ///
    /// # Errors
    /// `NotFound` when the caller has no record.
    pub async fn export_own(
        &self,
        actor: &Actor,
        request_id: Option<RequestId>,
    ) -> Result<PersonExport, RegistryError> {
        let person = self
            .store
            .find_person_by_account(actor.account_id)
            .await?
            .ok_or(RegistryError::NotFound)?;
        let consent_history = self.store.list_consent_events(person.id).await?;
        let filter = AuditFilter {
            subject_id: Some(person.id.to_string()),
            ..AuditFilter::default()
        };
        let mut access_log = vec![];
        let mut page = PageRequest::first(PageRequest::MAX_LIMIT);
        loop {
            let batch = self.store.list_audit_events(&filter, &page).await?;
            access_log.extend(batch.items);
            match batch.next {
                Some(next) => page = PageRequest::after(next, PageRequest::MAX_LIMIT),
                None => break,
            }
        }
        let audit = self.audit(
            Some(actor.account_id),
            AuditAction::PersonExported,
            person.id,
            request_id,
        );
        self.store.insert_audit_event(&audit).await?;
        let categories = self.categories(&person.facts);
        Ok(PersonExport {
            person,
            categories,
            consent_history,
            access_log,
        })
    }

    /// Erases a record: the person themselves, or a central officer (a request received by
    /// post). The tombstone keeps only the id, so ledgers and the audit log stay consistent.
    ///
    /// # Errors
    /// `NotFound`; `Forbidden`.
    pub async fn erase(
        &self,
        actor: &Actor,
        id: PersonId,
        request_id: Option<RequestId>,
    ) -> Result<(), RegistryError> {
        let person = self.store.get_person(id).await?;
        let own = person.account == Some(actor.account_id);
        if !own && !actor.roles.contains(&Role::CentralOfficer) {
            return Err(RegistryError::Forbidden);
        }
        let audit = self.audit(
            Some(actor.account_id),
            AuditAction::PersonErased,
            id,
            request_id,
        );
        Ok(self
            .store
            .erase_person(id, self.clock.now(), &audit)
            .await?)
    }
}

/// The groups a record fills in (to check that staff may write all of them).
fn filled_groups(f: &PersonFacts) -> FieldSet {
    let mut groups = vec![FieldGroup::Identity];
    if f.email.is_some() || f.phone.is_some() {
        groups.push(FieldGroup::Contacts);
    }
    if f.residence.is_some() {
        groups.push(FieldGroup::Residence);
    }
    if f.citizenship != Citizenship::Unknown || f.kandas != KandasStatus::Unknown {
        groups.push(FieldGroup::LegalStatus);
    }
    if f.ethnicity != EthnicityAnswer::NotAsked {
        groups.push(FieldGroup::Ethnicity);
    }
    if !f.languages.is_empty() {
        groups.push(FieldGroup::Languages);
    }
    if f.education.is_some()
        || f.occupation.is_some()
        || f.sector.is_some()
        || f.employment.is_some()
        || !f.qualifications.is_empty()
    {
        groups.push(FieldGroup::Skills);
    }
    if f.hometown.is_some() || f.marital_status.is_some() {
        groups.push(FieldGroup::Background);
    }
    FieldSet::of(&groups)
}
