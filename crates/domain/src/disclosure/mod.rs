//! Statistical disclosure control for published counts (issue M5 and the privacy rules of
//! DESIGN.md): count tables (`table`), primary and complementary suppression under a
//! [`DisclosurePolicy`] (`suppress`), the audit that proves no suppressed count can be
//! recomputed or shown to be small (`audit`, on the flow network of `network`), and the guard
//! that ethnicity is never crossed with sub-country geography (`rules`). Pure computation: the
//! mapping service counts, calls [`CrossCheck`], suppresses, and hands the published table to
//! the web layer; staff within their scope may see raw tables, researchers and the public only
//! published ones.

mod audit;
mod error;
mod network;
mod rules;
mod suppress;
mod table;
#[cfg(test)]
mod testing;

pub use audit::{Audit, feasibility_intervals, recoverable_cells, unsafe_cells};
pub use error::DisclosureError;
pub use network::Interval;
pub use rules::{CrossCheck, Dimension};
pub use suppress::{
    DEFAULT_THRESHOLD, DisclosurePolicy, Suppression, SuppressionSummary, suppress_1d, suppress_2d,
    suppress_hierarchy,
};
pub use table::{
    Cell, Hierarchy, HierarchyPosition, OneWay, OneWayPosition, Published1D, Published2D,
    PublishedHierarchy, Table1D, Table2D, TableHierarchy, TwoWay, TwoWayPosition, UNKNOWN_KEY,
};
