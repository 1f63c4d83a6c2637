//! The account entity, its commands and its read filter.

use std::fmt;

use time::OffsetDateTime;

use super::password::PasswordHash;
use crate::access::{Role, RoleKind};
use crate::shared::{AccountId, EmailAddress, Language, ValidationError, sort_key};

/// Whether an account may sign in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AccountStatus {
    /// May sign in.
    Active,
    /// May not sign in; every session was ended when it was disabled.
    Disabled,
}

impl AccountStatus {
    /// The stable name stored in the database.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Disabled => "disabled",
        }
    }

    /// Parses a stable name.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "active" => Some(Self::Active),
            "disabled" => Some(Self::Disabled),
            _ => None,
        }
    }
}

/// The name shown for an account (1–120 characters, trimmed). Personal data: Debug redacts it.
#[derive(Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Parses a display name.
    ///
    /// # Errors
    /// `Required` when blank, `TooLong` past 120 characters.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        crate::shared::validate_text("display_name", raw, 120).map(Self)
    }

    /// The sort keys of the name in every language, in [`Language::ALL`] order.
    pub fn sort_keys(&self) -> [String; 4] {
        Language::ALL.map(|language| sort_key(language, &self.0))
    }
}

impl AsRef<str> for DisplayName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DisplayName(<redacted>)")
    }
}

/// An account as read from storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// Identifier.
    pub id: AccountId,
    /// Login, unique.
    pub email: EmailAddress,
    /// Name shown in the console.
    pub display_name: DisplayName,
    /// Preferred interface language.
    pub language: Language,
    /// Whether the account may sign in.
    pub status: AccountStatus,
    /// Roles with their scopes.
    pub roles: Vec<Role>,
    /// Whether a second factor is enrolled and confirmed.
    pub totp_enabled: bool,
    /// When it was created.
    pub created_at: OffsetDateTime,
}

impl Account {
    /// Whether any role of the account needs a second factor.
    pub fn requires_second_factor(&self) -> bool {
        self.roles.iter().any(|r| r.kind().requires_second_factor())
    }
}

/// What the login path needs besides the account: secrets that never leave the domain.
#[derive(Clone, Debug)]
pub struct Credentials {
    /// The account.
    pub account: Account,
    /// The argon2id hash of the password.
    pub password_hash: PasswordHash,
    /// The TOTP secret (base32), enrolled or pending confirmation.
    pub totp_secret: Option<String>,
    /// Whether the account has proven it controls its email (self-registered accounts must
    /// follow the emailed link before they can sign in).
    pub email_verified: bool,
}

/// A self-registered account's pending email verification.
#[derive(Clone, Debug)]
pub struct PendingVerification {
    /// The hash of the token the emailed link carries.
    pub token_hash: super::session::SessionTokenHash,
    /// When the link stops working.
    pub expires_at: OffsetDateTime,
}

/// A validated command to create an account.
#[derive(Clone, Debug)]
pub struct NewAccount {
    /// Login.
    pub email: EmailAddress,
    /// Name shown.
    pub display_name: DisplayName,
    /// Preferred language.
    pub language: Language,
    /// Roles to grant at once.
    pub roles: Vec<Role>,
}

/// What the store writes for a new account.
#[derive(Clone, Debug)]
pub struct NewAccountRecord {
    /// Identifier.
    pub id: AccountId,
    /// The command.
    pub account: NewAccount,
    /// The password hash.
    pub password_hash: PasswordHash,
    /// A TOTP secret enrolled at creation (the CLI's first admin), if any.
    pub totp_secret: Option<String>,
    /// For self-registration: the email must be verified before the account can be used.
    pub verification: Option<PendingVerification>,
    /// When.
    pub created_at: OffsetDateTime,
}

/// Which accounts to list, in which language's alphabetical order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountFilter {
    /// Only accounts in this status.
    pub status: Option<AccountStatus>,
    /// Only accounts holding a role of this kind.
    pub role: Option<RoleKind>,
    /// The language whose alphabet orders the names.
    pub order: Language,
}

impl Default for AccountFilter {
    fn default() -> Self {
        Self {
            status: None,
            role: None,
            order: Language::En,
        }
    }
}
