//! Count tables as the mapping service builds them and as they are published: one-way
//! (`category → count` with its total), two-way (`rows × columns` with row, column and grand
//! totals) and a parent table with child tables (country → regions, where a country's count is
//! its regions plus [`UNKNOWN_KEY`]). The same shapes hold raw counts (`u64`) or published
//! cells ([`Cell`]); keys are codes, sorted, and every total is the sum of what it totals.

use std::collections::{BTreeMap, BTreeSet};

use super::error::DisclosureError;
use super::network::Line;

/// The key under which a child table counts the part of its parent no child accounts for
/// (people whose region is not recorded), so that a parent always equals the sum of its children.
pub const UNKNOWN_KEY: &str = "unknown";

/// One published count: its value, or nothing at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cell {
    /// The count, identical to the original.
    Published(u64),
    /// The count is withheld.
    Suppressed,
}

impl Cell {
    /// The published value, if any.
    pub fn value(self) -> Option<u64> {
        match self {
            Self::Published(value) => Some(value),
            Self::Suppressed => None,
        }
    }

    /// Whether the count is withheld.
    pub fn is_suppressed(self) -> bool {
        self == Self::Suppressed
    }
}

/// A one-way table: a value per key, and the total of them all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneWay<T> {
    keys: Vec<String>,
    cells: Vec<T>,
    total: T,
}

/// A one-way table of raw counts.
pub type Table1D = OneWay<u64>;

/// A one-way table after disclosure control.
pub type Published1D = OneWay<Cell>;

/// A position in a one-way table.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OneWayPosition {
    /// The count of one key.
    Cell(String),
    /// The total.
    Total,
}

impl<T: Copy> OneWay<T> {
    /// The keys, sorted.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The value of `key`, if the table has it.
    pub fn get(&self, key: &str) -> Option<T> {
        let index = self
            .keys
            .binary_search_by(|probe| probe.as_str().cmp(key))
            .ok()?;
        self.cells.get(index).copied()
    }

    /// The total of all cells.
    pub fn total(&self) -> T {
        self.total
    }

    /// Each key with its value, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, T)> + '_ {
        self.keys
            .iter()
            .map(String::as_str)
            .zip(self.cells.iter().copied())
    }

    /// How many cells (keys) the table has.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the table has no cells.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Values in flat order: the cells, then the total.
    pub(super) fn flat(&self) -> Vec<T> {
        let mut flat = self.cells.clone();
        flat.push(self.total);
        flat
    }

    /// The one line: the total is the sum of the cells.
    pub(super) fn lines(&self) -> Vec<Line> {
        vec![Line {
            cells: (0..self.cells.len()).collect(),
            total: self.cells.len(),
            cells_out: true,
        }]
    }

    /// The position at flat `index`.
    pub(super) fn position(&self, index: usize) -> Option<OneWayPosition> {
        if index == self.cells.len() {
            return Some(OneWayPosition::Total);
        }
        self.keys.get(index).cloned().map(OneWayPosition::Cell)
    }

    /// The same table with each value replaced by `f(flat index, value)`.
    pub(super) fn map<U>(&self, mut f: impl FnMut(usize, T) -> U) -> OneWay<U> {
        let cells = self
            .cells
            .iter()
            .enumerate()
            .map(|(i, &v)| f(i, v))
            .collect();
        OneWay {
            keys: self.keys.clone(),
            cells,
            total: f(self.cells.len(), self.total),
        }
    }

    /// Whether `other` has the same keys.
    pub(super) fn same_shape<U>(&self, other: &OneWay<U>) -> bool {
        self.keys == other.keys
    }
}

impl OneWay<u64> {
    /// Builds a table from `(key, count)` pairs; counts under the same key add up.
    ///
    /// # Errors
    ///
    /// [`DisclosureError::CountOverflow`] if a sum does not fit in `u64`.
    pub fn from_counts<K: Into<String>>(
        counts: impl IntoIterator<Item = (K, u64)>,
    ) -> Result<Self, DisclosureError> {
        let mut map = BTreeMap::new();
        for (key, count) in counts {
            add_into(&mut map, key.into(), count)?;
        }
        Self::from_map(map)
    }

    /// The same table with a zero cell for each of `keys` it does not have yet, so that
    /// categories nobody is in still show (as a published zero).
    #[must_use]
    pub fn with_categories<K: Into<String>>(self, keys: impl IntoIterator<Item = K>) -> Self {
        let total = self.total;
        let mut map: BTreeMap<String, u64> = self.keys.into_iter().zip(self.cells).collect();
        for key in keys {
            map.entry(key.into()).or_insert(0);
        }
        let (keys, cells) = map.into_iter().unzip();
        Self { keys, cells, total }
    }

    fn from_map(map: BTreeMap<String, u64>) -> Result<Self, DisclosureError> {
        let total = checked_sum(map.values().copied())?;
        let (keys, cells) = map.into_iter().unzip();
        Ok(Self { keys, cells, total })
    }
}

/// A two-way table: a value per `(row, column)`, row totals, column totals and the grand total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TwoWay<T> {
    rows: Vec<String>,
    columns: Vec<String>,
    /// Row-major, `rows.len() × columns.len()`.
    cells: Vec<T>,
    row_totals: Vec<T>,
    column_totals: Vec<T>,
    grand_total: T,
}

/// A two-way table of raw counts.
pub type Table2D = TwoWay<u64>;

/// A two-way table after disclosure control.
pub type Published2D = TwoWay<Cell>;

/// A position in a two-way table.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TwoWayPosition {
    /// The count at one row and column.
    Cell {
        /// The row key.
        row: String,
        /// The column key.
        column: String,
    },
    /// The total of one row.
    RowTotal(String),
    /// The total of one column.
    ColumnTotal(String),
    /// The grand total.
    GrandTotal,
}

impl TwoWayPosition {
    /// The position of an inner cell.
    pub fn cell(row: impl Into<String>, column: impl Into<String>) -> Self {
        Self::Cell {
            row: row.into(),
            column: column.into(),
        }
    }
}

impl<T: Copy> TwoWay<T> {
    /// The row keys, sorted.
    pub fn rows(&self) -> &[String] {
        &self.rows
    }

    /// The column keys, sorted.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The value at `row` and `column`, if the table has both.
    pub fn get(&self, row: &str, column: &str) -> Option<T> {
        let r = find(&self.rows, row)?;
        let c = find(&self.columns, column)?;
        self.cells.get(r * self.columns.len() + c).copied()
    }

    /// The total of `row`, if the table has it.
    pub fn row_total(&self, row: &str) -> Option<T> {
        self.row_totals.get(find(&self.rows, row)?).copied()
    }

    /// The total of `column`, if the table has it.
    pub fn column_total(&self, column: &str) -> Option<T> {
        self.column_totals
            .get(find(&self.columns, column)?)
            .copied()
    }

    /// The grand total.
    pub fn grand_total(&self) -> T {
        self.grand_total
    }

    /// The value at any position, if the table has it.
    pub fn at(&self, position: &TwoWayPosition) -> Option<T> {
        match position {
            TwoWayPosition::Cell { row, column } => self.get(row, column),
            TwoWayPosition::RowTotal(row) => self.row_total(row),
            TwoWayPosition::ColumnTotal(column) => self.column_total(column),
            TwoWayPosition::GrandTotal => Some(self.grand_total),
        }
    }

    /// Values in flat order: cells row by row, row totals, column totals, grand total.
    pub(super) fn flat(&self) -> Vec<T> {
        let mut flat = self.cells.clone();
        flat.extend(&self.row_totals);
        flat.extend(&self.column_totals);
        flat.push(self.grand_total);
        flat
    }

    /// Every row, every column, the row of column totals and the column of row totals.
    pub(super) fn lines(&self) -> Vec<Line> {
        let (r, c) = (self.rows.len(), self.columns.len());
        let row_total = |i: usize| r * c + i;
        let column_total = |j: usize| r * c + r + j;
        let grand = r * c + r + c;
        let mut lines = Vec::with_capacity(r + c + 2);
        for i in 0..r {
            lines.push(Line {
                cells: (0..c).map(|j| i * c + j).collect(),
                total: row_total(i),
                cells_out: true,
            });
        }
        for j in 0..c {
            lines.push(Line {
                cells: (0..r).map(|i| i * c + j).collect(),
                total: column_total(j),
                cells_out: false,
            });
        }
        lines.push(Line {
            cells: (0..c).map(column_total).collect(),
            total: grand,
            cells_out: false,
        });
        lines.push(Line {
            cells: (0..r).map(row_total).collect(),
            total: grand,
            cells_out: true,
        });
        lines
    }

    /// The position at flat `index`.
    pub(super) fn position(&self, index: usize) -> Option<TwoWayPosition> {
        let (r, c) = (self.rows.len(), self.columns.len());
        if index < r * c {
            let row = self.rows.get(index / c)?.clone();
            let column = self.columns.get(index % c)?.clone();
            Some(TwoWayPosition::Cell { row, column })
        } else if index < r * c + r {
            self.rows
                .get(index - r * c)
                .cloned()
                .map(TwoWayPosition::RowTotal)
        } else if index < r * c + r + c {
            self.columns
                .get(index - r * c - r)
                .cloned()
                .map(TwoWayPosition::ColumnTotal)
        } else if index == r * c + r + c {
            Some(TwoWayPosition::GrandTotal)
        } else {
            None
        }
    }

    /// The same table with each value replaced by `f(flat index, value)`.
    pub(super) fn map<U>(&self, mut f: impl FnMut(usize, T) -> U) -> TwoWay<U> {
        let mut index = 0;
        let mut next = |v: T| {
            let mapped = f(index, v);
            index += 1;
            mapped
        };
        let cells = self.cells.iter().map(|&v| next(v)).collect();
        let row_totals = self.row_totals.iter().map(|&v| next(v)).collect();
        let column_totals = self.column_totals.iter().map(|&v| next(v)).collect();
        let grand_total = next(self.grand_total);
        TwoWay {
            rows: self.rows.clone(),
            columns: self.columns.clone(),
            cells,
            row_totals,
            column_totals,
            grand_total,
        }
    }

    /// Whether `other` has the same rows and columns.
    pub(super) fn same_shape<U>(&self, other: &TwoWay<U>) -> bool {
        self.rows == other.rows && self.columns == other.columns
    }
}

impl TwoWay<u64> {
    /// Builds a table from `(row, column, count)` triples; counts at the same place add up,
    /// places never named are zero.
    ///
    /// # Errors
    ///
    /// [`DisclosureError::CountOverflow`] if a sum does not fit in `u64`.
    pub fn from_counts<R: Into<String>, C: Into<String>>(
        counts: impl IntoIterator<Item = (R, C, u64)>,
    ) -> Result<Self, DisclosureError> {
        let mut map = BTreeMap::new();
        for (row, column, count) in counts {
            add_into(&mut map, (row.into(), column.into()), count)?;
        }
        let rows = map.keys().map(|(row, _)| row.clone()).collect();
        let columns = map.keys().map(|(_, column)| column.clone()).collect();
        Self::from_map(&map, rows, columns)
    }

    /// The same table with an all-zero row for each of `keys` it does not have yet.
    #[must_use]
    pub fn with_rows<K: Into<String>>(self, keys: impl IntoIterator<Item = K>) -> Self {
        let mut rows: BTreeSet<String> = self.rows.iter().cloned().collect();
        rows.extend(keys.into_iter().map(Into::into));
        let columns = self.columns.iter().cloned().collect();
        self.reshaped(rows, columns)
    }

    /// The same table with an all-zero column for each of `keys` it does not have yet.
    #[must_use]
    pub fn with_columns<K: Into<String>>(self, keys: impl IntoIterator<Item = K>) -> Self {
        let mut columns: BTreeSet<String> = self.columns.iter().cloned().collect();
        columns.extend(keys.into_iter().map(Into::into));
        let rows = self.rows.iter().cloned().collect();
        self.reshaped(rows, columns)
    }

    /// The table on (a superset of) its axes; new places are zero, so no sum changes.
    fn reshaped(self, rows: BTreeSet<String>, columns: BTreeSet<String>) -> Self {
        let c = self.columns.len();
        let old_columns = self.columns.clone();
        let old_rows = self.rows.clone();
        let mut cells = Vec::with_capacity(rows.len() * columns.len());
        let mut row_totals = Vec::with_capacity(rows.len());
        for row in &rows {
            let old_r = find(&old_rows, row);
            row_totals.push(
                old_r
                    .and_then(|i| self.row_totals.get(i).copied())
                    .unwrap_or(0),
            );
            for column in &columns {
                let old_c = find(&old_columns, column);
                let value = old_r
                    .zip(old_c)
                    .and_then(|(i, j)| self.cells.get(i * c + j).copied())
                    .unwrap_or(0);
                cells.push(value);
            }
        }
        let column_totals = columns
            .iter()
            .map(|column| {
                find(&old_columns, column)
                    .and_then(|j| self.column_totals.get(j).copied())
                    .unwrap_or(0)
            })
            .collect();
        Self {
            rows: rows.into_iter().collect(),
            columns: columns.into_iter().collect(),
            cells,
            row_totals,
            column_totals,
            grand_total: self.grand_total,
        }
    }

    fn from_map(
        map: &BTreeMap<(String, String), u64>,
        rows: BTreeSet<String>,
        columns: BTreeSet<String>,
    ) -> Result<Self, DisclosureError> {
        let mut cells = Vec::with_capacity(rows.len() * columns.len());
        let mut row_totals = Vec::with_capacity(rows.len());
        let mut column_totals = vec![0_u64; columns.len()];
        for row in &rows {
            let mut row_total = 0_u64;
            for (column, column_total) in columns.iter().zip(column_totals.iter_mut()) {
                let value = map
                    .get(&(row.clone(), column.clone()))
                    .copied()
                    .unwrap_or(0);
                row_total = row_total
                    .checked_add(value)
                    .ok_or(DisclosureError::CountOverflow)?;
                *column_total = column_total
                    .checked_add(value)
                    .ok_or(DisclosureError::CountOverflow)?;
                cells.push(value);
            }
            row_totals.push(row_total);
        }
        let grand_total = checked_sum(row_totals.iter().copied())?;
        Ok(Self {
            rows: rows.into_iter().collect(),
            columns: columns.into_iter().collect(),
            cells,
            row_totals,
            column_totals,
            grand_total,
        })
    }
}

/// A parent table with child tables for some of its keys: each child table's total is its
/// parent's cell (a country is the sum of its regions and [`UNKNOWN_KEY`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hierarchy<T> {
    top: OneWay<T>,
    children: BTreeMap<String, OneWay<T>>,
}

/// A parent table with child tables, of raw counts.
pub type TableHierarchy = Hierarchy<u64>;

/// A parent table with child tables, after disclosure control.
pub type PublishedHierarchy = Hierarchy<Cell>;

/// A position in a parent table with child tables.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HierarchyPosition {
    /// The count of one parent key (also the total of its child table).
    Parent(String),
    /// The total of the parent table.
    Total,
    /// The count of one child key under a parent.
    Child {
        /// The parent key.
        parent: String,
        /// The child key.
        key: String,
    },
}

impl<T: Copy> Hierarchy<T> {
    /// The parent table.
    pub fn top(&self) -> &OneWay<T> {
        &self.top
    }

    /// The child table of `parent`, if it has one; its total is the parent's cell.
    pub fn children(&self, parent: &str) -> Option<&OneWay<T>> {
        self.children.get(parent)
    }

    /// The parents that have a child table, sorted.
    pub fn parents_with_children(&self) -> impl Iterator<Item = &str> + '_ {
        self.children.keys().map(String::as_str)
    }

    /// Values in flat order: the parent table (cells, total), then each child table's cells
    /// in parent order (child totals are the parents' cells).
    pub(super) fn flat(&self) -> Vec<T> {
        let mut flat = self.top.flat();
        for child in self.children.values() {
            flat.extend(&child.cells);
        }
        flat
    }

    /// The parent line, and a line per child table whose total is the parent's cell.
    pub(super) fn lines(&self) -> Vec<Line> {
        let mut lines = self.top.lines();
        let mut offset = self.top.cells.len() + 1;
        for (parent, child) in &self.children {
            let Some(total) = find(&self.top.keys, parent) else {
                continue;
            };
            let cells = (offset..offset + child.cells.len()).collect();
            lines.push(Line {
                cells,
                total,
                cells_out: true,
            });
            offset += child.cells.len();
        }
        lines
    }

    /// The position at flat `index`.
    pub(super) fn position(&self, index: usize) -> Option<HierarchyPosition> {
        match self.top.position(index) {
            Some(OneWayPosition::Cell(key)) => return Some(HierarchyPosition::Parent(key)),
            Some(OneWayPosition::Total) => return Some(HierarchyPosition::Total),
            None => {}
        }
        let mut offset = self.top.cells.len() + 1;
        for (parent, child) in &self.children {
            if index < offset + child.cells.len() {
                let key = child.keys.get(index.checked_sub(offset)?)?.clone();
                return Some(HierarchyPosition::Child {
                    parent: parent.clone(),
                    key,
                });
            }
            offset += child.cells.len();
        }
        None
    }

    /// The same hierarchy with each value replaced by `f(flat index, value)`; a child table's
    /// total is its mapped parent cell.
    pub(super) fn map<U: Clone>(&self, mut f: impl FnMut(usize, T) -> U) -> Hierarchy<U> {
        let top = self.top.map(&mut f);
        let mut offset = self.top.cells.len() + 1;
        let mut children = BTreeMap::new();
        for (parent, child) in &self.children {
            let Some(total) = find(&top.keys, parent).and_then(|i| top.cells.get(i).cloned())
            else {
                continue;
            };
            let cells = child
                .cells
                .iter()
                .enumerate()
                .map(|(i, &v)| f(offset + i, v))
                .collect();
            offset += child.cells.len();
            children.insert(
                parent.clone(),
                OneWay {
                    keys: child.keys.clone(),
                    cells,
                    total,
                },
            );
        }
        Hierarchy { top, children }
    }

    /// Whether `other` has the same parent keys and the same child tables with the same keys.
    pub(super) fn same_shape<U>(&self, other: &Hierarchy<U>) -> bool {
        self.top.same_shape(&other.top)
            && self.children.len() == other.children.len()
            && self
                .children
                .iter()
                .zip(&other.children)
                .all(|((p, a), (q, b))| p == q && a.same_shape(b))
    }
}

impl Hierarchy<u64> {
    /// A hierarchy with no child tables yet.
    pub fn new(top: Table1D) -> Self {
        Self {
            top,
            children: BTreeMap::new(),
        }
    }

    /// Adds the child table of `parent` from `(key, count)` pairs; whatever the children do
    /// not account for goes to [`UNKNOWN_KEY`] (counts given under that key add to it), so the
    /// child table always has that key and its total is the parent's count.
    ///
    /// # Errors
    ///
    /// [`DisclosureError::UnknownParent`] if the parent table has no such key,
    /// [`DisclosureError::DuplicateParent`] if its children were already added,
    /// [`DisclosureError::ChildrenExceedParent`] if they add up to more than the parent, and
    /// [`DisclosureError::CountOverflow`] if a sum does not fit in `u64`.
    pub fn with_children<K: Into<String>>(
        mut self,
        parent: &str,
        counts: impl IntoIterator<Item = (K, u64)>,
    ) -> Result<Self, DisclosureError> {
        let parent_count = self
            .top
            .get(parent)
            .ok_or_else(|| DisclosureError::UnknownParent {
                parent: parent.to_owned(),
            })?;
        if self.children.contains_key(parent) {
            return Err(DisclosureError::DuplicateParent {
                parent: parent.to_owned(),
            });
        }
        let mut map = BTreeMap::new();
        for (key, count) in counts {
            add_into(&mut map, key.into(), count)?;
        }
        let known = checked_sum(map.values().copied())?;
        let unknown = parent_count.checked_sub(known).ok_or_else(|| {
            DisclosureError::ChildrenExceedParent {
                parent: parent.to_owned(),
            }
        })?;
        add_into(&mut map, UNKNOWN_KEY.to_owned(), unknown)?;
        let child = OneWay::from_map(map)?;
        self.children.insert(parent.to_owned(), child);
        Ok(self)
    }
}

fn find(keys: &[String], key: &str) -> Option<usize> {
    keys.binary_search_by(|probe| probe.as_str().cmp(key)).ok()
}

fn add_into<K: Ord>(map: &mut BTreeMap<K, u64>, key: K, count: u64) -> Result<(), DisclosureError> {
    let slot = map.entry(key).or_insert(0);
    *slot = slot
        .checked_add(count)
        .ok_or(DisclosureError::CountOverflow)?;
    Ok(())
}

fn checked_sum(values: impl IntoIterator<Item = u64>) -> Result<u64, DisclosureError> {
    values
        .into_iter()
        .try_fold(0_u64, u64::checked_add)
        .ok_or(DisclosureError::CountOverflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::network::Network;

    /// Conservation at every node of the network with the table's own values: each line's
    /// equation holds and every position sits on opposite ends of its two lines.
    fn assert_conserves(values: &[u64], lines: &[Line]) {
        let network = Network::new(values.len(), lines);
        for line in lines {
            let sum: u64 = line.cells.iter().map(|&p| values[p]).sum();
            assert_eq!(sum, values[line.total], "line {line:?}");
        }
        let mut seen = vec![0_usize; values.len()];
        for line in lines {
            for &p in line.cells.iter().chain([&line.total]) {
                seen[p] += 1;
            }
        }
        assert!(
            seen.iter().all(|&n| (1..=2).contains(&n)),
            "each position is in one or two lines: {seen:?}"
        );
        for node in 0..network.nodes() {
            let inflow: u64 = (0..values.len())
                .filter(|&p| network.ends(p).1 == node)
                .map(|p| values[p])
                .sum();
            let outflow: u64 = (0..values.len())
                .filter(|&p| network.ends(p).0 == node)
                .map(|p| values[p])
                .sum();
            assert_eq!(inflow, outflow, "node {node}");
        }
        for p in 0..values.len() {
            let (tail, head) = network.ends(p);
            assert_ne!(tail, head, "position {p} is a loop");
        }
    }

    #[test]
    fn a_one_way_table_adds_duplicates_and_sorts_its_keys() {
        let table = Table1D::from_counts([("KZ", 4), ("DE", 20), ("KZ", 3)]).unwrap();
        assert_eq!(table.keys(), ["DE", "KZ"]);
        assert_eq!(table.get("KZ"), Some(7));
        assert_eq!(table.total(), 27);
        assert_eq!(table.get("FR"), None);
        let table = table.with_categories(["FR"]);
        assert_eq!(table.get("FR"), Some(0));
        assert_eq!(table.total(), 27);
        assert_conserves(&table.flat(), &table.lines());
    }

    #[test]
    fn a_two_way_table_has_consistent_margins_and_zeros_for_unnamed_places() {
        let table = Table2D::from_counts([("KZ", "en", 5), ("DE", "de", 30), ("KZ", "kk", 12)])
            .unwrap()
            .with_rows(["UZ"])
            .with_columns(["ru"]);
        assert_eq!(table.rows(), ["DE", "KZ", "UZ"]);
        assert_eq!(table.columns(), ["de", "en", "kk", "ru"]);
        assert_eq!(table.get("KZ", "de"), Some(0));
        assert_eq!(table.row_total("KZ"), Some(17));
        assert_eq!(table.column_total("kk"), Some(12));
        assert_eq!(table.row_total("UZ"), Some(0));
        assert_eq!(table.grand_total(), 47);
        assert_eq!(table.at(&TwoWayPosition::cell("DE", "de")), Some(30));
        assert_conserves(&table.flat(), &table.lines());
        for (index, position) in (0..table.flat().len()).map(|i| (i, table.position(i).unwrap())) {
            assert_eq!(
                table.at(&position),
                table.flat().get(index).copied(),
                "{position:?}"
            );
        }
        assert_eq!(table.position(table.flat().len()), None);
    }

    #[test]
    fn a_child_table_puts_what_its_regions_miss_under_unknown() {
        let top = Table1D::from_counts([("KZ", 57), ("DE", 40)]).unwrap();
        let hierarchy = TableHierarchy::new(top)
            .with_children("KZ", [("KZ-ALA", 30), ("KZ-AST", 20)])
            .unwrap();
        let kz = hierarchy.children("KZ").unwrap();
        assert_eq!(kz.get(UNKNOWN_KEY), Some(7));
        assert_eq!(kz.total(), 57);
        assert_eq!(hierarchy.children("DE"), None);
        assert_conserves(&hierarchy.flat(), &hierarchy.lines());
        assert_eq!(
            hierarchy.position(3),
            Some(HierarchyPosition::Child {
                parent: "KZ".into(),
                key: "KZ-ALA".into()
            })
        );
    }

    #[test]
    fn a_child_table_is_refused_when_it_does_not_fit_its_parent() {
        let top = Table1D::from_counts([("KZ", 10)]).unwrap();
        let hierarchy = TableHierarchy::new(top);
        assert_eq!(
            hierarchy
                .clone()
                .with_children("KZ", [("KZ-ALA", 11)])
                .unwrap_err(),
            DisclosureError::ChildrenExceedParent {
                parent: "KZ".into()
            }
        );
        assert_eq!(
            hierarchy
                .clone()
                .with_children("UZ", [("UZ-TK", 1)])
                .unwrap_err(),
            DisclosureError::UnknownParent {
                parent: "UZ".into()
            }
        );
        let once = hierarchy.with_children("KZ", [("KZ-ALA", 4)]).unwrap();
        assert_eq!(
            once.with_children("KZ", [("KZ-ALA", 4)]).unwrap_err(),
            DisclosureError::DuplicateParent {
                parent: "KZ".into()
            }
        );
    }

    #[test]
    fn sums_that_overflow_are_refused() {
        assert_eq!(
            Table1D::from_counts([("a", u64::MAX), ("b", 1)]).unwrap_err(),
            DisclosureError::CountOverflow
        );
        assert_eq!(
            Table2D::from_counts([("a", "x", u64::MAX), ("b", "x", 1)]).unwrap_err(),
            DisclosureError::CountOverflow
        );
    }
}
