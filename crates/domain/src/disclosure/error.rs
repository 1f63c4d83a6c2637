//! Errors of disclosure control: a forbidden cross of dimensions, a policy too weak for the
//! dimensions it would publish, a table that cannot be built, or an audit given the wrong
//! original. Each `Display` is a code, never a sentence: the web layer translates.

use thiserror::Error;

use super::rules::Dimension;

/// What can go wrong building, checking or auditing a table for publication.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DisclosureError {
    /// The two dimensions may never be crossed (ethnicity with sub-country geography).
    #[error("forbidden-cross")]
    ForbiddenCross {
        /// The first dimension of the forbidden pair, as the caller gave it.
        a: Dimension,
        /// The second dimension of the forbidden pair.
        b: Dimension,
    },
    /// The table involves a dimension that needs at least `minimum` as threshold.
    #[error("threshold-too-low")]
    ThresholdTooLow {
        /// The dimension that needs the stronger policy.
        dimension: Dimension,
        /// The threshold the policy has.
        threshold: u64,
        /// The least threshold allowed for that dimension.
        minimum: u64,
    },
    /// A sum of counts does not fit in `u64` (not reachable with counts of people).
    #[error("count-overflow")]
    CountOverflow,
    /// Child counts were given for a parent the top table does not have.
    #[error("unknown-parent")]
    UnknownParent {
        /// The parent key that was not found.
        parent: String,
    },
    /// Child counts were given twice for the same parent.
    #[error("duplicate-parent")]
    DuplicateParent {
        /// The parent key given twice.
        parent: String,
    },
    /// The children of a parent add up to more than the parent.
    #[error("children-exceed-parent")]
    ChildrenExceedParent {
        /// The parent whose children are too many.
        parent: String,
    },
    /// An audit was given an original table that does not match the published one (other
    /// keys, or a published value that differs from the original).
    #[error("not-the-original")]
    NotTheOriginal,
}
