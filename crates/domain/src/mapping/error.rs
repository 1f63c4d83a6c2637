//! Errors of the map: an invalid query, a forbidden cross of dimensions, storage.

use thiserror::Error;

use crate::disclosure::DisclosureError;
use crate::shared::{ValidationError, ValidationErrors};
use crate::store::StoreError;

/// What can go wrong counting people.
#[derive(Debug, Error)]
pub enum MappingError {
    /// The query is invalid (a region or city breakdown without a country, an unknown code).
    #[error("invalid query: {0}")]
    Invalid(ValidationErrors),
    /// The query crosses dimensions that may never be crossed (ethnicity with sub-country
    /// geography); refused for everyone, staff included.
    #[error("forbidden-cross")]
    ForbiddenCross,
    /// The filter (`region`, `ethnicity`) is for staff: published tables are only breakdowns
    /// of the whole registry or of one country, so that they all fit one hierarchy.
    #[error("filter-not-published: {0}")]
    FilterNotPublished(&'static str),
    /// Disclosure control refused the table.
    #[error("disclosure: {0}")]
    Disclosure(DisclosureError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<ValidationError> for MappingError {
    fn from(error: ValidationError) -> Self {
        Self::Invalid(error.into())
    }
}

impl From<DisclosureError> for MappingError {
    fn from(error: DisclosureError) -> Self {
        match error {
            DisclosureError::ForbiddenCross { .. } => Self::ForbiddenCross,
            other => Self::Disclosure(other),
        }
    }
}
