//! Outgoing email: the port the web layer sends through (verification links, notices). The
//! server plugs in SMTP or an outbox directory; tests plug in a recorder. Messages are plain
//! text in the recipient's language; addresses and bodies are never logged.

use async_trait::async_trait;

/// One message.
#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
}

impl std::fmt::Debug for OutgoingMail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OutgoingMail(<redacted>)")
    }
}

/// Something that delivers mail.
#[async_trait]
pub trait Mailer: Send + Sync {
    /// Sends one message; the error says why, without personal data.
    async fn send(&self, mail: OutgoingMail) -> Result<(), String>;
}
