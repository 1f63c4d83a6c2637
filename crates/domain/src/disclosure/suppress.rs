//! Disclosure control of count tables: primary suppression of every count below the threshold,
//! then complementary (secondary) suppression until no suppressed count can be recomputed from
//! what is published, nor pinned below the threshold. Tables that pass through here are the only
//! ones researchers and the public may see.
//!
//! Complementary suppression runs in two stages, repeated until nothing changes:
//!
//! 1. **Line rules**, the textbook ones. A line is a total and the counts it adds up (a one-way
//!    table; each row and column of a two-way table, and its row and column of totals; a child
//!    table under its parent's count). In a line whose total is published, if exactly one count
//!    is suppressed, or the suppressed counts add up to less than the threshold (publishing the
//!    total would then publish a small count for their union), the smallest other published
//!    non-zero count is suppressed too (ties: the first key); if there is none, the total is.
//!    In a line whose total is suppressed while all its counts are published, the smallest
//!    non-zero count is suppressed, or the total would be their sum.
//! 2. **Audit and repair.** Line rules cannot see patterns spanning several lines (two blocks of
//!    suppressed cells joined by one cell: that cell follows from the sum of some rows minus the
//!    sum of some columns). Every suppressed count gets its exact feasibility interval (see
//!    `network.rs`); a count that is recovered exactly, or whose upper bound is below the
//!    threshold, gets the cheapest set of extra suppressions that lets it rise far enough
//!    (a shortest path in the table's network, cost = the values suppressed).
//!
//! The result is checked by the same audit the public `audit` functions run, so a
//! published table is never one the audit would flag. Suppression is deterministic: the same
//! counts give the same published table.
//!
//! What this does not cover: differencing between separately published tables that share
//! margins (a country total published in one table and suppressed in another), or between
//! releases over time. Publish linked breakdowns as one [`TableHierarchy`], keep margins
//! consistent across tables, and do not publish tables that differ by one person.

use super::network::{Line, Network, raise_needed};
use super::table::{
    Cell, Published1D, Published2D, PublishedHierarchy, Table1D, Table2D, TableHierarchy,
};

/// The threshold the design fixes: any published count below 10 is suppressed.
pub const DEFAULT_THRESHOLD: u64 = 10;

/// What disclosure control withholds.
///
/// `suppress_zeros` is off by default: a true zero says that nobody from the group is there; it
/// is about no person, and hiding it would make maps of small diasporas useless. Zeros are then
/// published and never chosen as complementary suppressions (a suppressed zero protects
/// nothing). Turn it on for a breakdown where the absence itself is sensitive; note that a row
/// of zeros but one cell reveals an attribute of everyone in that row whatever the threshold,
/// which is why ethnicity is never crossed with sub-country geography (see `rules.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DisclosurePolicy {
    /// Counts from 1 to `threshold - 1` are suppressed (totals too).
    pub threshold: u64,
    /// Whether zero counts are suppressed as well.
    pub suppress_zeros: bool,
}

impl Default for DisclosurePolicy {
    fn default() -> Self {
        Self {
            threshold: DEFAULT_THRESHOLD,
            suppress_zeros: false,
        }
    }
}

impl DisclosurePolicy {
    /// Whether a count of `value` must be suppressed for its own sake (primary suppression).
    pub fn is_sensitive(&self, value: u64) -> bool {
        if value == 0 {
            self.suppress_zeros
        } else {
            value < self.threshold
        }
    }
}

/// How many counts (totals included) were suppressed, and why.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SuppressionSummary {
    /// Counts suppressed because they are below the threshold (or zero, if zeros are).
    pub primary: usize,
    /// Counts suppressed only so that the primary ones cannot be recomputed.
    pub secondary: usize,
}

/// A published table and the summary of what was withheld to publish it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression<T> {
    /// The table as it may be shown: each count published as is, or suppressed.
    pub published: T,
    /// How many counts were suppressed.
    pub summary: SuppressionSummary,
}

/// Applies disclosure control to a one-way table.
pub fn suppress_1d(table: &Table1D, policy: &DisclosurePolicy) -> Suppression<Published1D> {
    let (mask, summary) = protect(&table.flat(), &table.lines(), policy);
    Suppression {
        published: table.map(|i, v| publish(&mask, i, v)),
        summary,
    }
}

/// Applies disclosure control to a two-way table with its margins.
pub fn suppress_2d(table: &Table2D, policy: &DisclosurePolicy) -> Suppression<Published2D> {
    let (mask, summary) = protect(&table.flat(), &table.lines(), policy);
    Suppression {
        published: table.map(|i, v| publish(&mask, i, v)),
        summary,
    }
}

/// Applies disclosure control to a parent table and its child tables together, so that a
/// parent suppressed in its table cannot be recomputed from its children, and the reverse.
pub fn suppress_hierarchy(
    table: &TableHierarchy,
    policy: &DisclosurePolicy,
) -> Suppression<PublishedHierarchy> {
    let (mask, summary) = protect(&table.flat(), &table.lines(), policy);
    Suppression {
        published: table.map(|i, v| publish(&mask, i, v)),
        summary,
    }
}

fn publish(mask: &[bool], index: usize, value: u64) -> Cell {
    if mask.get(index).copied().unwrap_or(true) {
        Cell::Suppressed
    } else {
        Cell::Published(value)
    }
}

/// Which flat positions to suppress so that every suppressed count is protected.
fn protect(
    values: &[u64],
    lines: &[Line],
    policy: &DisclosurePolicy,
) -> (Vec<bool>, SuppressionSummary) {
    let primary: Vec<bool> = values.iter().map(|&v| policy.is_sensitive(v)).collect();
    let mut suppressed = primary.clone();
    let network = Network::new(values.len(), lines);
    loop {
        complete_lines(values, lines, &mut suppressed, policy.threshold);
        let exposed = (0..values.len()).find(|&p| {
            suppressed.get(p).copied().unwrap_or(false)
                && !network.is_protected(values, &suppressed, p, policy.threshold)
        });
        let Some(exposed) = exposed else {
            break;
        };
        let need = raise_needed(values.get(exposed).copied().unwrap_or(0), policy.threshold);
        match network.cheapest_protection(values, &suppressed, exposed, need) {
            Some(path) if !path.is_empty() => {
                for position in path {
                    if let Some(flag) = suppressed.get_mut(position) {
                        *flag = true;
                    }
                }
            }
            // Not reachable for the layouts of `table.rs` (their networks are strongly
            // connected through non-zero or suppressed counts); withholding everything is the
            // safe answer if it ever were.
            _ => {
                suppressed.fill(true);
                break;
            }
        }
    }
    let total = suppressed.iter().filter(|&&s| s).count();
    let primary = primary.iter().filter(|&&p| p).count();
    (
        suppressed,
        SuppressionSummary {
            primary,
            secondary: total.saturating_sub(primary),
        },
    )
}

/// Applies the line rules until no line asks for more.
fn complete_lines(values: &[u64], lines: &[Line], suppressed: &mut [bool], threshold: u64) {
    loop {
        let mut changed = false;
        for line in lines {
            if let Some(position) = complement(values, line, suppressed, threshold)
                && let Some(flag) = suppressed.get_mut(position)
            {
                *flag = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// The position a line needs suppressed next, if any.
fn complement(values: &[u64], line: &Line, suppressed: &[bool], threshold: u64) -> Option<usize> {
    let is_suppressed = |p: usize| suppressed.get(p).copied().unwrap_or(false);
    let value = |p: usize| values.get(p).copied().unwrap_or(0);
    let hidden: Vec<usize> = line
        .cells
        .iter()
        .copied()
        .filter(|&p| is_suppressed(p))
        .collect();
    let hidden_sum = hidden
        .iter()
        .fold(0_u64, |sum, &p| sum.saturating_add(value(p)));
    let total_hidden = is_suppressed(line.total);
    let needs_more = if total_hidden {
        hidden.is_empty()
    } else {
        !hidden.is_empty() && (hidden.len() == 1 || hidden_sum < threshold)
    };
    if !needs_more {
        return None;
    }
    let smallest = line
        .cells
        .iter()
        .copied()
        .filter(|&p| !is_suppressed(p) && value(p) > 0)
        .min_by_key(|&p| (value(p), p));
    match smallest {
        Some(p) => Some(p),
        None if !total_hidden => Some(line.total),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::audit::{feasibility_intervals, recoverable_cells, unsafe_cells};
    use crate::disclosure::network::Interval;
    use crate::disclosure::table::{HierarchyPosition, OneWayPosition, TwoWayPosition};
    use crate::disclosure::testing::{
        Rng, grid, mask_2d, positions_2d, random_table_1d, random_table_2d,
        recovered_by_elimination, suppressed_2d,
    };

    fn one_way(counts: &[(&str, u64)]) -> Table1D {
        Table1D::from_counts(counts.iter().map(|&(k, v)| (k, v))).unwrap()
    }

    fn suppressed_keys(published: &Published1D) -> Vec<&str> {
        published
            .iter()
            .filter(|(_, cell)| cell.is_suppressed())
            .map(|(key, _)| key)
            .collect()
    }

    fn cell(row: &str, column: &str) -> TwoWayPosition {
        TwoWayPosition::cell(row, column)
    }

    fn line() -> Line {
        Line {
            cells: vec![0, 1, 2, 3],
            total: 4,
            cells_out: true,
        }
    }

    #[test]
    fn the_line_rules_ask_for_the_smallest_non_zero_published_cell_or_else_the_total() {
        let values = [3, 0, 40, 25, 68];
        let cases: [(&[bool], Option<usize>, &str); 7] = [
            (&[false, false, false, false, false], None, "nothing hidden"),
            (
                &[true, false, false, false, false],
                Some(3),
                "a lone hidden cell takes the smallest non-zero",
            ),
            (
                &[true, true, false, false, false],
                Some(3),
                "3 + 0 is below the threshold",
            ),
            (
                &[true, false, false, true, false],
                None,
                "3 + 25 protect each other",
            ),
            (
                &[false, false, false, false, true],
                Some(0),
                "a hidden total with every cell shown",
            ),
            (
                &[true, false, false, false, true],
                None,
                "a hidden total and a hidden cell",
            ),
            (
                &[true, false, true, true, false],
                None,
                "nothing left to take, nothing needed",
            ),
        ];
        for (hidden, expected, why) in cases {
            assert_eq!(complement(&values, &line(), hidden, 10), expected, "{why}");
        }
        // Only zeros left beside a lone hidden cell: the total goes instead.
        assert_eq!(
            complement(
                &[12, 0, 0, 0, 12],
                &line(),
                &[true, false, false, false, false],
                10
            ),
            Some(4)
        );
    }

    #[test]
    fn a_lone_small_cell_takes_the_smallest_other_cell_with_it() {
        let table = one_way(&[("A", 3), ("B", 25), ("C", 40), ("D", 12)]);
        let result = suppress_1d(&table, &DisclosurePolicy::default());
        assert_eq!(suppressed_keys(&result.published), ["A", "D"]);
        assert_eq!(result.published.total(), Cell::Published(80));
        assert_eq!(result.published.get("B"), Some(Cell::Published(25)));
        assert_eq!(
            result.summary,
            SuppressionSummary {
                primary: 1,
                secondary: 1
            }
        );
        // The outsider knows A + D = 15 and nothing more.
        let intervals = feasibility_intervals(&result.published, &table).unwrap();
        assert_eq!(
            intervals,
            [
                (
                    OneWayPosition::Cell("A".into()),
                    Interval {
                        lower: 0,
                        upper: Some(15)
                    }
                ),
                (
                    OneWayPosition::Cell("D".into()),
                    Interval {
                        lower: 0,
                        upper: Some(15)
                    }
                ),
            ]
        );
    }

    #[test]
    fn small_cells_that_add_up_to_less_than_the_threshold_take_another_cell_with_them() {
        let table = one_way(&[("A", 3), ("B", 4), ("C", 40), ("D", 25)]);
        let result = suppress_1d(&table, &DisclosurePolicy::default());
        // A + B = 7 would publish a count of 7 for the two of them.
        assert_eq!(suppressed_keys(&result.published), ["A", "B", "D"]);
        assert_eq!(
            result.summary,
            SuppressionSummary {
                primary: 2,
                secondary: 1
            }
        );
        assert!(
            unsafe_cells(&result.published, &table, &DisclosurePolicy::default())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn small_cells_that_add_up_to_the_threshold_protect_each_other() {
        let table = one_way(&[("A", 4), ("B", 6), ("C", 40)]);
        let result = suppress_1d(&table, &DisclosurePolicy::default());
        assert_eq!(suppressed_keys(&result.published), ["A", "B"]);
        assert_eq!(
            result.summary,
            SuppressionSummary {
                primary: 2,
                secondary: 0
            }
        );
    }

    #[test]
    fn ties_between_complements_are_broken_by_key() {
        let table = one_way(&[("c", 20), ("a", 3), ("b", 20), ("d", 20)]);
        let result = suppress_1d(&table, &DisclosurePolicy::default());
        assert_eq!(suppressed_keys(&result.published), ["a", "b"]);
    }

    #[test]
    fn a_table_whose_total_is_small_is_withheld_entirely() {
        let table = one_way(&[("A", 3), ("B", 4)]);
        let result = suppress_1d(&table, &DisclosurePolicy::default());
        assert_eq!(suppressed_keys(&result.published), ["A", "B"]);
        assert_eq!(result.published.total(), Cell::Suppressed);
        assert_eq!(
            result.summary,
            SuppressionSummary {
                primary: 3,
                secondary: 0
            }
        );
    }

    #[test]
    fn a_table_without_small_counts_is_published_whole() {
        let table = one_way(&[("A", 10), ("B", 0), ("C", 99)]);
        let result = suppress_1d(&table, &DisclosurePolicy::default());
        assert_eq!(result.published, table.map(|_, v| Cell::Published(v)));
        assert_eq!(result.summary, SuppressionSummary::default());
    }

    #[test]
    fn zeros_are_published_and_never_used_as_complements_unless_the_policy_hides_them() {
        let table = one_way(&[("a", 0), ("b", 3), ("c", 15), ("d", 0), ("e", 30)]);
        let default = suppress_1d(&table, &DisclosurePolicy::default());
        assert_eq!(suppressed_keys(&default.published), ["b", "c"]);
        assert_eq!(default.published.get("a"), Some(Cell::Published(0)));

        let hide_zeros = DisclosurePolicy {
            suppress_zeros: true,
            ..DisclosurePolicy::default()
        };
        let strict = suppress_1d(&table, &hide_zeros);
        // a, b, d are primary; together they are 3 < 10, so c joins them.
        assert_eq!(suppressed_keys(&strict.published), ["a", "b", "c", "d"]);
        assert_eq!(
            strict.summary,
            SuppressionSummary {
                primary: 3,
                secondary: 1
            }
        );
        assert!(
            unsafe_cells(&strict.published, &table, &hide_zeros)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_line_with_one_cell_suppresses_its_total_instead() {
        // One column: each row's only cell equals its row total.
        let table = grid(&[&[5], &[20], &[30]]);
        let result = suppress_2d(&table, &DisclosurePolicy::default());
        assert_eq!(
            suppressed_2d(&result.published),
            [
                cell("r1", "A"),
                cell("r2", "A"),
                TwoWayPosition::RowTotal("r1".into()),
                TwoWayPosition::RowTotal("r2".into()),
            ]
        );
        assert_eq!(
            result.summary,
            SuppressionSummary {
                primary: 2,
                secondary: 2
            }
        );
        assert_eq!(
            result.published.column_total("A"),
            Some(Cell::Published(55))
        );
    }

    /// A textbook 4 × 4 table with three small cells; every step checked by hand:
    /// rows take B (15), D (18) and A (12) as complements; then column C is left with one
    /// suppressed cell and takes (r3, C) = 14, column D takes (r4, D) = 11, and row r4 in turn
    /// takes (r4, B) = 22. Every line then has two or more suppressed cells adding up to 10+,
    /// and the suppressed cells form two cycles, so nothing can be recomputed.
    #[test]
    fn the_textbook_two_way_table_gets_its_complements_row_then_column_then_row() {
        let table = grid(&[
            &[20, 15, 3, 30],
            &[2, 40, 25, 18],
            &[12, 5, 14, 20],
            &[35, 22, 28, 11],
        ]);
        let policy = DisclosurePolicy::default();
        let result = suppress_2d(&table, &policy);
        assert_eq!(
            suppressed_2d(&result.published),
            [
                cell("r1", "B"),
                cell("r1", "C"),
                cell("r2", "A"),
                cell("r2", "D"),
                cell("r3", "A"),
                cell("r3", "B"),
                cell("r3", "C"),
                cell("r4", "B"),
                cell("r4", "D"),
            ]
        );
        assert_eq!(
            result.summary,
            SuppressionSummary {
                primary: 3,
                secondary: 6
            }
        );
        let intervals = feasibility_intervals(&result.published, &table).unwrap();
        let of =
            |position: TwoWayPosition| intervals.iter().find(|(p, _)| *p == position).unwrap().1;
        // (r2, A) can rise by at most what (r3, A) can give up: 12.
        assert_eq!(
            of(cell("r2", "A")),
            Interval {
                lower: 0,
                upper: Some(14)
            }
        );
        // (r1, C) can rise by at most what (r3, C) can give up: 14.
        assert_eq!(
            of(cell("r1", "C")),
            Interval {
                lower: 0,
                upper: Some(17)
            }
        );
        assert!(
            unsafe_cells(&result.published, &table, &policy)
                .unwrap()
                .is_empty()
        );
        // Primary suppression alone gives all three small cells away.
        let naive = mask_2d(&table, &[cell("r1", "C"), cell("r2", "A"), cell("r3", "B")]);
        assert_eq!(
            recoverable_cells(&naive, &table).unwrap(),
            [cell("r1", "C"), cell("r2", "A"), cell("r3", "B")]
        );
    }

    /// Two blocks of small cells joined by one small cell: every row and column has at least
    /// two suppressed cells adding up to 10 or more, so the line rules are satisfied, yet the
    /// joining cell is rows r1 + r2 minus columns A + B. The audit stage must catch and fix it.
    #[test]
    fn a_pattern_that_satisfies_every_line_rule_but_leaks_is_repaired() {
        let table = grid(&[
            &[6, 6, 30, 40, 50],
            &[6, 6, 6, 45, 35],
            &[30, 40, 6, 6, 60],
            &[45, 35, 6, 6, 70],
            &[50, 60, 70, 80, 90],
        ]);
        let policy = DisclosurePolicy::default();
        let primary: Vec<TwoWayPosition> = positions_2d(&table)
            .into_iter()
            .filter(|&(_, v)| policy.is_sensitive(v))
            .map(|(p, _)| p)
            .collect();
        assert_eq!(primary.len(), 9);
        let primary_only = mask_2d(&table, &primary);
        assert!(
            recovered_by_elimination(&primary_only).is_empty(),
            "no line has a lone unknown"
        );
        assert_eq!(
            recoverable_cells(&primary_only, &table).unwrap(),
            [cell("r2", "C")]
        );

        let result = suppress_2d(&table, &policy);
        let hidden = suppressed_2d(&result.published);
        assert!(primary.iter().all(|p| hidden.contains(p)));
        assert!(hidden.len() > primary.len());
        assert!(
            unsafe_cells(&result.published, &table, &policy)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn a_parent_suppressed_as_a_complement_cannot_be_rebuilt_from_its_children() {
        let top = one_way(&[("DE", 40), ("KZ", 22), ("TR", 3)]);
        let table = TableHierarchy::new(top)
            .with_children("KZ", [("KZ-ALA", 12), ("KZ-AST", 10)])
            .unwrap();
        let policy = DisclosurePolicy::default();
        let result = suppress_hierarchy(&table, &policy);
        let top = result.published.top();
        assert_eq!(top.get("TR"), Some(Cell::Suppressed));
        assert_eq!(
            top.get("KZ"),
            Some(Cell::Suppressed),
            "the smallest complement for TR"
        );
        let kz = result.published.children("KZ").unwrap();
        assert_eq!(
            kz.total(),
            Cell::Suppressed,
            "a child table's total is its parent's cell"
        );
        assert_eq!(kz.get("KZ-ALA"), Some(Cell::Published(12)));
        assert_eq!(
            kz.get("KZ-AST"),
            Some(Cell::Suppressed),
            "else KZ = 12 + 10 + 0"
        );
        assert_eq!(
            kz.get(crate::disclosure::UNKNOWN_KEY),
            Some(Cell::Published(0))
        );
        assert_eq!(
            result.summary,
            SuppressionSummary {
                primary: 1,
                secondary: 2
            }
        );
        let intervals = feasibility_intervals(&result.published, &table).unwrap();
        assert_eq!(
            intervals,
            [
                (
                    HierarchyPosition::Parent("KZ".into()),
                    Interval {
                        lower: 12,
                        upper: Some(25)
                    }
                ),
                (
                    HierarchyPosition::Parent("TR".into()),
                    Interval {
                        lower: 0,
                        upper: Some(13)
                    }
                ),
                (
                    HierarchyPosition::Child {
                        parent: "KZ".into(),
                        key: "KZ-AST".into()
                    },
                    Interval {
                        lower: 0,
                        upper: Some(13)
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_small_unknown_region_is_protected_inside_its_country() {
        let top = one_way(&[("DE", 40), ("KZ", 57)]);
        let table = TableHierarchy::new(top)
            .with_children("KZ", [("KZ-ALA", 30), ("KZ-AST", 20)])
            .unwrap();
        let result = suppress_hierarchy(&table, &DisclosurePolicy::default());
        let kz = result.published.children("KZ").unwrap();
        assert_eq!(
            kz.get(crate::disclosure::UNKNOWN_KEY),
            Some(Cell::Suppressed)
        );
        assert_eq!(kz.get("KZ-AST"), Some(Cell::Suppressed));
        assert_eq!(kz.get("KZ-ALA"), Some(Cell::Published(30)));
        assert_eq!(kz.total(), Cell::Published(57));
        assert_eq!(result.published.top().get("KZ"), Some(Cell::Published(57)));
    }

    /// Checks everything a published two-way table must satisfy against its original.
    fn assert_published_safely(table: &Table2D, policy: &DisclosurePolicy, seed: u64) {
        let result = suppress_2d(table, policy);
        let published = &result.published;
        let mut primary = 0;
        let mut hidden = 0;
        for ((position, original), (same, shown)) in
            positions_2d(table).into_iter().zip(positions_2d(published))
        {
            assert_eq!(position, same);
            if policy.is_sensitive(original) {
                primary += 1;
                assert_eq!(
                    shown,
                    Cell::Suppressed,
                    "seed {seed}: primary {position:?} = {original} shown"
                );
            }
            match shown {
                Cell::Published(value) => {
                    assert_eq!(value, original, "seed {seed}: {position:?} altered");
                }
                Cell::Suppressed => hidden += 1,
            }
        }
        assert_eq!(
            result.summary,
            SuppressionSummary {
                primary,
                secondary: hidden - primary
            },
            "seed {seed}"
        );
        assert_eq!(
            recoverable_cells(published, table).unwrap(),
            [],
            "seed {seed}: {table:?}"
        );
        assert_eq!(
            unsafe_cells(published, table, policy).unwrap(),
            [],
            "seed {seed}: {table:?}"
        );
        assert_eq!(
            recovered_by_elimination(published),
            [],
            "seed {seed}: {table:?}"
        );
        for (position, interval) in feasibility_intervals(published, table).unwrap() {
            let truth = table.at(&position).unwrap();
            assert!(
                interval.lower <= truth && interval.upper.is_none_or(|u| truth <= u),
                "seed {seed}: {position:?}"
            );
        }
        assert_eq!(
            &suppress_2d(table, policy),
            &result,
            "seed {seed}: deterministic"
        );
    }

    #[test]
    fn random_two_way_tables_are_published_with_nothing_recoverable_and_nothing_altered() {
        let mut rng = Rng::new(0x007A_4DA5);
        for seed in 0..1000 {
            let table = random_table_2d(&mut rng, 7);
            assert_published_safely(&table, &DisclosurePolicy::default(), seed);
        }
    }

    #[test]
    fn random_two_way_tables_are_safe_under_other_thresholds_and_with_zeros_hidden() {
        let mut rng = Rng::new(42);
        for seed in 0..300 {
            let table = random_table_2d(&mut rng, 6);
            let policy = DisclosurePolicy {
                threshold: [1, 3, 5, 10, 20, 50][usize::try_from(seed % 6).unwrap()],
                suppress_zeros: seed % 2 == 0,
            };
            assert_published_safely(&table, &policy, seed);
        }
    }

    #[test]
    fn larger_random_tables_with_many_small_cells_are_published_safely() {
        let mut rng = Rng::new(7);
        for seed in 0..15 {
            let rows = rng.between(10, 25);
            let columns = rng.between(4, 10);
            let mut counts = Vec::new();
            for r in 0..rows {
                for c in 0..columns {
                    let v = if rng.between(0, 2) == 0 {
                        rng.between(1, 9)
                    } else {
                        rng.count()
                    };
                    counts.push((format!("r{r:02}"), format!("c{c:02}"), v));
                }
            }
            let table = Table2D::from_counts(counts).unwrap();
            assert_published_safely(&table, &DisclosurePolicy::default(), seed);
        }
    }

    #[test]
    fn random_one_way_tables_are_published_with_nothing_recoverable_and_nothing_altered() {
        let mut rng = Rng::new(1);
        for seed in 0..500 {
            let table = random_table_1d(&mut rng, 9);
            let policy = DisclosurePolicy {
                suppress_zeros: seed % 3 == 0,
                ..DisclosurePolicy::default()
            };
            let result = suppress_1d(&table, &policy);
            for (key, original) in table.iter() {
                let shown = result.published.get(key).unwrap();
                if policy.is_sensitive(original) {
                    assert_eq!(shown, Cell::Suppressed, "seed {seed}");
                }
                assert!(shown.value().is_none_or(|v| v == original), "seed {seed}");
            }
            assert!(
                result
                    .published
                    .total()
                    .value()
                    .is_none_or(|v| v == table.total())
            );
            if policy.is_sensitive(table.total()) {
                assert_eq!(result.published.total(), Cell::Suppressed);
            }
            assert_eq!(
                unsafe_cells(&result.published, &table, &policy).unwrap(),
                [],
                "seed {seed}: {table:?}"
            );
        }
    }

    #[test]
    fn random_hierarchies_are_published_with_nothing_recoverable_and_nothing_altered() {
        let mut rng = Rng::new(99);
        for seed in 0..300 {
            let top = random_table_1d(&mut rng, 6);
            let mut table = TableHierarchy::new(top.clone());
            for (parent, count) in top.iter() {
                if rng.between(0, 2) == 0 {
                    continue;
                }
                // Split the parent's count among up to four regions, leaving some unknown.
                let mut left = count;
                let mut children = Vec::new();
                for region in 0..rng.between(1, 4) {
                    let part = rng.between(0, left);
                    left -= part;
                    children.push((format!("{parent}-{region}"), part));
                }
                table = table.with_children(parent, children).unwrap();
            }
            let policy = DisclosurePolicy {
                suppress_zeros: seed % 4 == 0,
                ..DisclosurePolicy::default()
            };
            let result = suppress_hierarchy(&table, &policy);
            let shown = result.published.flat();
            for (index, (original, cell)) in table.flat().into_iter().zip(shown).enumerate() {
                if policy.is_sensitive(original) {
                    assert_eq!(
                        cell,
                        Cell::Suppressed,
                        "seed {seed}: {:?}",
                        table.position(index)
                    );
                }
                assert!(cell.value().is_none_or(|v| v == original), "seed {seed}");
            }
            for parent in result.published.parents_with_children() {
                assert_eq!(
                    result.published.children(parent).unwrap().total(),
                    result.published.top().get(parent).unwrap(),
                    "seed {seed}: a child total is its parent's cell"
                );
            }
            assert_eq!(
                unsafe_cells(&result.published, &table, &policy).unwrap(),
                [],
                "seed {seed}: {table:?}"
            );
        }
    }
}
