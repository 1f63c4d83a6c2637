//! Demo data for `serve --demo`: one account per role, with the logins printed so that a
//! newcomer can sign in as each face of the platform.

use anyhow::bail;
use otandas_domain::Services;
use otandas_domain::accounts::NewAccountInput;

/// One demo login: (role, scope, email, name, language, password).
type DemoAccount = (
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const ACCOUNTS: [DemoAccount; 8] = [
    (
        "central_officer",
        None,
        "officer@demo.otandas.kz",
        "Айгерім Сапарова",
        "kk",
        "demo-officer-2026",
    ),
    (
        "local_coordinator",
        Some("KZ.75"),
        "akimat@demo.otandas.kz",
        "Ерлан Жақсыбеков",
        "kk",
        "demo-akimat-2026",
    ),
    (
        "consular_officer",
        Some("RU"),
        "consulate@demo.otandas.kz",
        "Мәди Нұрланов",
        "ru",
        "demo-consulate-2026",
    ),
    (
        "org_admin",
        Some("0193a6f0-0000-7000-8000-000000000001"),
        "association@demo.otandas.kz",
        "Gulnora Karimova",
        "uz",
        "demo-association-2026",
    ),
    (
        "member",
        None,
        "member@demo.otandas.kz",
        "Жанар Әбілова",
        "kk",
        "demo-member-2026",
    ),
    (
        "researcher",
        None,
        "researcher@demo.otandas.kz",
        "Daniyar Omarov",
        "en",
        "demo-researcher-2026",
    ),
    (
        "auditor",
        None,
        "auditor@demo.otandas.kz",
        "Сәуле Тұрсынова",
        "ru",
        "demo-auditor-2026",
    ),
    (
        "admin",
        None,
        "admin@demo.otandas.kz",
        "Platform Operator",
        "en",
        "demo-admin-2026",
    ),
];

/// Creates the demo accounts and prints their logins on standard output, one line each:
/// `demo-account role=… email=… password=… totp_secret=…` (`-` when no second factor is due).
pub async fn populate(
    services: &Services,
) -> anyhow::Result<Vec<otandas_domain::accounts::Account>> {
    let mut created = vec![];
    for (role, scope, email, name, language, password) in ACCOUNTS {
        let kind =
            otandas_domain::access::RoleKind::parse(role).map_err(|e| anyhow::anyhow!("{e}"))?;
        let input = NewAccountInput {
            email: email.to_owned(),
            display_name: name.to_owned(),
            language: language.to_owned(),
            password: password.to_owned(),
            role: role.to_owned(),
            scope: scope.map(ToOwned::to_owned),
        };
        let (account, secret) = match services
            .accounts
            .bootstrap_account(&input, kind.requires_second_factor())
            .await
        {
            Ok(created) => created,
            Err(error) => bail!("creating the demo account for {role}: {error}"),
        };
        let totp = secret.map_or_else(|| "-".to_owned(), |s| s.to_base32());
        println!(
            "demo-account role={role} email={} password={password} totp_secret={totp}",
            account.email
        );
        created.push(account);
    }
    Ok(created)
}
