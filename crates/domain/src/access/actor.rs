//! The authenticated caller a service acts for.

use super::role::{Role, RoleKind};
use crate::shared::AccountId;

/// Who is calling a service: an account and the roles it holds, loaded from storage at the
/// start of the request (so a role removed or an account disabled takes effect at once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// The account.
    pub account_id: AccountId,
    /// Every role the account holds, each with its scope.
    pub roles: Vec<Role>,
}

impl Actor {
    /// An actor with the given roles.
    pub fn new(account_id: AccountId, roles: Vec<Role>) -> Self {
        Self { account_id, roles }
    }

    /// Whether the actor holds a role of `kind`, whatever its scope.
    pub fn has(&self, kind: RoleKind) -> bool {
        self.roles.iter().any(|r| r.kind() == kind)
    }

    /// Whether any role of the actor needs a second factor.
    pub fn requires_second_factor(&self) -> bool {
        self.roles.iter().any(|r| r.kind().requires_second_factor())
    }

    /// Whether the actor may open the staff console.
    pub fn is_staff(&self) -> bool {
        self.roles.iter().any(|r| r.kind().is_staff())
    }
}
