//! The processor's mail server, through lettre's SMTP transport: a connection test and
//! sending a composed message as it is (the bytes the vault kept the PDF of). TLS through the
//! system's OpenSSL and its trusted certificates.

use std::time::Duration;

use lettre::address::{Address, Envelope};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::response::Response;
use lettre::{SmtpTransport, Transport};

use crate::domain::mail_server::{MailProblem, MailServer, Security};
use crate::error::{AppError, AppResult};

/// How long one step of the conversation may take before the server counts as silent.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A connection to the mail server, reused for every message of one sending.
pub struct Outbox {
    transport: SmtpTransport,
}

impl Outbox {
    /// Prepares the transport (nothing is said to the server yet); `hello` names us (the
    /// domain of the processor's address).
    pub fn new(server: &MailServer, password: Option<&str>, hello: &str) -> AppResult<Outbox> {
        let tls = |host: &str| {
            TlsParameters::new(host.to_string()).map_err(|e| failure(MailProblem::Tls, &e))
        };
        let mut builder = SmtpTransport::builder_dangerous(server.host.as_str())
            .port(server.port)
            .timeout(Some(TIMEOUT))
            .hello_name(ClientId::Domain(hello.to_string()))
            .tls(match server.security {
                Security::StartTls => Tls::Required(tls(&server.host)?),
                Security::Tls => Tls::Wrapper(tls(&server.host)?),
                Security::None => Tls::None,
            });
        if !server.user.is_empty() {
            builder = builder.credentials(Credentials::new(
                server.user.clone(),
                password.unwrap_or_default().to_string(),
            ));
        }
        Ok(Outbox {
            transport: builder.build(),
        })
    }

    /// Connects, secures and logs in as a sending would, and says goodbye.
    pub fn test(&self) -> AppResult<()> {
        match self.transport.test_connection() {
            Ok(true) => Ok(()),
            Ok(false) => Err(AppError::MailServer {
                problem: MailProblem::Unreachable,
                detail: String::new(),
            }),
            Err(e) => Err(classify(&e)),
        }
    }

    /// Sends one message to `to` from `from`; returns the server's reply on acceptance.
    pub fn send(&self, from: &str, to: &[String], message: &[u8]) -> AppResult<String> {
        let parse = |address: &str| {
            address
                .parse::<Address>()
                .map_err(|e| AppError::MailServer {
                    problem: MailProblem::Refused,
                    detail: format!("{address}: {e}"),
                })
        };
        let recipients = to.iter().map(|a| parse(a)).collect::<AppResult<Vec<_>>>()?;
        let envelope =
            Envelope::new(Some(parse(from)?), recipients).map_err(|e| AppError::MailServer {
                problem: MailProblem::Refused,
                detail: e.to_string(),
            })?;
        match self.transport.send_raw(&envelope, message) {
            Ok(response) => Ok(reply(&response)),
            Err(e) => Err(classify(&e)),
        }
    }
}

/// The server's reply as one line: `250 2.0.0 Ok: queued as …`.
fn reply(response: &Response) -> String {
    let words: Vec<&str> = response.message().collect();
    format!("{} {}", response.code(), words.join(" "))
        .trim()
        .to_string()
}

fn failure(problem: MailProblem, error: &dyn std::error::Error) -> AppError {
    let mut detail = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        detail = format!("{detail}: {cause}");
        source = cause.source();
    }
    AppError::MailServer { problem, detail }
}

/// Whether the server fell silent: a read or write past the timeout (which the socket reports
/// as `TimedOut` or, on Linux, `WouldBlock`).
fn timed_out(error: &dyn std::error::Error) -> bool {
    let mut source = error.source();
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            );
        }
        source = cause.source();
    }
    false
}

/// Whether the TLS handshake failed (a server that speaks no TLS, an untrusted certificate).
fn tls_handshake_failed(error: &dyn std::error::Error) -> bool {
    let mut source = error.source();
    while let Some(cause) = source {
        if cause.is::<native_tls::Error>()
            || cause.is::<native_tls::HandshakeError<std::net::TcpStream>>()
        {
            return true;
        }
        source = cause.source();
    }
    false
}

/// Names what went wrong in the officer's terms: a refused login (530–535), another reply
/// of the server, a silent server, a failed TLS, or no connection at all.
fn classify(error: &lettre::transport::smtp::Error) -> AppError {
    let problem = if let Some(code) = error.status() {
        if matches!(code.to_string().as_str(), "530" | "534" | "535" | "538") {
            MailProblem::Login
        } else {
            MailProblem::Refused
        }
    } else if timed_out(error) {
        MailProblem::Timeout
    } else if error.is_tls() || tls_handshake_failed(error) {
        MailProblem::Tls
    } else if error.is_client() {
        // lettre's own refusals, told apart only by their text: a server that offers no
        // STARTTLS (never continued in plain text), or none of the login methods we know.
        let text = error.to_string();
        if text.contains("STARTTLS") {
            MailProblem::Tls
        } else if text.contains("authentication") {
            MailProblem::Login
        } else {
            MailProblem::Unreachable
        }
    } else {
        MailProblem::Unreachable
    };
    failure(problem, error)
}
