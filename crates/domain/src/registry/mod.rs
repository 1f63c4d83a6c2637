//! The compatriot registry (capabilities M1–M3): people with their facts, the consent ledger,
//! and the field-level access rules that decide what each role sees of whom.

mod consent;
mod error;
mod input;
mod person;
mod service;
mod store;
mod stored;
mod visibility;

pub use consent::{ConsentChannel, ConsentEvent, Consents, Purpose};
pub use error::RegistryError;
pub use input::{CitizenshipInput, LanguageInput, NameInput, PersonInput};
pub use person::{
    Employment, LanguageSkill, MaritalStatus, NameSource, NameVariant, PartialDate, Person,
    PersonFacts, PlaceOfResidence, Proficiency, RecordSource, Sex, SourceKind, ethnic_group_code,
    parse_ethnic_group,
};
pub use service::{PersonExport, PersonView, RegistryService};
pub use store::{
    NewPersonRecord, PersonFilter, PersonSummary, RegistryStore, ScopeClause, StoredCategory,
};
pub use stored::{
    CorruptValue, StoredCitizenship, StoredLanguage, StoredName, StoredPerson, parse_permanence,
    permanence_code,
};
pub use visibility::{
    Access, FieldGroup, FieldSet, PersonScope, field_access, list_scope, visible_fields,
};
