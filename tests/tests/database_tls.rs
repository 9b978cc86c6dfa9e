//! TLS between a node and PostgreSQL (docs/operations.md, "The connection to PostgreSQL"): a
//! private cluster that accepts TCP connections only over TLS, with a certificate of a CA the
//! test makes (openssl). A node given `sslmode=verify-full` and that CA works; a node that does
//! not encrypt is refused by the server, and a node that trusts another CA refuses the server
//! before it sends anything. PostgreSQL only.

use std::{
    path::{Path, PathBuf},
    process::{Command, Output},
};

use saulet_tests::{
    pg_cluster::PrivateCluster,
    postgres_admin_url,
    process::{SauletProcess, node_env, register_individual, saulet_bin, sign_in_individual},
};
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};

/// `openssl req` with a new P-256 key, unencrypted, written to `key`; then `rest`.
fn request_with_new_key(key: &str, rest: &[&str], folder: &Path) {
    let mut args = vec![
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key,
    ];
    args.extend_from_slice(rest);
    openssl(&args, folder);
}

fn openssl(args: &[&str], folder: &Path) {
    let output = Command::new("openssl")
        .args(args)
        .current_dir(folder)
        .output()
        .expect("openssl runs");
    assert!(
        output.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A CA (P-256, self-signed) named `name`: `<name>.pem` and `<name>.key` in `folder`.
fn certificate_authority(folder: &Path, name: &str) -> PathBuf {
    let key = format!("{name}.key");
    request_with_new_key(
        &key,
        &[
            "-x509",
            "-out",
            &format!("{name}.pem"),
            "-days",
            "30",
            "-subj",
            &format!("/CN=Saulet test database CA {name}"),
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
        folder,
    );
    folder.join(format!("{name}.pem"))
}

/// The database server's key and certificate for 127.0.0.1, issued by the CA `ca`:
/// (`server.crt`, `server.key`).
fn server_certificate(folder: &Path, ca: &str) -> (PathBuf, PathBuf) {
    request_with_new_key(
        "server.key",
        &["-out", "server.csr", "-subj", "/CN=127.0.0.1"],
        folder,
    );
    std::fs::write(
        folder.join("server.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n\
         keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .expect("the extensions are written");
    openssl(
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            &format!("{ca}.pem"),
            "-CAkey",
            &format!("{ca}.key"),
            "-CAcreateserial",
            "-days",
            "30",
            "-extfile",
            "server.ext",
            "-out",
            "server.crt",
        ],
        folder,
    );
    (folder.join("server.crt"), folder.join("server.key"))
}

/// `saulet migrate` against `url`.
fn migrate(url: &str, data: &Path) -> Output {
    Command::new(saulet_bin())
        .arg("migrate")
        .envs(node_env(url.to_owned(), data))
        .env("SAULET_LOG__LEVEL", "off")
        .output()
        .expect("saulet runs")
}

async fn count(url: &str, sql: &str) -> i64 {
    let db = Database::connect(url).await.expect("the test connects");
    let row = db
        .query_one(Statement::from_string(DbBackend::Postgres, sql))
        .await
        .expect("the query runs")
        .expect("a row");
    row.try_get_by_index(0).expect("a count")
}

#[tokio::test]
async fn a_node_reaches_postgresql_over_verified_tls_and_refuses_what_it_cannot_verify() {
    if postgres_admin_url().is_none() {
        eprintln!("runs on PostgreSQL: set TEST_DATABASE_URL (make test does in CI)");
        return;
    }
    let certs = tempfile::tempdir().expect("a folder");
    let ca = certificate_authority(certs.path(), "ca");
    let other_ca = certificate_authority(certs.path(), "other-ca");
    let (certificate, key) = server_certificate(certs.path(), "ca");
    let cluster = PrivateCluster::start_requiring_tls(&certificate, &key);
    let url = format!("postgres://postgres@127.0.0.1:{}/postgres", cluster.port);
    let verified = format!("{url}?sslmode=verify-full&sslrootcert={}", ca.display());
    let data = tempfile::tempdir().expect("a folder");

    // A node that does not encrypt is turned away by the server.
    let plain = migrate(&format!("{url}?sslmode=disable"), data.path());
    let said = String::from_utf8_lossy(&plain.stderr);
    assert!(!plain.status.success(), "a plain connection is refused");
    assert!(
        said.contains("no encryption"),
        "the server says why: {said}"
    );

    // A node that trusts another CA does not accept this server's certificate.
    let untrusted = format!(
        "{url}?sslmode=verify-full&sslrootcert={}",
        other_ca.display()
    );
    let refused = migrate(&untrusted, data.path());
    let said = String::from_utf8_lossy(&refused.stderr).to_lowercase();
    assert!(!refused.status.success(), "an unverified server is refused");
    assert!(said.contains("certificate"), "it says why: {said}");
    assert_eq!(said.matches("unknownissuer").count(), 1, "once: {said}");
    assert_eq!(
        count(
            &verified,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        .await,
        0,
        "neither node wrote anything"
    );

    // With the CA that issued the certificate, the node works: a person registers and signs in.
    let node = SauletProcess::start(&node_env(verified.clone(), data.path())).await;
    let base = format!("http://127.0.0.1:{}", node.port);
    let client = reqwest::Client::new();
    register_individual(&client, &base).await;
    let token = sign_in_individual(&client, &base).await;
    assert!(!token.is_empty(), "signed in");
    // Every connection the server has over TCP is encrypted, the node's among them.
    let connections = "SELECT count(*) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) \
                       WHERE a.backend_type = 'client backend' AND a.client_addr IS NOT NULL";
    let plain = format!("{connections} AND NOT s.ssl");
    assert!(
        count(&verified, connections).await >= 2,
        "the node's connections and the test's are there"
    );
    assert_eq!(count(&verified, &plain).await, 0, "none is plain");
}
