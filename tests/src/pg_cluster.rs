//! A PostgreSQL server of the test's own: `initdb` into a temporary folder, started on a free
//! port, listening on 127.0.0.1 and a socket in its folder. A test may stop and start it, which
//! it must never do to the shared server the other tests use.
//!
//! It uses the server programs of the machine's PostgreSQL (`/usr/lib/postgresql/<n>/bin`, the
//! newest, or `pg_ctl` on the PATH). PostgreSQL refuses to run as root, so when the tests run as
//! root the folder belongs to the `postgres` user and the programs run as that user (`runuser`).

use std::{
    path::{Path, PathBuf},
    process::Command,
};

use tempfile::TempDir;

pub struct PrivateCluster {
    folder: TempDir,
    bin: PathBuf,
    pub port: u16,
    /// Server options beyond the port, the addresses and the socket (`-c name=value …`).
    options: String,
}

impl PrivateCluster {
    /// Makes the cluster (`initdb`, trust authentication, no fsync: it is thrown away) and
    /// starts it.
    pub fn start() -> Self {
        let cluster = Self::made("saulet-pg-");
        cluster.up();
        cluster
    }

    /// A cluster that accepts connections over TCP only with TLS (`hostssl`; `hostnossl` is
    /// rejected), presenting `certificate` and its `key` (PEM files); its socket stays open to
    /// the `postgres` user without TLS.
    pub fn start_requiring_tls(certificate: &Path, key: &Path) -> Self {
        let mut cluster = Self::made("saulet-pg-tls-");
        let data = cluster.data();
        std::fs::copy(certificate, data.join("server.crt")).expect("the certificate is copied");
        std::fs::copy(key, data.join("server.key")).expect("the key is copied");
        std::fs::write(
            data.join("pg_hba.conf"),
            "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n",
        )
        .expect("pg_hba.conf is written");
        {
            use std::os::unix::fs::PermissionsExt;
            let private = std::fs::Permissions::from_mode(0o600);
            std::fs::set_permissions(data.join("server.key"), private).expect("the key is private");
        }
        if crate::process::is_root() {
            let status = Command::new("chown")
                .args(["postgres:postgres"])
                .args([
                    data.join("server.crt"),
                    data.join("server.key"),
                    data.join("pg_hba.conf"),
                ])
                .status()
                .expect("chown runs");
            assert!(status.success(), "the files are given to postgres");
        }
        cluster.options =
            " -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key".into();
        cluster.up();
        cluster
    }

    /// `initdb` into a new folder (trust authentication, no fsync: it is thrown away); not
    /// started.
    fn made(prefix: &str) -> Self {
        let cluster = Self::in_new_folder(prefix, server_programs());
        cluster.run(
            "initdb",
            &[
                "-D",
                &cluster.data().display().to_string(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
                "--no-instructions",
            ],
        );
        cluster
    }

    /// A streaming replica of this cluster (`pg_basebackup -R`: a standby that follows the
    /// primary's WAL), started on its own port.
    pub fn replica(&self) -> Self {
        let replica = Self::in_new_folder("saulet-pg-replica-", self.bin.clone());
        replica.run(
            "pg_basebackup",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                "postgres",
                "-D",
                &replica.data().display().to_string(),
                "-R",
                "-X",
                "stream",
                // An immediate checkpoint: the default spread one waits for the primary's pace.
                "-c",
                "fast",
                "--no-sync",
            ],
        );
        replica.up();
        replica
    }

    /// A cluster not made yet: its folder (the `postgres` user's when the tests run as root) and
    /// a free port.
    fn in_new_folder(prefix: &str, bin: PathBuf) -> Self {
        let folder = tempfile::Builder::new()
            .prefix(prefix)
            .tempdir()
            .expect("a folder");
        if crate::process::is_root() {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(folder.path())
                .status()
                .expect("chown runs");
            assert!(status.success(), "the folder is given to postgres");
        }
        Self {
            folder,
            bin,
            port: crate::process::listen_port(),
            options: String::new(),
        }
    }

    /// `postgres://postgres@127.0.0.1:<port>/postgres`.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Starts the server and waits until it accepts connections.
    pub fn up(&self) {
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off -c max_connections=60{}",
            self.port,
            self.folder.path().display(),
            self.options
        );
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data().display().to_string(),
                "-l",
                &self.folder.path().join("server.log").display().to_string(),
                "-o",
                &options,
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
    }

    /// Stops the server the way an operator's restart does (`-m fast`): sessions are ended,
    /// transactions in progress roll back.
    pub fn down(&self) {
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data().display().to_string(),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
        );
    }

    fn data(&self) -> PathBuf {
        self.folder.path().join("data")
    }

    /// `program` of the server's, as the `postgres` user when the tests run as root.
    fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        if crate::process::is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        }
    }

    fn run(&self, program: &str, args: &[&str]) {
        let output = self
            .command(program)
            .args(args)
            .current_dir(self.folder.path())
            .output()
            .unwrap_or_else(|e| panic!("{program} runs: {e}"));
        assert!(
            output.status.success(),
            "{program} {args:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .args(["-m", "immediate", "-w", "stop"])
            .output();
    }
}

/// The folder of `initdb` and `pg_ctl`: the newest `/usr/lib/postgresql/<n>/bin` (Debian), or
/// the folder of `pg_ctl` on the PATH.
fn server_programs() -> PathBuf {
    let debian = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(debian)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = entry.path().join("bin");
            bin.join("pg_ctl").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return bin;
    }
    let found = Command::new("sh")
        .args(["-c", "command -v pg_ctl"])
        .output()
        .expect("sh runs");
    let path = PathBuf::from(String::from_utf8_lossy(&found.stdout).trim());
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| {
            panic!("PostgreSQL's server programs (pg_ctl, initdb) are not installed")
        })
        .to_path_buf()
}
