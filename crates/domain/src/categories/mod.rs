//! Legal categories (capability 2): a home country's *policy profile* turns a person's facts
//! into the categories its law defines — Kazakhstan's ethnic Kazakh abroad, compatriot, citizen
//! abroad, kandas and diaspora; Uzbekistan's vatandosh and its sub-groups. Categories are
//! computed, never typed in; they overlap; each finding carries its rule id and legal basis;
//! a fact that is not known makes a category undetermined, naming that fact, never a guess.
//! Only codes live here: the web layer translates `category-<code>` and `fact-<code>`.

mod facts;
mod kz;
mod profile;
mod uz;

pub use facts::{
    CategoryFacts, Citizenship, CitizenshipPeriod, EthnicGroup, EthnicityAnswer, Fact,
    HistoricalEntity, KandasGrant, KandasStatus, Permanence, Residence,
};
pub use profile::{CategoryDefinition, CategoryFinding, Determination, PolicyProfile, ProfileCode};
