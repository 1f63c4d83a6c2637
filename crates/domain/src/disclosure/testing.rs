//! Test support shared by the disclosure tests: a tiny deterministic PRNG, random tables, and an
//! independent implementation of the textbook recoverability rule, written without the flow
//! network so that the two check each other.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

use super::table::{Cell, Published2D, Table1D, Table2D, TwoWayPosition};

/// `SplitMix64`: deterministic, no dependency, good enough to spread test tables.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub(super) fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high - low + 1)
    }

    /// A count shaped like registry data: many zeros and small counts, some large ones.
    pub(super) fn count(&mut self) -> u64 {
        match self.between(0, 9) {
            0..=1 => 0,
            2..=4 => self.between(1, 9),
            5..=7 => self.between(10, 40),
            _ => self.between(41, 300),
        }
    }
}

/// A random two-way table with 1–`max_side` rows and columns.
pub(super) fn random_table_2d(rng: &mut Rng, max_side: u64) -> Table2D {
    let rows = rng.between(1, max_side);
    let columns = rng.between(1, max_side);
    let mut counts = Vec::new();
    for r in 0..rows {
        for c in 0..columns {
            counts.push((format!("r{r:02}"), format!("c{c:02}"), rng.count()));
        }
    }
    Table2D::from_counts(counts).unwrap()
}

/// A random one-way table with 1–`max_len` keys.
pub(super) fn random_table_1d(rng: &mut Rng, max_len: u64) -> Table1D {
    let len = rng.between(1, max_len);
    Table1D::from_counts((0..len).map(|k| (format!("k{k:02}"), rng.count()))).unwrap()
}

/// Every position of a two-way table with its value, in table order (as the audit lists
/// them): cells row by row, row totals, column totals, grand total.
pub(super) fn positions_2d<T: Copy>(table: &super::table::TwoWay<T>) -> Vec<(TwoWayPosition, T)> {
    let mut all = Vec::new();
    for row in table.rows() {
        for column in table.columns() {
            all.push((
                TwoWayPosition::cell(row, column),
                table.get(row, column).unwrap(),
            ));
        }
    }
    for row in table.rows() {
        all.push((
            TwoWayPosition::RowTotal(row.clone()),
            table.row_total(row).unwrap(),
        ));
    }
    for column in table.columns() {
        all.push((
            TwoWayPosition::ColumnTotal(column.clone()),
            table.column_total(column).unwrap(),
        ));
    }
    all.push((TwoWayPosition::GrandTotal, table.grand_total()));
    all
}

/// The textbook rule, by elimination: repeatedly, a line (row or column, with its total, or a
/// margin with the grand total) that has exactly one unknown gives that unknown away. Returns
/// what an outsider recovers this way, with the values recovered.
pub(super) fn recovered_by_elimination(published: &Published2D) -> Vec<(TwoWayPosition, u64)> {
    let rows: Vec<String> = published.rows().to_vec();
    let columns: Vec<String> = published.columns().to_vec();
    let mut known: std::collections::BTreeMap<TwoWayPosition, u64> = positions_2d(published)
        .into_iter()
        .filter_map(|(p, cell)| match cell {
            Cell::Published(v) => Some((p, v)),
            Cell::Suppressed => None,
        })
        .collect();
    let mut lines: Vec<(Vec<TwoWayPosition>, TwoWayPosition)> = Vec::new();
    for row in &rows {
        lines.push((
            columns
                .iter()
                .map(|c| TwoWayPosition::cell(row, c))
                .collect(),
            TwoWayPosition::RowTotal(row.clone()),
        ));
    }
    for column in &columns {
        lines.push((
            rows.iter()
                .map(|r| TwoWayPosition::cell(r, column))
                .collect(),
            TwoWayPosition::ColumnTotal(column.clone()),
        ));
    }
    lines.push((
        rows.iter().cloned().map(TwoWayPosition::RowTotal).collect(),
        TwoWayPosition::GrandTotal,
    ));
    lines.push((
        columns
            .iter()
            .cloned()
            .map(TwoWayPosition::ColumnTotal)
            .collect(),
        TwoWayPosition::GrandTotal,
    ));
    let mut recovered = Vec::new();
    loop {
        let mut progress = false;
        for (cells, total) in &lines {
            let unknown: Vec<&TwoWayPosition> = cells
                .iter()
                .chain([total])
                .filter(|p| !known.contains_key(*p))
                .collect();
            if unknown.len() != 1 {
                continue;
            }
            let target = unknown[0].clone();
            let cells_sum: i128 = cells
                .iter()
                .filter_map(|p| known.get(p))
                .map(|&v| i128::from(v))
                .sum();
            let value = if &target == total {
                cells_sum
            } else {
                i128::from(known[total]) - cells_sum
            };
            let value = u64::try_from(value).unwrap();
            known.insert(target.clone(), value);
            recovered.push((target, value));
            progress = true;
        }
        if !progress {
            return recovered;
        }
    }
}

/// The table published with exactly the positions `hidden` suppressed (for audits of
/// suppression patterns that `suppress_2d` would never produce, such as primary only).
pub(super) fn mask_2d(table: &Table2D, hidden: &[TwoWayPosition]) -> Published2D {
    table.map(|i, v| {
        if hidden.contains(&table.position(i).unwrap()) {
            Cell::Suppressed
        } else {
            Cell::Published(v)
        }
    })
}

/// A two-way table from a grid of counts, rows `r1…` and columns `A…`.
pub(super) fn grid(rows: &[&[u64]]) -> Table2D {
    let mut counts = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, &count) in row.iter().enumerate() {
            let column = char::from(b'A' + u8::try_from(c).unwrap()).to_string();
            counts.push((format!("r{}", r + 1), column, count));
        }
    }
    Table2D::from_counts(counts).unwrap()
}

/// The suppressed positions of a published two-way table, in table order.
pub(super) fn suppressed_2d(published: &Published2D) -> Vec<TwoWayPosition> {
    positions_2d(published)
        .into_iter()
        .filter(|(_, cell)| cell.is_suppressed())
        .map(|(p, _)| p)
        .collect()
}
