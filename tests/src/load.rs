//! A small closed-loop load for fault tests: a few clients send requests as fast as they are
//! answered while the test breaks something, and every answer is kept (when it was sent, its
//! status, its problem type, the node that gave it) for the assertions afterwards.

use std::{
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Instant,
};

use serde_json::{Value, json};

use crate::permits::sketch_form;

/// What one request saw.
#[derive(Debug, Clone)]
pub struct Seen {
    pub sent: Instant,
    /// 0 when no HTTP answer came (connection refused or reset).
    pub status: u16,
    /// The problem's `type` when the answer was problem+json.
    pub problem_type: Option<String>,
    /// The node a reverse proxy used last (`X-Upstream`), if it said.
    pub upstream: String,
    /// The id of the permit request a `201` created.
    pub created: Option<String>,
}

impl Seen {
    pub async fn of(request: reqwest::RequestBuilder) -> Self {
        let sent = Instant::now();
        let Ok(response) = request.send().await else {
            return Self {
                sent,
                status: 0,
                problem_type: None,
                upstream: String::new(),
                created: None,
            };
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let is_problem = header("content-type").starts_with("application/problem+json");
        let upstream = header("x-upstream")
            .rsplit(", ")
            .next()
            .unwrap_or_default()
            .to_owned();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        Self {
            sent,
            status,
            problem_type: is_problem.then(|| body["type"].as_str().unwrap_or("").to_owned()),
            upstream,
            created: (status == 201).then(|| body["id"].as_str().unwrap_or("").to_owned()),
        }
    }
}

/// `clients` clients, half listing and half creating draft permit requests at `base` as the
/// holder of `token`, until [`stop`](Self::stop).
pub struct Load {
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Load {
    pub fn lists_and_drafts(
        client: &reqwest::Client,
        base: &str,
        token: &str,
        clients: usize,
    ) -> Self {
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let tasks = (0..clients)
            .map(|n| {
                let (client, base, token, seen, stop) = (
                    client.clone(),
                    base.to_owned(),
                    token.to_owned(),
                    seen.clone(),
                    stop.clone(),
                );
                tokio::spawn(async move {
                    while !stop.load(Ordering::Relaxed) {
                        let request = if n % 2 == 0 {
                            client.get(format!("{base}/api/v1/permit-requests?limit=5"))
                        } else {
                            client
                                .post(format!("{base}/api/v1/permit-requests"))
                                .json(&json!({"type_code": "sketch-approval", "form_data": sketch_form()}))
                        };
                        let one = Seen::of(request.bearer_auth(&token)).await;
                        seen.lock().expect("the list").push(one);
                    }
                })
            })
            .collect();
        Self { seen, stop, tasks }
    }

    /// How many answers so far pass `test`.
    pub fn count(&self, test: impl Fn(&Seen) -> bool) -> usize {
        self.seen
            .lock()
            .expect("the list")
            .iter()
            .filter(|s| test(s))
            .count()
    }

    /// Stops the clients, waits for their last requests, and gives every answer.
    pub async fn stop(self) -> Vec<Seen> {
        self.stop.store(true, Ordering::Relaxed);
        for task in self.tasks {
            task.await.expect("a client ends");
        }
        self.seen.lock().expect("the list").clone()
    }
}

/// Asserts that every draft the load was told was created can be read at `base`.
pub async fn assert_all_stored(client: &reqwest::Client, base: &str, token: &str, seen: &[Seen]) {
    for id in seen.iter().filter_map(|s| s.created.as_deref()) {
        let response = client
            .get(format!("{base}/api/v1/permit-requests/{id}"))
            .bearer_auth(token)
            .send()
            .await
            .expect("answers");
        assert_eq!(response.status(), 200, "{id} was acknowledged");
    }
}
