//! The arithmetic behind every table: its additive relations ("lines", `total = Σ cells`) seen as
//! a flow network, exact feasibility intervals by maximum flow, and the cheapest extra
//! suppressions that protect an exposed cell by shortest path.
//!
//! Every table this module serves (one-way, two-way with margins, parent with child tables) is a
//! network: each line is a node, each count (cell or total) is an arc between the two lines it
//! belongs to, or between its one line and an outside node. A line on the "cells out" side sends
//! its cells and receives its total; a line on the other side does the reverse; conservation at
//! a node is exactly the line's equation. What an outsider knows of the suppressed counts is then
//! "some non-negative flow that agrees with every published count", and the least and greatest
//! value a suppressed count can take are `v − maxflow(tail → head)` (never below 0) and
//! `v + maxflow(head → tail)` through the other suppressed arcs, where raising an arc costs
//! nothing and lowering it is limited by its value `v` (counts are `≥ 0`). Network flows are
//! integral, so these bounds are exactly what linear programming would give — no solver needed.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// One additive relation of a table: `total = Σ cells`, over flat position indexes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Line {
    /// The positions that add up to the total, in key order (ties are broken by this order).
    pub(super) cells: Vec<usize>,
    /// The position holding the sum.
    pub(super) total: usize,
    /// The side of the network the line is on: cells leave it and the total enters it, or the
    /// reverse. Two lines sharing a position must put it on opposite ends.
    pub(super) cells_out: bool,
}

/// The least and greatest value a suppressed count can take given everything published.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    /// The least feasible value.
    pub lower: u64,
    /// The greatest feasible value; `None` when nothing published bounds it.
    pub upper: Option<u64>,
}

impl Interval {
    /// Whether the interval holds a single value, so the count is recovered exactly.
    pub fn is_exact(&self) -> bool {
        self.upper == Some(self.lower)
    }

    /// Whether every feasible value is below `threshold`, which tells that the count is small.
    pub fn is_below(&self, threshold: u64) -> bool {
        self.upper.is_some_and(|upper| upper < threshold)
    }
}

/// A capacity that never runs out (raising a count is unbounded by nonnegativity).
const UNBOUNDED: u64 = u64::MAX;

/// The network of one table layout: each position's tail and head node.
#[derive(Clone, Debug)]
pub(super) struct Network {
    nodes: usize,
    ends: Vec<(usize, usize)>,
}

impl Network {
    /// Builds the network of `positions` counts related by `lines`.
    pub(super) fn new(positions: usize, lines: &[Line]) -> Self {
        let outside = lines.len();
        let mut tails: Vec<Option<usize>> = vec![None; positions];
        let mut heads: Vec<Option<usize>> = vec![None; positions];
        for (node, line) in lines.iter().enumerate() {
            let (cell_end, total_end) = if line.cells_out {
                (&mut tails, &mut heads)
            } else {
                (&mut heads, &mut tails)
            };
            for &cell in &line.cells {
                if let Some(slot) = cell_end.get_mut(cell) {
                    *slot = Some(node);
                }
            }
            if let Some(slot) = total_end.get_mut(line.total) {
                *slot = Some(node);
            }
        }
        let ends = tails
            .into_iter()
            .zip(heads)
            .map(|(tail, head)| (tail.unwrap_or(outside), head.unwrap_or(outside)))
            .collect();
        Self {
            nodes: outside + 1,
            ends,
        }
    }

    /// How many nodes the network has (one per line, and the outside).
    #[cfg(test)]
    pub(super) fn nodes(&self) -> usize {
        self.nodes
    }

    /// The tail and head node of `position`.
    pub(super) fn ends(&self, position: usize) -> (usize, usize) {
        self.ends.get(position).copied().unwrap_or((0, 0))
    }

    /// The residual network of the suppressed positions other than `skip`.
    fn residual(&self, values: &[u64], suppressed: &[bool], skip: usize) -> Residual {
        let mut residual = Residual::new(self.nodes);
        for (position, &(tail, head)) in self.ends.iter().enumerate() {
            if position == skip || !flag(suppressed, position) {
                continue;
            }
            residual.add(tail, head, UNBOUNDED);
            residual.add(head, tail, value(values, position));
        }
        residual
    }

    /// The exact feasibility interval of `position` given that the other positions marked in
    /// `suppressed` are unknown and every other position is published with its value.
    pub(super) fn interval(
        &self,
        values: &[u64],
        suppressed: &[bool],
        position: usize,
    ) -> Interval {
        let v = value(values, position);
        let (tail, head) = self.ends(position);
        let upper = self
            .residual(values, suppressed, position)
            .max_flow(head, tail, None)
            .map(|raise| v.saturating_add(raise));
        let lower = match self
            .residual(values, suppressed, position)
            .max_flow(tail, head, Some(v))
        {
            None => 0,
            Some(lower_by) => v.saturating_sub(lower_by),
        };
        Interval { lower, upper }
    }

    /// Whether suppressed `position` is protected: not recovered exactly, and not known to be
    /// below `threshold`. Cheaper than [`Network::interval`]: flows stop once they suffice.
    pub(super) fn is_protected(
        &self,
        values: &[u64],
        suppressed: &[bool],
        position: usize,
        threshold: u64,
    ) -> bool {
        let v = value(values, position);
        let (tail, head) = self.ends(position);
        let need = raise_needed(v, threshold);
        match self
            .residual(values, suppressed, position)
            .max_flow(head, tail, Some(need))
        {
            None => true,
            Some(raise) if raise >= need => true,
            // Cannot be raised at all, but already at or above the threshold: protected iff it
            // can be lowered.
            Some(0) if v >= threshold => self
                .residual(values, suppressed, position)
                .max_flow(tail, head, Some(1))
                .is_none_or(|lower_by| lower_by >= 1),
            Some(_) => false,
        }
    }

    /// The cheapest published positions whose suppression lets `position` rise by `need`: a
    /// shortest path from its head back to its tail, where a suppressed arc costs nothing, a
    /// published one costs its value, raising is unbounded and lowering is allowed only on
    /// arcs worth at least `need`. Published zeros are never used (they are not sensitive and
    /// a suppressed zero would itself need protection for no gain). `None` if no path exists.
    pub(super) fn cheapest_protection(
        &self,
        values: &[u64],
        suppressed: &[bool],
        position: usize,
        need: u64,
    ) -> Option<Vec<usize>> {
        let (tail, head) = self.ends(position);
        let mut arcs: Vec<Vec<(usize, usize, u64)>> = vec![Vec::new(); self.nodes];
        for (other, &(from, to)) in self.ends.iter().enumerate() {
            let v = value(values, other);
            let hidden = flag(suppressed, other);
            if other == position || (!hidden && v == 0) {
                continue;
            }
            let cost = if hidden { 0 } else { v };
            if let Some(out) = arcs.get_mut(from) {
                out.push((to, other, cost));
            }
            if v >= need
                && let Some(out) = arcs.get_mut(to)
            {
                out.push((from, other, cost));
            }
        }
        let mut distance: Vec<Option<u64>> = vec![None; self.nodes];
        let mut via: Vec<Option<(usize, usize)>> = vec![None; self.nodes];
        let mut queue = BinaryHeap::new();
        *distance.get_mut(head)? = Some(0);
        queue.push(Reverse((0_u64, head)));
        while let Some(Reverse((cost, node))) = queue.pop() {
            if distance.get(node).copied().flatten() != Some(cost) {
                continue;
            }
            if node == tail {
                break;
            }
            for &(next, arc, arc_cost) in arcs.get(node).map_or(&[][..], Vec::as_slice) {
                let candidate = cost.saturating_add(arc_cost);
                let slot = distance.get_mut(next)?;
                if slot.is_none_or(|known| candidate < known) {
                    *slot = Some(candidate);
                    *via.get_mut(next)? = Some((node, arc));
                    queue.push(Reverse((candidate, next)));
                }
            }
        }
        distance.get(tail).copied().flatten()?;
        let mut path = Vec::new();
        let mut node = tail;
        while node != head {
            let (previous, arc) = via.get(node).copied().flatten()?;
            if !flag(suppressed, arc) {
                path.push(arc);
            }
            node = previous;
        }
        path.sort_unstable();
        Some(path)
    }
}

/// How far a count of value `v` must be able to rise for its upper bound to reach `threshold`
/// and to differ from `v`.
pub(super) fn raise_needed(v: u64, threshold: u64) -> u64 {
    threshold.saturating_sub(v).max(1)
}

fn value(values: &[u64], position: usize) -> u64 {
    values.get(position).copied().unwrap_or(0)
}

fn flag(flags: &[bool], position: usize) -> bool {
    flags.get(position).copied().unwrap_or(false)
}

/// A residual graph for Edmonds–Karp maximum flow; arcs come in pairs `(2k, 2k + 1)`.
struct Residual {
    target: Vec<usize>,
    capacity: Vec<u64>,
    outgoing: Vec<Vec<usize>>,
}

impl Residual {
    fn new(nodes: usize) -> Self {
        Self {
            target: Vec::new(),
            capacity: Vec::new(),
            outgoing: vec![Vec::new(); nodes],
        }
    }

    fn add(&mut self, from: usize, to: usize, capacity: u64) {
        let id = self.target.len();
        self.target.extend([to, from]);
        self.capacity.extend([capacity, 0]);
        if let Some(out) = self.outgoing.get_mut(from) {
            out.push(id);
        }
        if let Some(out) = self.outgoing.get_mut(to) {
            out.push(id + 1);
        }
    }

    fn capacity(&self, arc: usize) -> u64 {
        self.capacity.get(arc).copied().unwrap_or(0)
    }

    /// A shortest path of arcs with room left from `source` to `sink` (only never-saturating
    /// arcs if `unbounded_only`).
    fn path(&self, source: usize, sink: usize, unbounded_only: bool) -> Option<Vec<usize>> {
        let mut via: Vec<Option<usize>> = vec![None; self.outgoing.len()];
        let mut seen = vec![false; self.outgoing.len()];
        *seen.get_mut(source)? = true;
        let mut queue = VecDeque::from([source]);
        'search: while let Some(node) = queue.pop_front() {
            for &arc in self.outgoing.get(node).map_or(&[][..], Vec::as_slice) {
                let room = self.capacity(arc);
                if room == 0 || (unbounded_only && room != UNBOUNDED) {
                    continue;
                }
                let next = self.target.get(arc).copied()?;
                let visited = seen.get_mut(next)?;
                if !*visited {
                    *visited = true;
                    *via.get_mut(next)? = Some(arc);
                    if next == sink {
                        break 'search;
                    }
                    queue.push_back(next);
                }
            }
        }
        let mut arcs = Vec::new();
        let mut node = sink;
        while node != source {
            let arc = via.get(node).copied().flatten()?;
            arcs.push(arc);
            node = self.target.get(arc ^ 1).copied()?;
        }
        Some(arcs)
    }

    /// The maximum flow from `source` to `sink`, stopping once it reaches `limit`; `None` when
    /// it is unbounded.
    fn max_flow(&mut self, source: usize, sink: usize, limit: Option<u64>) -> Option<u64> {
        if source == sink || self.path(source, sink, true).is_some() {
            return None;
        }
        // No path of unbounded arcs: every augmenting path crosses a finite arc, so the flow is
        // bounded by a finite cut and the saturating arithmetic below never saturates.
        let mut flow = 0_u64;
        while limit.is_none_or(|limit| flow < limit) {
            let Some(arcs) = self.path(source, sink, false) else {
                break;
            };
            let bottleneck = arcs
                .iter()
                .map(|&arc| self.capacity(arc))
                .min()
                .unwrap_or(0);
            if bottleneck == 0 {
                break;
            }
            for arc in arcs {
                if let Some(room) = self.capacity.get_mut(arc) {
                    *room = room.saturating_sub(bottleneck);
                }
                if let Some(room) = self.capacity.get_mut(arc ^ 1) {
                    *room = room.saturating_add(bottleneck);
                }
            }
            flow = flow.saturating_add(bottleneck);
        }
        Some(flow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-way table `[a, b, c]` with total: positions 0..3 cells, 3 the total.
    fn one_way() -> (Vec<u64>, Network) {
        let lines = [Line {
            cells: vec![0, 1, 2],
            total: 3,
            cells_out: true,
        }];
        (vec![3, 12, 40, 55], Network::new(4, &lines))
    }

    #[test]
    fn every_line_is_conservation_at_its_node() {
        let (values, network) = one_way();
        let node_in: u64 = (0..4)
            .filter(|&p| network.ends(p).1 == 0)
            .map(|p| values[p])
            .sum();
        let node_out: u64 = (0..4)
            .filter(|&p| network.ends(p).0 == 0)
            .map(|p| values[p])
            .sum();
        assert_eq!(node_in, node_out);
        assert_eq!(
            network.ends(3),
            (1, 0),
            "the total enters the line from outside"
        );
        assert_eq!(network.ends(0), (0, 1), "a cell leaves the line");
    }

    #[test]
    fn a_lone_suppressed_cell_under_a_published_total_is_exact() {
        let (values, network) = one_way();
        let suppressed = [true, false, false, false];
        assert_eq!(
            network.interval(&values, &suppressed, 0),
            Interval {
                lower: 3,
                upper: Some(3)
            }
        );
        assert!(!network.is_protected(&values, &suppressed, 0, 10));
    }

    #[test]
    fn two_suppressed_cells_share_what_the_total_leaves_over() {
        let (values, network) = one_way();
        let suppressed = [true, true, false, false];
        assert_eq!(
            network.interval(&values, &suppressed, 0),
            Interval {
                lower: 0,
                upper: Some(15)
            }
        );
        assert_eq!(
            network.interval(&values, &suppressed, 1),
            Interval {
                lower: 0,
                upper: Some(15)
            }
        );
        assert!(network.is_protected(&values, &suppressed, 0, 10));
        assert!(
            !network.is_protected(&values, &suppressed, 0, 16),
            "15 is the most it can be"
        );
    }

    #[test]
    fn a_suppressed_total_leaves_its_suppressed_cells_unbounded_above() {
        let (values, network) = one_way();
        let suppressed = [true, false, false, true];
        assert_eq!(
            network.interval(&values, &suppressed, 0),
            Interval {
                lower: 0,
                upper: None
            }
        );
        assert_eq!(
            network.interval(&values, &suppressed, 3),
            Interval {
                lower: 52,
                upper: None
            }
        );
    }

    #[test]
    fn the_cheapest_protection_of_a_small_cell_is_the_smallest_cell_that_can_absorb_it() {
        let (values, network) = one_way();
        let suppressed = [true, false, false, false];
        assert_eq!(
            network.cheapest_protection(&values, &suppressed, 0, 7),
            Some(vec![1])
        );
        // Lowering the 12 by 13 is impossible: only the 40 can pay for a rise of 13.
        assert_eq!(
            network.cheapest_protection(&values, &suppressed, 0, 13),
            Some(vec![2])
        );
    }
}
