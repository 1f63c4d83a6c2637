//! The `otandas` binary as an operator uses it: migrate, create the first administrator,
//! back up, reject a bad configuration.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn otandas(dir: &PathBuf, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_otandas"))
        .args(args)
        .current_dir(dir)
        .env_remove("OTANDAS__DATABASE__URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("otandas-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn an_operator_migrates_creates_the_first_admin_and_backs_up() {
    let dir = temp_dir("operator");
    let url = format!("sqlite://{}?mode=rwc", dir.join("otandas.db").display());
    let migrated = otandas(&dir, &["migrate", "--database", &url], "");
    assert!(
        migrated.status.success(),
        "{}",
        String::from_utf8_lossy(&migrated.stderr)
    );
    assert!(String::from_utf8_lossy(&migrated.stdout).starts_with("sqlite migrated to 2026"));

    let created = otandas(
        &dir,
        &[
            "user",
            "create",
            "--email",
            "Admin@Example.KZ",
            "--name",
            "Платформа",
            "--database",
            &url,
        ],
        "a long enough password\n",
    );
    let out = String::from_utf8_lossy(&created.stdout);
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(
        out.contains("otpauth://totp/otandas:admin@example.kz?secret="),
        "{out}"
    );
    assert!(!String::from_utf8_lossy(&created.stderr).contains("a long enough password"));

    let again = otandas(
        &dir,
        &[
            "user",
            "create",
            "--email",
            "admin@example.kz",
            "--name",
            "X",
            "--database",
            &url,
        ],
        "another long password\n",
    );
    assert!(!again.status.success(), "the email is taken");
    let weak = otandas(
        &dir,
        &[
            "user",
            "create",
            "--email",
            "b@example.kz",
            "--name",
            "B",
            "--database",
            &url,
        ],
        "short\n",
    );
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("password"));

    let backup = dir.join("backup.db");
    let saved = otandas(
        &dir,
        &[
            "backup",
            "--out",
            backup.to_str().unwrap(),
            "--database",
            &url,
        ],
        "",
    );
    assert!(
        saved.status.success(),
        "{}",
        String::from_utf8_lossy(&saved.stderr)
    );
    assert!(std::fs::metadata(&backup).unwrap().len() > 0);
    let twice = otandas(
        &dir,
        &[
            "backup",
            "--out",
            backup.to_str().unwrap(),
            "--database",
            &url,
        ],
        "",
    );
    assert!(!twice.status.success(), "never overwrites a backup");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_configuration_keys_stop_the_program() {
    let dir = temp_dir("config");
    std::fs::write(
        dir.join("otandas.toml"),
        "[server]\nbnid = \"0.0.0.0:80\"\n",
    )
    .unwrap();
    let output = otandas(&dir, &["migrate"], "");
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("bnid"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_officer_imports_a_file_twice_and_the_second_run_imports_nothing() {
    let dir = temp_dir("import");
    let url = format!("sqlite://{}?mode=rwc", dir.join("otandas.db").display());
    let created = otandas(
        &dir,
        &[
            "user",
            "create",
            "--email",
            "officer@example.kz",
            "--name",
            "Офицер",
            "--role",
            "central_officer",
            "--database",
            &url,
        ],
        "a long enough password\n",
    );
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let file = dir.join("people.csv");
    std::fs::write(
        &file,
        "source_key;Фамилия;Имя;Дата рождения;Email;consent_registry\n\
         K-1;Әбілова;Жанар;1988-03-01;zhanar@example.kz;yes\n\
         K-2;Абаев;Ерлан;1990;;yes\n\
         K-3;Серікова;Айгүл;не дата;=cmd;yes\n",
    )
    .unwrap();
    let errors = dir.join("errors.csv");
    let args = [
        "import",
        "people",
        file.to_str().unwrap(),
        "--source",
        "consulate",
        "--as",
        "officer@example.kz",
        "--errors",
        errors.to_str().unwrap(),
        "--database",
        &url,
    ];
    let first = otandas(&dir, &args, "");
    let out = String::from_utf8_lossy(&first.stdout);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(out.contains("2 imported, 0 unchanged, 1 rejected"), "{out}");
    assert!(
        out.contains("line 4: birth_date (Дата рождения): malformed"),
        "{out}"
    );
    assert!(String::from_utf8_lossy(&first.stderr).contains("3/3"));
    let report = std::fs::read_to_string(&errors).unwrap();
    assert!(report.contains("4,Email,email,malformed"), "{report}");

    let second = otandas(&dir, &args, "");
    let out = String::from_utf8_lossy(&second.stdout);
    assert!(second.status.success());
    assert!(out.contains("0 imported, 2 unchanged, 1 rejected"), "{out}");

    let batch = String::from_utf8_lossy(&first.stdout)
        .split_whitespace()
        .nth(1)
        .unwrap()
        .trim_end_matches(':')
        .to_owned();
    let undo = otandas(
        &dir,
        &[
            "import",
            "undo",
            &batch,
            "--as",
            "officer@example.kz",
            "--database",
            &url,
        ],
        "",
    );
    assert!(
        undo.status.success(),
        "{}",
        String::from_utf8_lossy(&undo.stderr)
    );
    let unreadable = dir.join("broken.xlsx");
    std::fs::write(&unreadable, b"PK\x03\x04broken").unwrap();
    let broken = otandas(
        &dir,
        &[
            "import",
            "people",
            unreadable.to_str().unwrap(),
            "--as",
            "officer@example.kz",
            "--database",
            &url,
        ],
        "",
    );
    assert!(!broken.status.success(), "an unreadable file is an error");
    let _ = std::fs::remove_dir_all(&dir);
}
