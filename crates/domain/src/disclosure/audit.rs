//! The audit that proves a published table safe, from the outside: for every suppressed count,
//! the least and greatest value it can take given everything published (and that counts are
//! never negative). A count is *recoverable* when that interval is a single value, and *exposed*
//! when it is recoverable or its upper bound is below the threshold (the outsider then knows
//! it is a small count). Intervals are exact — maximum flows in the table's network, see
//! `network.rs` — not bounds, and they depend only on the published values: the original table
//! serves as one feasible completion to start from, and is checked against what was published.

use super::error::DisclosureError;
use super::network::{Interval, Line, Network};
use super::suppress::DisclosurePolicy;
use super::table::{
    Cell, HierarchyPosition, OneWayPosition, Published1D, Published2D, PublishedHierarchy, Table1D,
    Table2D, TableHierarchy, TwoWayPosition,
};

/// A published table that can be audited against its original.
pub trait Audit {
    /// The table of raw counts it was published from.
    type Original;
    /// How a count of the table is named.
    type Position;

    /// The feasibility interval of every suppressed count, in table order.
    ///
    /// # Errors
    ///
    /// [`DisclosureError::NotTheOriginal`] if `original` has other keys or a published value
    /// differs from it.
    fn intervals(
        &self,
        original: &Self::Original,
    ) -> Result<Vec<(Self::Position, Interval)>, DisclosureError>;
}

impl Audit for Published1D {
    type Original = Table1D;
    type Position = OneWayPosition;

    fn intervals(
        &self,
        original: &Table1D,
    ) -> Result<Vec<(OneWayPosition, Interval)>, DisclosureError> {
        if !self.same_shape(original) {
            return Err(DisclosureError::NotTheOriginal);
        }
        let found = flat_intervals(&self.flat(), &original.flat(), &self.lines())?;
        Ok(found
            .into_iter()
            .filter_map(|(i, interval)| Some((self.position(i)?, interval)))
            .collect())
    }
}

impl Audit for Published2D {
    type Original = Table2D;
    type Position = TwoWayPosition;

    fn intervals(
        &self,
        original: &Table2D,
    ) -> Result<Vec<(TwoWayPosition, Interval)>, DisclosureError> {
        if !self.same_shape(original) {
            return Err(DisclosureError::NotTheOriginal);
        }
        let found = flat_intervals(&self.flat(), &original.flat(), &self.lines())?;
        Ok(found
            .into_iter()
            .filter_map(|(i, interval)| Some((self.position(i)?, interval)))
            .collect())
    }
}

impl Audit for PublishedHierarchy {
    type Original = TableHierarchy;
    type Position = HierarchyPosition;

    fn intervals(
        &self,
        original: &TableHierarchy,
    ) -> Result<Vec<(HierarchyPosition, Interval)>, DisclosureError> {
        if !self.same_shape(original) {
            return Err(DisclosureError::NotTheOriginal);
        }
        let found = flat_intervals(&self.flat(), &original.flat(), &self.lines())?;
        Ok(found
            .into_iter()
            .filter_map(|(i, interval)| Some((self.position(i)?, interval)))
            .collect())
    }
}

/// The feasibility interval of every suppressed count of `published`.
///
/// # Errors
///
/// [`DisclosureError::NotTheOriginal`] as [`Audit::intervals`].
pub fn feasibility_intervals<P: Audit>(
    published: &P,
    original: &P::Original,
) -> Result<Vec<(P::Position, Interval)>, DisclosureError> {
    published.intervals(original)
}

/// The suppressed counts an outsider can compute exactly from what is published: the lone
/// suppressed count of a line with a published total (total minus the rest), and any count
/// pinned by several lines together or by nonnegativity.
///
/// # Errors
///
/// [`DisclosureError::NotTheOriginal`] as [`Audit::intervals`].
pub fn recoverable_cells<P: Audit>(
    published: &P,
    original: &P::Original,
) -> Result<Vec<P::Position>, DisclosureError> {
    Ok(published
        .intervals(original)?
        .into_iter()
        .filter(|(_, interval)| interval.is_exact())
        .map(|(position, _)| position)
        .collect())
}

/// The suppressed counts that are not protected under `policy`: recoverable, or known to be
/// below the threshold. Empty for every table the `suppress_*` functions publish.
///
/// # Errors
///
/// [`DisclosureError::NotTheOriginal`] as [`Audit::intervals`].
pub fn unsafe_cells<P: Audit>(
    published: &P,
    original: &P::Original,
    policy: &DisclosurePolicy,
) -> Result<Vec<P::Position>, DisclosureError> {
    Ok(published
        .intervals(original)?
        .into_iter()
        .filter(|(_, interval)| interval.is_exact() || interval.is_below(policy.threshold))
        .map(|(position, _)| position)
        .collect())
}

/// Intervals by flat index, after checking that every published value is the original's.
fn flat_intervals(
    published: &[Cell],
    original: &[u64],
    lines: &[Line],
) -> Result<Vec<(usize, Interval)>, DisclosureError> {
    if published.len() != original.len() {
        return Err(DisclosureError::NotTheOriginal);
    }
    let mut suppressed = Vec::with_capacity(published.len());
    for (cell, &value) in published.iter().zip(original) {
        match cell {
            Cell::Published(shown) if *shown != value => {
                return Err(DisclosureError::NotTheOriginal);
            }
            Cell::Published(_) => suppressed.push(false),
            Cell::Suppressed => suppressed.push(true),
        }
    }
    let network = Network::new(original.len(), lines);
    Ok(suppressed
        .iter()
        .enumerate()
        .filter(|&(_, &hidden)| hidden)
        .map(|(i, _)| (i, network.interval(original, &suppressed, i)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::testing::{Rng, grid, mask_2d, positions_2d, recovered_by_elimination};

    fn cell(row: &str, column: &str) -> TwoWayPosition {
        TwoWayPosition::cell(row, column)
    }

    #[test]
    fn naive_primary_only_suppression_is_caught_by_the_audit() {
        // r1: 4 is the only small cell of its row and its column.
        let table = grid(&[&[4, 25, 31], &[18, 40, 22], &[27, 19, 35]]);
        let naive = mask_2d(&table, &[cell("r1", "A")]);
        assert_eq!(
            recoverable_cells(&naive, &table).unwrap(),
            [cell("r1", "A")]
        );
        assert_eq!(
            unsafe_cells(&naive, &table, &DisclosurePolicy::default()).unwrap(),
            [cell("r1", "A")]
        );
        // What an outsider does by hand: the row total minus the published cells.
        assert_eq!(recovered_by_elimination(&naive), [(cell("r1", "A"), 4)]);
        let intervals = feasibility_intervals(&naive, &table).unwrap();
        assert_eq!(
            intervals,
            [(
                cell("r1", "A"),
                Interval {
                    lower: 4,
                    upper: Some(4)
                }
            )]
        );
    }

    #[test]
    fn two_small_cells_that_hide_each_other_still_tell_that_they_are_small() {
        // 3 and 4 alone in their row: neither can be computed, but both are at most 7.
        let table = grid(&[&[3, 4, 30], &[20, 20, 20]]);
        let pair = mask_2d(
            &table,
            &[
                cell("r1", "A"),
                cell("r1", "B"),
                cell("r2", "A"),
                cell("r2", "B"),
            ],
        );
        assert_eq!(recoverable_cells(&pair, &table).unwrap(), []);
        assert_eq!(
            feasibility_intervals(&pair, &table).unwrap(),
            [
                (
                    cell("r1", "A"),
                    Interval {
                        lower: 0,
                        upper: Some(7)
                    }
                ),
                (
                    cell("r1", "B"),
                    Interval {
                        lower: 0,
                        upper: Some(7)
                    }
                ),
                (
                    cell("r2", "A"),
                    Interval {
                        lower: 16,
                        upper: Some(23)
                    }
                ),
                (
                    cell("r2", "B"),
                    Interval {
                        lower: 17,
                        upper: Some(24)
                    }
                ),
            ]
        );
        assert_eq!(
            unsafe_cells(&pair, &table, &DisclosurePolicy::default()).unwrap(),
            [cell("r1", "A"), cell("r1", "B")]
        );
    }

    #[test]
    fn nonnegativity_can_pin_a_cell_that_no_equation_isolates() {
        // Rows r1 and r2 each hide two cells; column B's hidden cells add up to 0, so both are
        // 0, which fixes the A cells too although every line has two unknowns.
        let table = grid(&[&[5, 0, 30], &[7, 0, 30]]);
        let hidden = [
            cell("r1", "A"),
            cell("r1", "B"),
            cell("r2", "A"),
            cell("r2", "B"),
        ];
        let published = mask_2d(&table, &hidden);
        assert_eq!(recovered_by_elimination(&published), []);
        assert_eq!(recoverable_cells(&published, &table).unwrap(), hidden);
    }

    #[test]
    fn an_audit_against_another_table_is_refused() {
        let table = grid(&[&[4, 25], &[18, 40]]);
        let published = mask_2d(&table, &[cell("r1", "A")]);
        let other_value = grid(&[&[4, 26], &[18, 39]]);
        assert_eq!(
            recoverable_cells(&published, &other_value),
            Err(DisclosureError::NotTheOriginal)
        );
        let other_shape = grid(&[&[4, 25, 1], &[18, 40, 1]]);
        assert_eq!(
            recoverable_cells(&published, &other_shape),
            Err(DisclosureError::NotTheOriginal)
        );
        let one_way = Table1D::from_counts([("a", 4), ("b", 25)]).unwrap();
        let other = Table1D::from_counts([("a", 4), ("c", 25)]).unwrap();
        let published = one_way.map(|_, v| Cell::Published(v));
        assert_eq!(
            feasibility_intervals(&published, &other),
            Err(DisclosureError::NotTheOriginal)
        );
    }

    /// Every completion of the published table by brute force: each suppressed inner cell takes
    /// every value in `0..=bound`, margins follow, and a completion counts if it agrees with
    /// every published count. Returns the least and greatest value of every suppressed position,
    /// in table order.
    fn brute_force(published: &Published2D, bound: u64) -> Vec<(TwoWayPosition, u64, u64)> {
        let (r, c) = (published.rows().len(), published.columns().len());
        let flat = published.flat();
        let unknown: Vec<usize> = (0..r * c).filter(|&i| flat[i].is_suppressed()).collect();
        let mut inner: Vec<u64> = flat[..r * c]
            .iter()
            .map(|cell| cell.value().unwrap_or(0))
            .collect();
        let mut ranges: Vec<Option<(u64, u64)>> = vec![None; flat.len()];
        loop {
            let mut completion = inner.clone();
            completion.extend((0..r).map(|i| inner[i * c..(i + 1) * c].iter().sum::<u64>()));
            completion.extend((0..c).map(|j| (0..r).map(|i| inner[i * c + j]).sum::<u64>()));
            completion.push(inner.iter().sum());
            if flat
                .iter()
                .zip(&completion)
                .all(|(cell, &v)| cell.value().is_none_or(|shown| shown == v))
            {
                for (range, &v) in ranges.iter_mut().zip(&completion) {
                    let range = range.get_or_insert((v, v));
                    *range = (range.0.min(v), range.1.max(v));
                }
            }
            // Next assignment, odometer style.
            let mut k = 0;
            loop {
                let Some(&i) = unknown.get(k) else {
                    return (0..flat.len())
                        .filter(|&i| flat[i].is_suppressed())
                        .map(|i| {
                            let (low, high) = ranges[i].unwrap();
                            (published.position(i).unwrap(), low, high)
                        })
                        .collect();
                };
                if inner[i] < bound {
                    inner[i] += 1;
                    break;
                }
                inner[i] = 0;
                k += 1;
            }
        }
    }

    #[test]
    fn audit_intervals_are_exact_against_brute_force_on_small_tables() {
        let mut rng = Rng::new(2024);
        let shapes: [(u64, u64); 5] = [(1, 3), (3, 1), (2, 2), (2, 3), (3, 2)];
        let mut checked = 0;
        for case in 0..160 {
            let (rows, columns) = shapes[case % shapes.len()];
            let counts: Vec<(String, String, u64)> = (0..rows)
                .flat_map(|r| (0..columns).map(move |c| (r, c)))
                .map(|(r, c)| (format!("r{r}"), format!("c{c}"), rng.between(0, 4)))
                .collect();
            let table = Table2D::from_counts(counts).unwrap();
            // Any pattern: at most three inner cells, margins at random.
            let mut hidden: Vec<TwoWayPosition> = positions_2d(&table)
                .into_iter()
                .map(|(p, _)| p)
                .filter(|p| match p {
                    TwoWayPosition::Cell { .. } => false,
                    _ => rng.between(0, 2) == 0,
                })
                .collect();
            let inner: Vec<TwoWayPosition> = positions_2d(&table)
                .into_iter()
                .map(|(p, _)| p)
                .filter(|p| matches!(p, TwoWayPosition::Cell { .. }))
                .collect();
            for _ in 0..rng.between(1, 3) {
                let pick =
                    inner[usize::try_from(rng.between(0, inner.len() as u64 - 1)).unwrap()].clone();
                if !hidden.contains(&pick) {
                    hidden.push(pick);
                }
            }
            let published = mask_2d(&table, &hidden);
            let grand = table.grand_total();
            let bound = 2 * grand + 5;
            let exact = feasibility_intervals(&published, &table).unwrap();
            let brute = brute_force(&published, bound);
            assert_eq!(exact.len(), brute.len());
            for ((position, interval), (same, low, high)) in exact.into_iter().zip(brute) {
                assert_eq!(position, same);
                assert_eq!(
                    interval.lower, low,
                    "case {case}: {position:?} in {table:?} hiding {hidden:?}"
                );
                match interval.upper {
                    Some(upper) => assert_eq!(
                        upper, high,
                        "case {case}: {position:?} in {table:?} hiding {hidden:?}"
                    ),
                    // Unbounded: some completion goes past anything a published total allows.
                    None => assert!(
                        high > grand,
                        "case {case}: {position:?} in {table:?} hiding {hidden:?}"
                    ),
                }
                checked += 1;
            }
        }
        assert!(checked > 300, "only {checked} intervals checked");
    }
}
