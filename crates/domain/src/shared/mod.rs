//! Value types shared by every capability: identifiers, validated strings, places, pages,
//! time and locale-aware ordering. Imports no capability module.

mod clock;
mod collation;
mod country;
mod email;
mod ids;
mod language;
mod page;
mod place;
mod validate;

pub use clock::{Clock, ManualClock, SystemClock};
pub use collation::sort_key;
pub use country::CountryCode;
pub use email::EmailAddress;
pub use ids::{AccountId, AuditEventId, ImportBatchId, OrganizationId, PersonId, RequestId};
pub use language::Language;
pub use page::{Page, PageRequest, SeekKey};
pub use place::OrgUnitPath;
pub(crate) use validate::required_text as validate_text;
pub use validate::{ValidationError, ValidationErrors};
