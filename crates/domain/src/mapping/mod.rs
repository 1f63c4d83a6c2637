//! The diaspora map (capability M5): counts of people by country, region, city, occupation,
//! language, legal category, sex, age band and ethnicity. Staff with a registry scope get exact
//! counts within it; everyone else (researchers, members, the public) gets only people who
//! consented to statistics, through disclosure control (`crate::disclosure`). Never a person.

mod error;
mod query;
mod service;
mod store;

pub use error::MappingError;
pub use query::{AGE_BANDS, CountDimension, CountQuery, age_band};
pub use service::{CountTable, MappingService};
pub use store::{CountScope, MappingStore};
