//! Passwords: a length policy at the edge, argon2id hashes in storage.

use std::fmt;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Argon2, PasswordHash as PhcHash};

use crate::shared::ValidationError;

/// A password typed by a person, checked against the length policy. Debug never shows it.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// Shortest password accepted (NIST SP 800-63B asks for at least 8; staff hold personal data).
    pub const MIN_CHARS: usize = 12;
    /// Longest password accepted, to bound hashing cost.
    pub const MAX_CHARS: usize = 256;

    /// Applies the length policy to a new password.
    ///
    /// # Errors
    /// `TooShort` below 12 characters, `TooLong` past 256.
    pub fn new_checked(raw: &str) -> Result<Self, ValidationError> {
        let n = raw.chars().count();
        if n < Self::MIN_CHARS {
            return Err(ValidationError::TooShort {
                field: "password",
                min: Self::MIN_CHARS,
            });
        }
        if n > Self::MAX_CHARS {
            return Err(ValidationError::TooLong {
                field: "password",
                max: Self::MAX_CHARS,
            });
        }
        Ok(Self(raw.to_owned()))
    }

    /// A password as typed at login: not checked against the policy (old passwords may predate it).
    pub fn typed(raw: &str) -> Self {
        Self(raw.chars().take(Self::MAX_CHARS).collect())
    }

    /// Hashes with argon2id and a fresh salt.
    ///
    /// # Errors
    /// Only if the hasher fails, which the default parameters do not.
    pub fn hash(&self) -> Result<PasswordHash, argon2::password_hash::Error> {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(self.0.as_bytes(), &salt)
            .map(|h| PasswordHash(h.to_string()))
    }

    /// Whether this password matches `hash`. A malformed hash never matches.
    pub fn verify(&self, hash: &PasswordHash) -> bool {
        PhcHash::new(&hash.0).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(self.0.as_bytes(), &parsed)
                .is_ok()
        })
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// A password hash in PHC string format (`$argon2id$v=19$m=…`).
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// Wraps a hash read from storage.
    pub fn from_stored(phc: String) -> Self {
        Self(phc)
    }
}

impl AsRef<str> for PasswordHash {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHash(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let password = Password::new_checked("correct horse battery").unwrap();
        let hash = password.hash().unwrap();
        assert!(hash.as_ref().starts_with("$argon2id$"));
        assert!(password.verify(&hash));
        assert!(!Password::typed("correct horse battery!").verify(&hash));
        assert!(!password.verify(&PasswordHash::from_stored("garbage".into())));
    }

    #[test]
    fn the_length_policy_is_enforced() {
        assert!(matches!(
            Password::new_checked("short"),
            Err(ValidationError::TooShort { min: 12, .. })
        ));
        assert!(Password::new_checked(&"ж".repeat(257)).is_err());
        assert!(Password::new_checked(&"ж".repeat(12)).is_ok());
    }

    #[test]
    fn debug_output_hides_secrets() {
        let password = Password::typed("hunter2hunter2");
        assert!(!format!("{password:?}").contains("hunter2"));
    }
}
