//! A real SMTP server for the mail tests: the outbox worker talks to
//! it over TCP exactly as it talks to a production relay, and every message it accepts is
//! recorded and parsed, so a test checks what a user's mailbox would hold.
//!
//! The SMTP dialogue is `mailin-embedded`'s. It cannot be stopped once serving, so it listens on
//! a private port and a small forwarder owns the public one: [`SmtpServer::stop`] closes that port
//! (clients get "connection refused") and cuts open connections, and [`SmtpServer::restart`]
//! opens the same port again. [`SmtpServer::fail_next`] and [`SmtpServer::fail_always`] make it
//! refuse messages with a reply code of the test's choosing, as a relay under load (4xx) or one
//! that rejects a recipient (5xx) would. Refused messages are counted, never recorded.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use mail_parser::{MessageParser, MimeHeaders};
use mailin_embedded::{Handler, Response, Server, SslConfig, response};
use tokio::{
    net::{TcpListener, TcpStream},
    sync::watch,
    task::JoinHandle,
};

/// A message the server accepted, with the parts tests look at already decoded.
#[derive(Debug, Clone)]
pub struct ReceivedMessage {
    /// `MAIL FROM` and `RCPT TO` of the SMTP envelope.
    pub envelope_from: String,
    pub envelope_to: Vec<String>,
    /// The message exactly as received.
    pub raw: Vec<u8>,
    pub subject: Option<String>,
    /// Without the angle brackets.
    pub message_id: Option<String>,
    /// The `To:` addresses.
    pub to: Vec<String>,
    pub content_language: Option<String>,
    pub auto_submitted: Option<String>,
    /// The `text/plain` part, decoded.
    pub text: Option<String>,
    /// The `text/html` part, decoded; `None` when the message has none.
    pub html: Option<String>,
}

impl ReceivedMessage {
    /// Parses a message as an SMTP server or a mail folder holds it.
    pub fn parse(envelope_from: String, envelope_to: Vec<String>, raw: Vec<u8>) -> Self {
        let parsed = MessageParser::default().parse(&raw);
        let header = |name: &str| {
            parsed
                .as_ref()
                .and_then(|m| m.header_raw(name))
                .map(|v| v.trim().to_owned())
        };
        let content_language = header("Content-Language");
        let auto_submitted = header("Auto-Submitted");
        let (subject, message_id, to, text, html) = match &parsed {
            Some(message) => (
                message.subject().map(str::to_owned),
                message.message_id().map(str::to_owned),
                message
                    .to()
                    .map(|to| {
                        to.iter()
                            .filter_map(|a| a.address().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default(),
                message
                    .text_bodies()
                    .find(|part| part.is_text() && !part.is_text_html())
                    .and_then(|part| part.text_contents().map(str::to_owned)),
                message
                    .html_bodies()
                    .find(|part| part.is_text_html())
                    .and_then(|part| part.text_contents().map(str::to_owned)),
            ),
            None => (None, None, Vec::new(), None, None),
        };
        Self {
            envelope_from,
            envelope_to,
            raw,
            subject,
            message_id,
            to,
            content_language,
            auto_submitted,
            text,
            html,
        }
    }

    /// Whether a `text/*` part of the message is declared UTF-8 (as Kazakh and Russian need).
    pub fn declares_utf8(&self) -> bool {
        MessageParser::default()
            .parse(&self.raw)
            .map(|m| {
                m.text_bodies().all(|part| {
                    part.content_type()
                        .and_then(|ct| ct.attribute("charset"))
                        .is_some_and(|cs| cs.eq_ignore_ascii_case("utf-8"))
                })
            })
            .unwrap_or(false)
    }
}

/// How the server answers the end of a message.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    None,
    Next { times: usize, code: u16 },
    Always { code: u16 },
}

struct State {
    received: Vec<ReceivedMessage>,
    refused: usize,
    refusal: Refusal,
}

struct Shared {
    state: Mutex<State>,
    /// The number of messages received, for [`SmtpServer::wait_for`].
    count: watch::Sender<usize>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// `mailin-embedded` clones this for each connection; all clones share what they record.
#[derive(Clone)]
struct Recorder {
    shared: Arc<Shared>,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Recorder {
    /// Refusals answer the `DATA` command, when the envelope is complete: `mailin` returns to a
    /// clean state after an error there (after an error at the end of the data it would not).
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        let mut state = self.shared.state();
        let refuse_with = match state.refusal {
            Refusal::None => None,
            Refusal::Always { code } => Some(code),
            Refusal::Next { times, code } => {
                state.refusal = if times > 1 {
                    Refusal::Next {
                        times: times - 1,
                        code,
                    }
                } else {
                    Refusal::None
                };
                Some(code)
            }
        };
        if let Some(code) = refuse_with {
            state.refused += 1;
            let text = if code >= 500 {
                "5.7.1 Message refused by the test server"
            } else {
                "4.3.0 Try again later (test server)"
            };
            return Response::custom(code, text.to_owned());
        }
        self.from = from.to_owned();
        self.to = to.to_vec();
        self.data.clear();
        response::START_DATA
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let raw = std::mem::take(&mut self.data);
        let message = ReceivedMessage::parse(std::mem::take(&mut self.from), self.to.clone(), raw);
        let mut state = self.shared.state();
        state.received.push(message);
        let count = state.received.len();
        drop(state);
        // Recorded before the client hears "250": once a send returns, the message is here.
        self.shared.count.send_replace(count);
        response::OK
    }
}

/// The public port's forwarder while the server is up.
struct Front {
    accept: JoinHandle<()>,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

pub struct SmtpServer {
    addr: SocketAddr,
    backend: SocketAddr,
    shared: Arc<Shared>,
    front: Mutex<Option<Front>>,
}

impl SmtpServer {
    /// Starts a server on a free port of 127.0.0.1.
    pub async fn start() -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                received: Vec::new(),
                refused: 0,
                refusal: Refusal::None,
            }),
            count: watch::Sender::new(0),
        });
        let backend = start_backend(shared.clone());
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port for the SMTP server");
        let addr = listener.local_addr().expect("a local address");
        let server = Self {
            addr,
            backend,
            shared,
            front: Mutex::new(None),
        };
        server.serve(listener);
        server
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL for `mail.smtp_url`.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Every message accepted so far, in order.
    pub fn messages(&self) -> Vec<ReceivedMessage> {
        self.shared.state().received.clone()
    }

    /// How many messages were refused by [`Self::fail_next`] or [`Self::fail_always`].
    pub fn refused(&self) -> usize {
        self.shared.state().refused
    }

    /// Waits until at least `n` messages have arrived; panics after `timeout`.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<ReceivedMessage> {
        let mut count = self.shared.count.subscribe();
        let arrived = tokio::time::timeout(timeout, count.wait_for(|c| *c >= n)).await;
        if arrived.is_err() {
            panic!(
                "expected {n} messages within {timeout:?}, got {}",
                self.messages().len()
            );
        }
        self.messages()
    }

    /// Refuses the next `times` messages with `code` (4xx: try later; 5xx: never).
    pub fn fail_next(&self, times: usize, code: u16) {
        self.shared.state().refusal = if times == 0 {
            Refusal::None
        } else {
            Refusal::Next { times, code }
        };
    }

    /// Refuses every message with `code` until [`Self::accept_all`].
    pub fn fail_always(&self, code: u16) {
        self.shared.state().refusal = Refusal::Always { code };
    }

    pub fn accept_all(&self) {
        self.shared.state().refusal = Refusal::None;
    }

    /// Closes the port, as a relay that went down: new connections are refused and open ones cut.
    pub async fn stop(&self) {
        let front = self
            .front
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        let Some(front) = front else { return };
        front.accept.abort();
        let _ = front.accept.await;
        let connections = std::mem::take(
            &mut *front
                .connections
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        for connection in connections {
            connection.abort();
            let _ = connection.await;
        }
    }

    /// Opens the same port again after [`Self::stop`]. What was received before is kept.
    pub async fn restart(&self) {
        let listener = TcpListener::bind(self.addr)
            .await
            .expect("the SMTP server's port is free again");
        self.serve(listener);
    }

    fn serve(&self, listener: TcpListener) {
        let connections: Arc<Mutex<Vec<JoinHandle<()>>>> = Arc::default();
        let backend = self.backend;
        let tracked = connections.clone();
        let accept = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let connection = tokio::spawn(async move {
                    if let Ok(mut outbound) = TcpStream::connect(backend).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                let mut tracked = tracked
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                tracked.retain(|c: &JoinHandle<()>| !c.is_finished());
                tracked.push(connection);
            }
        });
        *self
            .front
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(Front {
            accept,
            connections,
        });
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(front) = self
            .front
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
        {
            front.accept.abort();
            for connection in front
                .connections
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .drain(..)
            {
                connection.abort();
            }
        }
    }
}

/// Starts `mailin-embedded` on a private port, on threads of its own (its I/O is blocking).
/// It serves until the test process ends: the library has no way to stop it, and once the
/// public port is closed nothing reaches it.
fn start_backend(shared: Arc<Shared>) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free private port");
    let addr = listener.local_addr().expect("a local address");
    let recorder = Recorder {
        shared,
        from: String::new(),
        to: Vec::new(),
        data: Vec::new(),
    };
    let mut server = Server::new(recorder);
    server
        .with_name("smtp.saulet.test")
        .with_ssl(SslConfig::None)
        .expect("no TLS")
        .with_num_threads(16)
        .with_tcp_listener(listener);
    std::thread::Builder::new()
        .name(format!("smtp-{}", addr.port()))
        .spawn(move || {
            if let Err(e) = server.serve() {
                eprintln!("the test SMTP server stopped: {e}");
            }
        })
        .expect("a thread for the SMTP server");
    addr
}
