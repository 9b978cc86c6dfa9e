//! The `saulet` command line: `openapi` prints the committed document, `migrate` creates the
//! embedded database, and a broken configuration is reported, not panicked on.

use std::process::Command;

fn saulet() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_saulet"));
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("SAULET_")) {
        command.env_remove(key);
    }
    command
}

#[test]
fn openapi_prints_the_committed_document() {
    let output = saulet().arg("openapi").output().expect("saulet runs");
    assert!(output.status.success());
    let committed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../openapi/openapi.json"
    ))
    .expect("the committed spec");
    assert!(
        output.stdout == committed,
        "openapi/openapi.json is stale: run `make openapi`"
    );
}

#[test]
fn migrate_creates_the_embedded_database_under_the_data_folder() {
    let data = tempfile::tempdir().expect("a folder");
    let data_dir = data.path().join("nested/data");
    let output = saulet()
        .arg("migrate")
        .env("SAULET_DATA_DIR", &data_dir)
        .env("SAULET_LOG__LEVEL", "warn")
        .current_dir(data.path())
        .output()
        .expect("saulet runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(data_dir.join("saulet.db").is_file());
}

#[test]
fn a_broken_configuration_file_is_reported_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("a folder");
    let file = dir.path().join("saulet.toml");
    std::fs::write(&file, "[server]\nport = \"eighty\"\n").expect("a config file");
    let output = saulet()
        .args(["--config", file.to_str().expect("utf-8"), "migrate"])
        .output()
        .expect("saulet runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("invalid configuration") && stderr.contains("port"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn granting_a_role_to_an_unknown_email_says_to_register_first() {
    let data = tempfile::tempdir().expect("a folder");
    let output = saulet()
        .args([
            "accounts",
            "grant-role",
            "--email",
            "nobody@example.kz",
            "--role",
            "admin",
        ])
        .env("SAULET_DATA_DIR", data.path())
        .env("SAULET_LOG__LEVEL", "off")
        .output()
        .expect("saulet runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("register it first"), "{stderr}");

    let bad_role = saulet()
        .args([
            "accounts",
            "grant-role",
            "--email",
            "a@example.kz",
            "--role",
            "root",
        ])
        .output()
        .expect("saulet runs");
    assert_eq!(
        bad_role.status.code(),
        Some(2),
        "clap refuses an unknown role"
    );
}
