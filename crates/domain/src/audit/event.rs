//! Audit entries and their vocabularies.

use time::OffsetDateTime;

use crate::shared::{AccountId, AuditEventId, RequestId};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// The stable name stored in the database and shown in the API.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }

            /// Parses a stable name.
            pub fn parse(raw: &str) -> Option<Self> {
                match raw {
                    $($text => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

vocabulary!(
    /// What happened.
    AuditAction {
        /// Password accepted (a second factor may still be due).
        LoginSucceeded => "login_succeeded",
        /// Wrong email or password, or a disabled account.
        LoginFailed => "login_failed",
        /// Too many failures: the attempt was refused before checking the password.
        LoginThrottled => "login_throttled",
        /// Second factor accepted; the session is now fully authenticated.
        SecondFactorPassed => "second_factor_passed",
        /// Wrong or replayed second-factor code.
        SecondFactorFailed => "second_factor_failed",
        /// A second factor was enrolled.
        SecondFactorEnrolled => "second_factor_enrolled",
        /// A second factor was reset by an administrator.
        SecondFactorReset => "second_factor_reset",
        /// The session was ended by its owner.
        Logout => "logout",
        /// An account was created.
        AccountCreated => "account_created",
        /// A self-registered account verified its email and set its password.
        EmailVerified => "email_verified",
        /// An account was disabled (its sessions were ended with it).
        AccountDisabled => "account_disabled",
        /// An account was enabled again.
        AccountEnabled => "account_enabled",
        /// A role was granted.
        RoleGranted => "role_granted",
        /// A role was revoked.
        RoleRevoked => "role_revoked",
        /// A password was changed.
        PasswordChanged => "password_changed",
        /// An account record was read by someone else than its owner.
        AccountRead => "account_read",
        /// The audit log was read.
        AuditLogRead => "audit_log_read",
        /// A person was added to the registry.
        PersonCreated => "person_created",
        /// A person's record was read, sensitive fields included.
        PersonRead => "person_read",
        /// A person's record was changed.
        PersonUpdated => "person_updated",
        /// A person's record was erased.
        PersonErased => "person_erased",
        /// A person exported their own data.
        PersonExported => "person_exported",
        /// A consent was given.
        ConsentGranted => "consent_granted",
        /// A consent was withdrawn.
        ConsentWithdrawn => "consent_withdrawn",
    }
);

vocabulary!(
    /// What kind of thing the entry is about.
    SubjectKind {
        /// A login account.
        Account => "account",
        /// The audit log itself.
        AuditLog => "audit_log",
        /// A person in the registry.
        Person => "person",
    }
);

vocabulary!(
    /// Why it was done: the processing purpose, as a data-protection register names it.
    Purpose {
        /// Signing in and out.
        Authentication => "authentication",
        /// Managing accounts and roles.
        AccountAdministration => "account_administration",
        /// A person managing their own account.
        SelfService => "self_service",
        /// Data-protection oversight.
        Oversight => "oversight",
        /// Keeping the registry of compatriots.
        Registry => "registry",
    }
);

/// An entry to append.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAuditEvent {
    /// Identifier, time-ordered.
    pub id: AuditEventId,
    /// When it happened.
    pub at: OffsetDateTime,
    /// Who did it; `None` for an anonymous caller or the system.
    pub actor: Option<AccountId>,
    /// What was done.
    pub action: AuditAction,
    /// The kind of subject.
    pub subject_kind: SubjectKind,
    /// The subject's identifier (pseudonymous: an id, never a name or an email).
    pub subject_id: Option<String>,
    /// Why.
    pub purpose: Purpose,
    /// The request it happened in, to correlate with logs.
    pub request_id: Option<RequestId>,
}

impl NewAuditEvent {
    /// An entry happening `at`, by `actor`, about a subject.
    pub fn new(
        at: OffsetDateTime,
        actor: Option<AccountId>,
        action: AuditAction,
        subject_kind: SubjectKind,
        subject_id: Option<String>,
        purpose: Purpose,
    ) -> Self {
        Self {
            id: AuditEventId::new(),
            at,
            actor,
            action,
            subject_kind,
            subject_id,
            purpose,
            request_id: None,
        }
    }

    /// The same entry, tied to a request.
    #[must_use]
    pub fn in_request(mut self, request_id: Option<RequestId>) -> Self {
        self.request_id = request_id;
        self
    }

    /// An entry about an account.
    pub fn about_account(
        at: OffsetDateTime,
        actor: Option<AccountId>,
        action: AuditAction,
        account: AccountId,
        purpose: Purpose,
    ) -> Self {
        Self::new(
            at,
            actor,
            action,
            SubjectKind::Account,
            Some(account.to_string()),
            purpose,
        )
    }
}

/// An entry as stored.
pub type AuditEvent = NewAuditEvent;

/// Which entries to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only entries by this actor.
    pub actor: Option<AccountId>,
    /// Only entries about this subject id.
    pub subject_id: Option<String>,
    /// Only entries of this action.
    pub action: Option<AuditAction>,
    /// Only entries at or after this time.
    pub from: Option<OffsetDateTime>,
    /// Only entries before this time.
    pub until: Option<OffsetDateTime>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vocabulary_value_round_trips() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(*action));
        }
        for kind in SubjectKind::ALL {
            assert_eq!(SubjectKind::parse(kind.as_str()), Some(*kind));
        }
        for purpose in Purpose::ALL {
            assert_eq!(Purpose::parse(purpose.as_str()), Some(*purpose));
        }
        assert_eq!(AuditAction::parse("drop_table"), None);
    }
}
