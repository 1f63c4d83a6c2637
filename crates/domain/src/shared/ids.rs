//! Newtype identifiers around UUIDv7, one per entity, so that an account id can never be passed
//! where an organization id is expected.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered identifier (UUIDv7).
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// Wraps an identifier read back from storage or parsed at the edge.
            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }

            /// The inner UUID, for storage and serialization at the edges.
            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(
    /// Identifies a login account (staff, member, researcher…).
    AccountId
);
id_type!(
    /// Identifies one entry of the append-only audit log.
    AuditEventId
);
id_type!(
    /// Identifies one import run (a file of people brought into the registry).
    ImportBatchId
);
id_type!(
    /// Identifies a diaspora organization (association, cultural centre, hometown association…).
    OrganizationId
);
id_type!(
    /// Identifies a person in the registry (a compatriot, a returnee, an expert…).
    PersonId
);
id_type!(
    /// Identifies one HTTP request or job run, for correlating logs with error pages.
    RequestId
);
