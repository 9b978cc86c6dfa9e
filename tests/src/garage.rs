//! Garage, an S3-compatible distributed object store, as a real S3 server for the tests: one node
//! on loopback with its own data folder, one bucket and one access key, stopped when dropped.
//! `cargo install garage --locked` puts it in `~/.cargo/bin` (`.ci/run` does, once per machine);
//! `GARAGE` names another binary.

use std::{
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use tempfile::TempDir;

pub struct Garage {
    child: Child,
    folder: TempDir,
    pub endpoint: String,
    pub bucket: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

fn garage_bin() -> PathBuf {
    if let Ok(path) = std::env::var("GARAGE") {
        return PathBuf::from(path);
    }
    let cargo_home = std::env::var("CARGO_HOME").map_or_else(
        |_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"),
        PathBuf::from,
    );
    let installed = cargo_home.join("bin").join("garage");
    if installed.exists() {
        return installed;
    }
    PathBuf::from("garage")
}

impl Garage {
    /// Starts a one-node Garage with bucket `saulet` and a key that may read and write it.
    pub async fn start() -> Self {
        let folder = tempfile::tempdir().expect("a folder");
        let dir = folder.path().display().to_string();
        let rpc = crate::process::listen_port();
        let s3 = std::iter::repeat_with(crate::process::listen_port)
            .find(|port| *port != rpc)
            .expect("a second port");
        let mut random = [0u8; 32];
        std::io::Read::read_exact(
            &mut std::fs::File::open("/dev/urandom").expect("urandom"),
            &mut random,
        )
        .expect("random bytes");
        let secret = hex::encode(random);
        let config = format!(
            r#"metadata_dir = "{dir}/meta"
data_dir = "{dir}/data"
db_engine = "sqlite"
replication_factor = 1
rpc_bind_addr = "127.0.0.1:{rpc}"
rpc_public_addr = "127.0.0.1:{rpc}"
rpc_secret = "{secret}"
[s3_api]
s3_region = "garage"
api_bind_addr = "127.0.0.1:{s3}"
root_domain = ".s3.garage.localhost"
"#
        );
        std::fs::write(folder.path().join("garage.toml"), config).expect("the configuration");
        let child = Command::new(garage_bin())
            .arg("-c")
            .arg(folder.path().join("garage.toml"))
            .arg("server")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("garage starts: install it with `cargo install garage --locked` (README, Needs), or set GARAGE to its path");
        let mut garage = Self {
            child,
            folder,
            endpoint: format!("http://127.0.0.1:{s3}"),
            bucket: "saulet".into(),
            access_key_id: String::new(),
            secret_access_key: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        let node = loop {
            if let Ok(id) = garage.cli_ok(&["node", "id", "-q"]) {
                break id.trim().split('@').next().unwrap_or_default().to_owned();
            }
            assert!(Instant::now() < deadline, "garage did not start");
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        // `node id` reads the node's key from its folder, which exists before the server
        // listens; `status` asks the server itself.
        while let Err(why) = garage.cli_ok(&["status"]) {
            assert!(
                Instant::now() < deadline,
                "garage did not answer on its RPC port: {why}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        garage.cli(&["layout", "assign", "-z", "dc1", "-c", "1G", &node]);
        garage.cli(&["layout", "apply", "--version", "1"]);
        garage.cli(&["bucket", "create", "saulet"]);
        let key = garage.cli(&["key", "create", "saulet-key"]);
        let field = |name: &str| {
            key.lines()
                .find_map(|line| line.strip_prefix(name))
                .map(|value| value.trim().to_owned())
                .unwrap_or_else(|| panic!("`{name}` in garage's answer: {key}"))
        };
        garage.access_key_id = field("Key ID:");
        garage.secret_access_key = field("Secret key:");
        garage.cli(&[
            "bucket",
            "allow",
            "--read",
            "--write",
            "--owner",
            "saulet",
            "--key",
            "saulet-key",
        ]);
        garage
    }

    /// One `garage` command against this node: its output, or what it printed on failure.
    fn cli_ok(&self, args: &[&str]) -> Result<String, String> {
        let out = Command::new(garage_bin())
            .arg("-c")
            .arg(self.folder.path().join("garage.toml"))
            .args(args)
            .env("RUST_LOG", "error")
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }

    fn cli(&self, args: &[&str]) -> String {
        self.cli_ok(args)
            .unwrap_or_else(|why| panic!("garage {args:?} succeeds: {why}"))
    }

    /// The `SAULET_PERMITS__S3__*` variables of a node that keeps its documents here.
    pub fn node_env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("SAULET_PERMITS__S3__ENDPOINT", self.endpoint.clone()),
            ("SAULET_PERMITS__S3__BUCKET", self.bucket.clone()),
            ("SAULET_PERMITS__S3__REGION", "garage".into()),
            (
                "SAULET_PERMITS__S3__ACCESS_KEY_ID",
                self.access_key_id.clone(),
            ),
            (
                "SAULET_PERMITS__S3__SECRET_ACCESS_KEY",
                self.secret_access_key.clone(),
            ),
        ]
    }

    /// A client of `bucket`.
    fn client(&self, bucket: &str) -> object_store::aws::AmazonS3 {
        object_store::aws::AmazonS3Builder::new()
            .with_endpoint(&self.endpoint)
            .with_bucket_name(bucket)
            .with_region("garage")
            .with_access_key_id(&self.access_key_id)
            .with_secret_access_key(&self.secret_access_key)
            .with_allow_http(true)
            .build()
            .expect("an S3 client")
    }

    /// A second bucket the same key may read and write.
    pub fn create_bucket(&self, name: &str) {
        self.cli(&["bucket", "create", name]);
        self.cli(&[
            "bucket",
            "allow",
            "--read",
            "--write",
            "--owner",
            name,
            "--key",
            "saulet-key",
        ]);
    }

    /// Copies every object of `from` into `to`, as a backup tool (rclone, `aws s3 sync`) would;
    /// returns how many.
    pub async fn copy_bucket(&self, from: &str, to: &str) -> usize {
        use futures_util::TryStreamExt;
        use object_store::ObjectStore;
        let (source, target) = (self.client(from), self.client(to));
        let listed: Vec<_> = source
            .list(None)
            .try_collect()
            .await
            .expect("the bucket lists");
        for object in &listed {
            let bytes = source
                .get(&object.location)
                .await
                .expect("an object")
                .bytes()
                .await
                .expect("its bytes");
            target
                .put(&object.location, bytes.into())
                .await
                .expect("copied");
        }
        listed.len()
    }

    /// Every object's name in the bucket, listed over S3.
    pub async fn objects(&self) -> Vec<String> {
        self.objects_in(&self.bucket).await
    }

    /// Every object's name in `bucket`.
    pub async fn objects_in(&self, bucket: &str) -> Vec<String> {
        use futures_util::TryStreamExt;
        use object_store::ObjectStore;
        let store = object_store::aws::AmazonS3Builder::new()
            .with_endpoint(&self.endpoint)
            .with_bucket_name(bucket)
            .with_region("garage")
            .with_access_key_id(&self.access_key_id)
            .with_secret_access_key(&self.secret_access_key)
            .with_allow_http(true)
            .build()
            .expect("an S3 client");
        let listed: Vec<_> = store
            .list(None)
            .try_collect()
            .await
            .expect("the bucket lists");
        let mut names: Vec<String> = listed.into_iter().map(|o| o.location.to_string()).collect();
        names.sort();
        names
    }

    /// The same, as settings.
    pub fn settings(&self) -> saulet_api::permits::storage::S3Settings {
        saulet_api::permits::storage::S3Settings {
            endpoint: self.endpoint.clone(),
            bucket: self.bucket.clone(),
            region: "garage".into(),
            access_key_id: self.access_key_id.clone(),
            secret_access_key: secrecy::SecretString::from(self.secret_access_key.clone()),
        }
    }
}

impl Drop for Garage {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
