//! The real `saulet` binary as a child process, for tests about processes: several nodes on one
//! database, a process killed in the middle of its work.

use std::{
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::OnceLock,
    time::{Duration, Instant},
};

/// A port on 127.0.0.1 for a server a test starts as another process (saulet, nginx, Garage,
/// PostgreSQL), which binds it a moment later. Chosen at random below the kernel's ephemeral
/// range (`net.ipv4.ip_local_port_range`), where outgoing connections never take one (a port
/// from `bind(0)` lies inside that range, and another test's connection could take it before the
/// server binds it), and free when chosen.
pub fn listen_port() -> u16 {
    let ephemeral_low = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse::<u16>().ok())
        .unwrap_or(32768);
    let (low, high) = (10_000u16, ephemeral_low.max(10_001));
    for _ in 0..1000 {
        let random = u16::from_le_bytes(
            uuid::Uuid::new_v4().as_bytes()[..2]
                .try_into()
                .unwrap_or_default(),
        );
        let port = low + random % (high - low);
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port between {low} and {high}");
}

/// The workspace's target folder: `CARGO_TARGET_DIR`, or `target` beside the workspace's manifest.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"),
        PathBuf::from,
    )
}

/// The `saulet` binary of this workspace, built once per test process.
pub fn saulet_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "--quiet", "--bin", "saulet"])
            .current_dir(&workspace)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "the saulet binary builds");
        target_dir().join("debug").join("saulet")
    })
    .clone()
}

/// The environment of a node over `database_url` and `data_dir`: no SPA, the dev PKI's CAs and
/// CRL trusted, and a sign-in rate limit the tests do not reach.
pub fn node_env(database_url: String, data_dir: &std::path::Path) -> Vec<(&'static str, String)> {
    let trust = crate::pki::pki().trust();
    let list = |items: Vec<String>| serde_json::to_string(&items).expect("JSON");
    let anchors = trust
        .anchors
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    vec![
        ("SAULET_DATABASE__URL", database_url),
        ("SAULET_DATA_DIR", data_dir.display().to_string()),
        (
            "SAULET_SERVER__STATIC_DIR",
            data_dir.join("no-spa").display().to_string(),
        ),
        ("SAULET_EDS__ANCHORS", list(anchors)),
        ("SAULET_EDS__CRLS", list(trust.crls.clone())),
        ("SAULET_SERVER__AUTH_RATE_LIMIT", "1000".into()),
        // As in every test's configuration: no agreement in force unless a test publishes one.
        ("SAULET_CONSENTS__SHIP_AGREEMENTS", "false".into()),
    ]
}

/// Where a process's stdout or stderr goes: nowhere, the test's own stderr, or a log file (each
/// attempt to start gets its own handle).
enum OutputFor {
    Null,
    Inherit,
    File(std::fs::File),
}

impl OutputFor {
    fn get(&self) -> Stdio {
        match self {
            Self::Null => Stdio::null(),
            Self::Inherit => Stdio::inherit(),
            Self::File(file) => file.try_clone().expect("the log file is shared").into(),
        }
    }
}

/// A running `saulet serve`; killed when dropped.
pub struct SauletProcess {
    child: Child,
    pub port: u16,
}

impl SauletProcess {
    /// Starts `saulet serve` with `env` (SAULET_* variables) on a free port and waits until it
    /// is ready.
    pub async fn start(env: &[(&str, String)]) -> Self {
        Self::start_with_output(env, OutputFor::Null, OutputFor::Inherit).await
    }

    /// As [`SauletProcess::start`], with the process's log (its stdout and stderr) in `log`.
    pub async fn start_logging_to(env: &[(&str, String)], log: &std::fs::File) -> Self {
        let copy = || OutputFor::File(log.try_clone().expect("the log file is shared"));
        Self::start_with_output(env, copy(), copy()).await
    }

    /// Picks a free port, starts the process on it and waits until it is ready. A port free when
    /// picked may be taken before the process binds it (by another test's outgoing connection or
    /// server): the process then exits, or another process answers on that port. Either way the
    /// attempt is dropped and a new port picked, up to five times. The process's own answer is
    /// told from another's by a metrics token only it knows.
    async fn start_with_output(
        env: &[(&str, String)],
        stdout: OutputFor,
        stderr: OutputFor,
    ) -> Self {
        let token_given = env
            .iter()
            .any(|(k, _)| *k == "SAULET_SERVER__METRICS_TOKEN");
        for attempt in 1..=5 {
            let token = format!("process-{}", uuid::Uuid::new_v4());
            let port = listen_port();
            let mut command = Command::new(saulet_bin());
            command
                .arg("serve")
                .env("SAULET_SERVER__PORT", port.to_string())
                .env("SAULET_SERVER__WORKERS", "1")
                .env("SAULET_SERVER__METRICS_TOKEN", &token)
                .env(
                    "SAULET_LOG__LEVEL",
                    std::env::var("TEST_LOG").unwrap_or_else(|_| "warn".into()),
                )
                .stdout(stdout.get())
                .stderr(stderr.get());
            for (key, value) in env {
                command.env(key, value);
            }
            let child = command.spawn().expect("saulet starts");
            let mut process = Self { child, port };
            match process.wait_ready((!token_given).then_some(&token)).await {
                Ok(()) => return process,
                Err(why) => eprintln!("saulet, attempt {attempt} on port {port}: {why}"),
            }
            process.kill();
        }
        panic!("saulet did not become ready in five attempts");
    }

    /// Waits up to 30 s until this process answers ready on its port. `token`, when given, is
    /// the metrics token only this process knows: its `/metrics` answers 200 to it.
    async fn wait_ready(&mut self, token: Option<&String>) -> Result<(), String> {
        let client = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{}", self.port);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("it exited before it was ready ({status})"));
            }
            let ready = client
                .get(format!("{base}/api/v1/health/ready"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                let Some(token) = token else { return Ok(()) };
                let ours = client
                    .get(format!("{base}/metrics"))
                    .bearer_auth(token)
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success());
                return if ours {
                    Ok(())
                } else {
                    Err("another process answers on its port".into())
                };
            }
            if Instant::now() >= deadline {
                return Err("not ready within 30 s".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// SIGTERM, as a service manager stops it, then waits up to `within` for the process to
    /// exit. Returns its exit status, or `None` if it was still running (it is then killed).
    pub fn terminate(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        assert!(sent, "SIGTERM delivered");
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.kill();
        None
    }

    /// SIGKILL: no graceful shutdown, whatever it was doing is cut short.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for SauletProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Whether the tests run as root (as in CI): servers that refuse root, or drop to `nobody`,
/// need telling.
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// POSTs `body` as JSON to `url` (with `token` as the bearer, if any) and reads the answer's
/// JSON, whatever its status: the caller asserts on what it holds.
pub async fn post_json(
    client: &reqwest::Client,
    url: String,
    token: Option<&str>,
    body: &serde_json::Value,
) -> serde_json::Value {
    let mut request = client.post(url).json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON")
}

/// The person [`register_individual`] registers.
pub const INDIVIDUAL_EMAIL: &str = "asan@mail.kz";

/// Registers the dev PKI's `individual` as [`INDIVIDUAL_EMAIL`] with [`crate::PASSWORD`] on the
/// node at `base`, as a browser would: a challenge, signed with the AUTH key, then the account.
pub async fn register_individual(client: &reqwest::Client, base: &str) {
    let challenge = post_json(
        client,
        format!("{base}/api/v1/auth/eds/challenge"),
        None,
        &serde_json::json!({"purpose": "register"}),
    )
    .await;
    let challenge = challenge["challenge"].as_str().expect("a challenge");
    let signature = crate::pki::pki().sign(
        "individual",
        saulet_api::eds::KeyPurpose::Authentication,
        challenge.as_bytes(),
    );
    let registered = client
        .post(format!("{base}/api/v1/accounts"))
        .json(
            &serde_json::json!({"challenge": challenge, "signature": signature,
            "email": INDIVIDUAL_EMAIL, "password": crate::PASSWORD, "language": "ru"}),
        )
        .send()
        .await
        .expect("answers");
    assert_eq!(registered.status(), 201);
}

/// Signs [`INDIVIDUAL_EMAIL`] in on the node at `base`: a new session's access token.
pub async fn sign_in_individual(client: &reqwest::Client, base: &str) -> String {
    let login = post_json(
        client,
        format!("{base}/api/v1/auth/login"),
        None,
        &serde_json::json!({"login": INDIVIDUAL_EMAIL, "password": crate::PASSWORD}),
    )
    .await;
    login["access_token"].as_str().expect("a token").to_owned()
}
