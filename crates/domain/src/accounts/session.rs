//! Server-side sessions. The browser holds a random token; the database holds only its SHA-256,
//! so a copy of the database does not let anyone sign in.

use std::fmt;

use data_encoding::{BASE64URL_NOPAD, HEXLOWER};
use rand::RngCore;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::shared::AccountId;

/// Where a session is in the login flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SessionStage {
    /// Password accepted; the second factor is still due.
    AwaitingSecondFactor,
    /// Password accepted; a staff account without a second factor must enrol one first.
    EnrollingSecondFactor,
    /// Fully signed in.
    Active,
}

impl SessionStage {
    /// The stable name stored in the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AwaitingSecondFactor => "awaiting_second_factor",
            Self::EnrollingSecondFactor => "enrolling_second_factor",
            Self::Active => "active",
        }
    }

    /// Parses a stable name.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "awaiting_second_factor" => Some(Self::AwaitingSecondFactor),
            "enrolling_second_factor" => Some(Self::EnrollingSecondFactor),
            "active" => Some(Self::Active),
            _ => None,
        }
    }
}

/// The secret a browser or API client holds. Debug never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    /// 256 random bits, base64url.
    pub fn generate() -> Self {
        let mut bytes = [0_u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(BASE64URL_NOPAD.encode(&bytes))
    }

    /// Wraps a token presented by a client (a cookie or a bearer header).
    pub fn from_client(raw: &str) -> Self {
        Self(raw.trim().chars().take(128).collect())
    }

    /// The hash stored in the database.
    pub fn hash(&self) -> SessionTokenHash {
        SessionTokenHash(HEXLOWER.encode(&Sha256::digest(self.0.as_bytes())))
    }
}

impl AsRef<str> for SessionToken {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SessionToken(<redacted>)")
    }
}

/// The SHA-256 of a session token, hex: the session's key in storage.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SessionTokenHash(String);

impl SessionTokenHash {
    /// Wraps a hash read from storage.
    pub fn from_stored(hex: String) -> Self {
        Self(hex)
    }
}

impl AsRef<str> for SessionTokenHash {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A session as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// Key: the hash of the token.
    pub token_hash: SessionTokenHash,
    /// Whose session.
    pub account_id: AccountId,
    /// Where in the login flow.
    pub stage: SessionStage,
    /// The anti-CSRF token every state-changing form of this session must carry.
    pub csrf_token: String,
    /// When it was created (the absolute lifetime runs from here).
    pub created_at: OffsetDateTime,
    /// When it was last used (the idle timeout runs from here).
    pub last_seen_at: OffsetDateTime,
}

impl Session {
    /// A new session for `account_id`, with a fresh CSRF token; returns the client's token too.
    pub fn start(
        account_id: AccountId,
        stage: SessionStage,
        now: OffsetDateTime,
    ) -> (SessionToken, Self) {
        let token = SessionToken::generate();
        let session = Self {
            token_hash: token.hash(),
            account_id,
            stage,
            csrf_token: SessionToken::generate().0,
            created_at: now,
            last_seen_at: now,
        };
        (token, session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_stored() {
        let a = SessionToken::generate();
        let b = SessionToken::generate();
        assert_ne!(a, b);
        assert_eq!(a.hash(), SessionToken::from_client(a.as_ref()).hash());
        assert_ne!(a.hash().as_ref(), a.as_ref());
        assert_eq!(a.hash().as_ref().len(), 64);
        assert!(!format!("{a:?}").contains(a.as_ref()));
    }

    #[test]
    fn stages_round_trip() {
        for stage in [
            SessionStage::AwaitingSecondFactor,
            SessionStage::EnrollingSecondFactor,
            SessionStage::Active,
        ] {
            assert_eq!(SessionStage::parse(stage.as_str()), Some(stage));
        }
    }
}
