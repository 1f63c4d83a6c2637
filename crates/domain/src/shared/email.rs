//! A validated, normalized email address (trimmed, lower-cased), the login of an account.

use std::fmt;

use super::validate::ValidationError;

/// An email address that has passed a syntactic check and is stored lower-case.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Parses and normalizes an address typed by a person.
    ///
    /// # Errors
    /// `Required` when empty, `TooLong` past 254 characters, `Malformed` when it is not
    /// `local@domain.tld` without spaces.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        const FIELD: &str = "email";
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(ValidationError::Required { field: FIELD });
        }
        if value.chars().count() > 254 {
            return Err(ValidationError::TooLong {
                field: FIELD,
                max: 254,
            });
        }
        let Some((local, domain)) = value.rsplit_once('@') else {
            return Err(ValidationError::Malformed { field: FIELD });
        };
        let bad = |s: &str| s.is_empty() || s.chars().any(|c| c.is_whitespace() || c == '@');
        if bad(local)
            || bad(domain)
            || !domain.contains('.')
            || domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains("..")
        {
            return Err(ValidationError::Malformed { field: FIELD });
        }
        Ok(Self(value))
    }
}

impl AsRef<str> for EmailAddress {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Debug never prints the address: it is personal data and must not reach logs.
impl fmt::Debug for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EmailAddress(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        let email = EmailAddress::parse("  Aigerim@Example.KZ ").unwrap();
        assert_eq!(email.as_ref(), "aigerim@example.kz");
    }

    #[test]
    fn malformed_addresses_are_rejected() {
        for raw in [
            "aigerim",
            "a@b",
            "@example.kz",
            "a b@example.kz",
            "a@.kz",
            "a@x..kz",
            "a@x.kz.",
        ] {
            assert_eq!(
                EmailAddress::parse(raw),
                Err(ValidationError::Malformed { field: "email" }),
                "{raw}"
            );
        }
        assert_eq!(
            EmailAddress::parse(" "),
            Err(ValidationError::Required { field: "email" })
        );
    }

    #[test]
    fn debug_output_hides_the_address() {
        let email = EmailAddress::parse("secret@example.kz").unwrap();
        assert!(!format!("{email:?}").contains("secret"));
    }
}
