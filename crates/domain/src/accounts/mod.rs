//! Accounts and access: local accounts with argon2id passwords, a TOTP second factor for every
//! staff role, server-side sessions, login throttling, roles with scopes.

mod account;
mod error;
mod password;
mod service;
mod session;
mod store;
mod throttle;
mod totp;

pub use account::{
    Account, AccountFilter, AccountStatus, Credentials, DisplayName, NewAccount, NewAccountRecord,
    PendingVerification,
};
pub use error::AccountError;
pub use password::{Password, PasswordHash};
pub use service::{
    AccountService, AuthConfig, Authenticated, ConsoleAccess, Enrolment, LoginOutcome,
    NewAccountInput, SignupInput, SignupOutcome,
};
pub use session::{Session, SessionStage, SessionToken, SessionTokenHash};
pub use store::AccountStore;
pub use throttle::ThrottlePolicy;
pub use totp::{TotpSecret, totp_code};
