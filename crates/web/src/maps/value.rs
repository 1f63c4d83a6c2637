//! The value of one cell of a published count: a number, a number hidden by disclosure control,
//! or nothing. Maps and charts draw the three differently, so a suppressed cell never looks
//! like zero and never looks like a missing one.

/// One published cell of a count table, as maps and charts draw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellValue {
    /// A published count (zero included: zero is a fact, not a gap).
    Count(u64),
    /// Disclosure control hid the count (below the threshold, or complementary suppression).
    Suppressed,
    /// There is no figure for this cell.
    NoData,
}
