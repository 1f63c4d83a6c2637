//! Login throttling: failures are counted per email (hashed, so the table holds no addresses)
//! and per client address within a sliding window. Known and unknown emails are counted alike,
//! so throttling does not reveal which accounts exist.

use data_encoding::HEXLOWER;
use sha2::{Digest, Sha256};
use time::Duration;

/// How many failures are tolerated, and for how long they count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures per login name within the window before further attempts are refused.
    pub per_login: u32,
    /// Failures per client address within the window before further attempts are refused.
    pub per_client: u32,
    /// The window.
    pub window: Duration,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self {
            per_login: 5,
            per_client: 50,
            window: Duration::minutes(15),
        }
    }
}

/// The throttle key of a login name (typed text, normalized; hashed).
pub(crate) fn login_key(typed_email: &str) -> String {
    let normalized = typed_email.trim().to_lowercase();
    format!(
        "login:{}",
        HEXLOWER.encode(&Sha256::digest(normalized.as_bytes()))
    )
}

/// The throttle key of a client address.
pub(crate) fn client_key(client: &str) -> String {
    format!("client:{client}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_keys_ignore_case_and_hold_no_address() {
        assert_eq!(login_key("A@x.kz "), login_key("a@x.kz"));
        assert!(!login_key("a@x.kz").contains("x.kz"));
    }
}
