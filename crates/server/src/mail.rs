//! The mailers the server plugs into the web layer: SMTP to a relay (plain SMTP: a local MTA
//! or relay that handles onward TLS), or an outbox directory of `.eml` files (the demo, and
//! deployments whose MTA picks files up). Nothing about a message is logged but its file name.

use std::path::PathBuf;

use async_trait::async_trait;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use otandas_web::mail::{Mailer, OutgoingMail};

fn build(from: &Mailbox, mail: OutgoingMail) -> Result<Message, String> {
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|_| "invalid recipient address".to_owned())?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body)
        .map_err(|e| format!("building the message: {e}"))
}

/// Sends through an SMTP relay.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    /// A mailer for the relay at `host:port`, sending as `from`.
    pub fn new(host: &str, port: u16, from: &str) -> anyhow::Result<Self> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("mail.from: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .build();
        Ok(Self { transport, from })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, mail: OutgoingMail) -> Result<(), String> {
        let message = build(&self.from, mail)?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("smtp: {e}"))
    }
}

/// Writes each message as an `.eml` file into a directory.
pub struct OutboxMailer {
    dir: PathBuf,
    from: Mailbox,
}

impl OutboxMailer {
    /// A mailer writing into `dir` (created if missing), sending as `from`.
    pub fn new(dir: PathBuf, from: &str) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("mail.from: {e}"))?;
        Ok(Self { dir, from })
    }
}

#[async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, mail: OutgoingMail) -> Result<(), String> {
        let message = build(&self.from, mail)?;
        let name = format!("{}.eml", uuid::Uuid::now_v7());
        let path = self.dir.join(&name);
        tokio::fs::write(&path, message.formatted())
            .await
            .map_err(|e| format!("writing {name}: {e}"))?;
        tracing::info!(mail.file = %name, "mail written to the outbox");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_outbox_holds_a_readable_message() {
        let dir =
            std::env::temp_dir().join(format!("otandas-outbox-{}", uuid::Uuid::new_v4().simple()));
        let mailer = OutboxMailer::new(dir.clone(), "otandas <no-reply@example.kz>").unwrap();
        let mail = OutgoingMail {
            to: "aigerim@example.kz".into(),
            subject: "Тіркелу".into(),
            body: "Сілтеме: https://x/y".into(),
        };
        mailer.send(mail).await.unwrap();
        let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(files.len(), 1);
        let text = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
        assert!(text.contains("To: aigerim@example.kz"));
        assert!(text.contains("Subject: =?utf-8?"), "{text}");
        let bad = OutgoingMail {
            to: "not an address".into(),
            subject: String::new(),
            body: String::new(),
        };
        assert!(mailer.send(bad).await.is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
