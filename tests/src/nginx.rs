//! nginx (Debian's package) as the reverse proxy in front of several `saulet` nodes, the way
//! docs/scaling.md deploys them: round robin, a refused or broken connection passes an
//! idempotent request to the next node, and every answer names the node that gave it
//! (`X-Upstream`).

use std::{
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use tempfile::TempDir;

pub struct ReverseProxy {
    child: Child,
    _folder: TempDir,
    pub port: u16,
}

/// The nginx program: `NGINX` or `/usr/sbin/nginx` or `nginx` on the PATH.
fn nginx() -> PathBuf {
    if let Ok(path) = std::env::var("NGINX") {
        return PathBuf::from(path);
    }
    let debian = PathBuf::from("/usr/sbin/nginx");
    if debian.exists() {
        return debian;
    }
    PathBuf::from("nginx")
}

impl ReverseProxy {
    /// Starts nginx on a free port in front of the nodes listening on `upstreams` and waits
    /// until it answers.
    pub async fn start(upstreams: &[u16]) -> Self {
        let folder = tempfile::tempdir().expect("a folder");
        let port = crate::process::listen_port();
        let dir = folder.path().display().to_string();
        let servers: String = upstreams
            .iter()
            .map(|p| format!("    server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;\n"))
            .collect();
        // As root, nginx's workers would switch to `nobody`, who cannot enter the test's folder.
        let user = if crate::process::is_root() {
            "user root root;"
        } else {
            ""
        };
        let config = format!(
            r#"{user}
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 512; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  upstream saulet {{
{servers}    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 30m;
    location / {{
      proxy_pass http://saulet;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
"#
        );
        let path = folder.path().join("nginx.conf");
        std::fs::write(&path, config).expect("the configuration is written");
        let child = Command::new(nginx())
            .arg("-c")
            .arg(&path)
            .arg("-p")
            .arg(folder.path())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("nginx starts: this PostgreSQL test needs it (apt-get install nginx-light, or set NGINX to its path; README, Needs)");
        let proxy = Self {
            child,
            _folder: folder,
            port,
        };
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let up = client
                .get(format!("http://127.0.0.1:{port}/api/v1/health/live"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if up {
                return proxy;
            }
            assert!(Instant::now() < deadline, "nginx did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for ReverseProxy {
    fn drop(&mut self) {
        // SIGTERM: nginx's fast shutdown; the master stops its worker and exits.
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}
