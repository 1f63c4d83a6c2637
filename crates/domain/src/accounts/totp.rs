//! TOTP second factor (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), compatible with common
//! authenticator apps.

use std::fmt;

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;
use time::OffsetDateTime;

/// Seconds per time step.
pub const STEP_SECONDS: i64 = 30;

/// A shared TOTP secret of 160 bits. Debug never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl TotpSecret {
    /// A fresh random secret.
    pub fn generate() -> Self {
        let mut bytes = vec![0_u8; 20];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// Reads a secret stored in base32.
    pub fn from_base32(encoded: &str) -> Option<Self> {
        let cleaned: String = encoded
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '=')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        BASE32_NOPAD
            .decode(cleaned.as_bytes())
            .ok()
            .filter(|b| !b.is_empty())
            .map(Self)
    }

    /// The secret in base32, as authenticator apps take it.
    pub fn to_base32(&self) -> String {
        BASE32_NOPAD.encode(&self.0)
    }

    /// The `otpauth://` URI for enrolment by QR code or link.
    pub fn otpauth_uri(&self, issuer: &str, account_label: &str) -> String {
        format!(
            "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
            percent_encode(issuer),
            percent_encode(account_label),
            self.to_base32(),
            percent_encode(issuer)
        )
    }

    /// The time step a code typed at `now` matches, within one step of clock skew either way.
    pub fn verify(&self, code: &str, now: OffsetDateTime) -> Option<i64> {
        let code = code.trim().replace(' ', "");
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let current = now.unix_timestamp().div_euclid(STEP_SECONDS);
        [current, current - 1, current + 1]
            .into_iter()
            .find(|step| constant_time_eq(totp_code(self, *step).as_bytes(), code.as_bytes()))
    }
}

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(<redacted>)")
    }
}

/// The 6-digit code for a time step (RFC 4226 dynamic truncation).
pub fn totp_code(secret: &TotpSecret, step: i64) -> String {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(&secret.0) else {
        return String::new();
    };
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest.last().copied().unwrap_or(0) & 0x0f);
    let word = digest
        .get(offset..offset + 4)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .map_or(0, u32::from_be_bytes)
        & 0x7fff_ffff;
    format!("{:06}", word % 1_000_000)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B test vectors for SHA-1 (secret "12345678901234567890"), last 6 digits.
    #[test]
    fn rfc_6238_test_vectors_match() {
        let secret = TotpSecret(b"12345678901234567890".to_vec());
        for (time, code) in [
            (59_i64, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
            (20_000_000_000, "353130"),
        ] {
            assert_eq!(totp_code(&secret, time / STEP_SECONDS), code, "t={time}");
        }
    }

    #[test]
    fn codes_verify_within_one_step_of_skew_only() {
        let secret = TotpSecret::generate();
        let now = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        let step = now.unix_timestamp() / STEP_SECONDS;
        assert_eq!(secret.verify(&totp_code(&secret, step), now), Some(step));
        assert_eq!(
            secret.verify(&totp_code(&secret, step - 1), now),
            Some(step - 1)
        );
        assert_eq!(
            secret.verify(&totp_code(&secret, step + 1), now),
            Some(step + 1)
        );
        assert_eq!(secret.verify(&totp_code(&secret, step - 3), now), None);
        assert_eq!(secret.verify("12345", now), None);
        assert_eq!(secret.verify("abcdef", now), None);
    }

    #[test]
    fn base32_round_trips_and_uri_carries_the_secret() {
        let secret = TotpSecret::generate();
        let encoded = secret.to_base32();
        assert_eq!(
            TotpSecret::from_base32(&encoded.to_lowercase()),
            Some(secret.clone())
        );
        let uri = secret.otpauth_uri("otandas", "admin@example.kz");
        assert!(uri.starts_with("otpauth://totp/otandas:admin@example.kz?secret="));
        assert!(uri.contains(&encoded));
        assert!(TotpSecret::from_base32("!!!").is_none());
    }
}
