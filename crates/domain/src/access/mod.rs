//! Who may do what, where: roles with their scopes, the actor a service acts for, and the one
//! policy function every service calls. Handlers never check roles; services do.

mod actor;
mod policy;
mod role;

pub use actor::Actor;
pub use policy::{Action, Forbidden, Target, authorize, permits};
pub use role::{Role, RoleKind};
