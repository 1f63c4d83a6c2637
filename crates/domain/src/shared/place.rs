//! Places used for role scopes: a position in the home country's territorial hierarchy.

use std::fmt;

use super::validate::ValidationError;

/// The path of an org unit in the home country's hierarchy (country → region → district →
/// locality), written as dot-separated codes, e.g. `KZ.75.10` (KATO-style). A unit's subtree is
/// every path that starts with it, so scope checks need no database round trip.
#[derive(Clone, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct OrgUnitPath(String);

impl OrgUnitPath {
    /// Parses `KZ` or `KZ.75.10`: a two-letter country, then numeric or alphanumeric segments.
    ///
    /// # Errors
    /// `Required` when empty, `Malformed` when a segment is empty or has other characters,
    /// `TooLong` past 64 characters.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        const FIELD: &str = "org_unit";
        let value = raw.trim().to_ascii_uppercase();
        if value.is_empty() {
            return Err(ValidationError::Required { field: FIELD });
        }
        if value.len() > 64 {
            return Err(ValidationError::TooLong {
                field: FIELD,
                max: 64,
            });
        }
        let mut segments = value.split('.');
        let country_ok = segments
            .next()
            .is_some_and(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()));
        let rest_ok =
            segments.all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()));
        if country_ok && rest_ok {
            Ok(Self(value))
        } else {
            Err(ValidationError::Malformed { field: FIELD })
        }
    }

    /// Whether `other` is this unit or lies below it.
    pub fn contains(&self, other: &Self) -> bool {
        other.0 == self.0
            || (other.0.starts_with(&self.0) && other.0.as_bytes().get(self.0.len()) == Some(&b'.'))
    }
}

impl AsRef<str> for OrgUnitPath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrgUnitPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(s: &str) -> OrgUnitPath {
        OrgUnitPath::parse(s).unwrap()
    }

    #[test]
    fn a_unit_contains_itself_and_its_subtree_only() {
        assert!(path("KZ.75").contains(&path("KZ.75")));
        assert!(path("KZ.75").contains(&path("KZ.75.10.001")));
        assert!(!path("KZ.75").contains(&path("KZ.751")));
        assert!(!path("KZ.75.10").contains(&path("KZ.75")));
        assert!(path("KZ").contains(&path("KZ.19")));
    }

    #[test]
    fn malformed_paths_are_rejected() {
        for raw in ["K", "KZ..1", "KZ.", "1Z.1", "KZ.7 5"] {
            assert!(OrgUnitPath::parse(raw).is_err(), "{raw}");
        }
        assert_eq!(path(" kz.75 ").as_ref(), "KZ.75");
    }
}
