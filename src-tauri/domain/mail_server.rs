//! The processor's outgoing mail server (SMTP), for sending documents straight from the app
//! when the laptop is online. Its password is kept in the vault and never shown again.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validation::{Errors, FieldCode, FieldError};

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Security {
    /// Plain first, then upgraded with STARTTLS before anything is said (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a mail server on this computer.
    None,
}

impl Security {
    pub fn code(self) -> &'static str {
        match self {
            Security::StartTls => "starttls",
            Security::Tls => "tls",
            Security::None => "none",
        }
    }

    pub fn from_code(code: &str) -> Option<Security> {
        [Security::StartTls, Security::Tls, Security::None]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// The mail server as kept (the password apart).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MailServer {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The user name to log in with; empty when the server takes mail without logging in.
    pub user: String,
}

/// The mail server as the officer sees it: the password only as whether one is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MailServerView {
    pub server: Option<MailServer>,
    pub has_password: bool,
}

/// The mail server form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MailServerInput {
    pub host: String,
    /// As typed: `587`.
    pub port: String,
    pub security: Security,
    pub user: String,
    /// A new password; `None` keeps the one in the vault, an empty one removes it.
    pub password: Option<String>,
}

/// The mail server and the password change a checked form asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedMailServer {
    pub server: MailServer,
    pub password: Option<String>,
}

/// Why the mail server could not be used, in the officer's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MailProblem {
    /// No connection: the server refused it, or the name or network is wrong.
    Unreachable,
    /// The secure connection failed: the certificate, or the server speaks no TLS.
    Tls,
    /// The user name or password was not accepted.
    Login,
    /// The server did not answer in time.
    Timeout,
    /// The server answered with a refusal (its reply says why).
    Refused,
}

/// Whether `host` names this computer, the only place an unencrypted connection may go.
pub fn is_this_computer(host: &str) -> bool {
    matches!(
        host.trim().to_ascii_lowercase().as_str(),
        "localhost" | "127.0.0.1" | "::1" | "[::1]"
    )
}

/// Checks the mail server form: a host name without spaces, a port from 1 to 65535, no
/// unencrypted connection to another computer (the password and the notices would cross
/// the network readable), a password only with a user name.
pub fn check_mail_server(input: &MailServerInput) -> Result<CheckedMailServer, Vec<FieldError>> {
    let mut errors = Errors::default();
    let host = errors.text("host", &input.host, true, 253);
    if !errors.has("host") && host.contains(|c: char| c.is_whitespace() || c == '/' || c == '@') {
        errors.add("host", FieldCode::InvalidHost);
    }
    let port = match input.port.trim().parse::<u16>() {
        Ok(port) if port > 0 => port,
        _ if input.port.trim().is_empty() => {
            errors.add("port", FieldCode::Required);
            0
        }
        _ => {
            errors.add("port", FieldCode::OutOfRange);
            0
        }
    };
    if input.security == Security::None && !errors.has("host") && !is_this_computer(&host) {
        errors.add("security", FieldCode::UnencryptedRemote);
    }
    let user = errors.text("user", &input.user, false, 320);
    let password = input.password.clone();
    if let Some(password) = &password {
        if password.chars().count() > 1_000 || password.contains(['\r', '\n', '\0']) {
            errors.add("password", FieldCode::OutOfRange);
        } else if !password.is_empty() && user.is_empty() {
            errors.add("user", FieldCode::Required);
        }
    }
    errors.finish(CheckedMailServer {
        server: MailServer {
            host,
            port,
            security: input.security,
            user,
        },
        password,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::codes;

    fn input(host: &str, port: &str, security: Security) -> MailServerInput {
        MailServerInput {
            host: host.into(),
            port: port.into(),
            security,
            user: "privacy@wolkwerk.example".into(),
            password: Some("geheim".into()),
        }
    }

    #[test]
    fn a_usual_server_is_taken_as_typed_without_spaces() {
        let checked = check_mail_server(&input(
            " smtp.wolkwerk.example ",
            " 587",
            Security::StartTls,
        ))
        .unwrap();
        assert_eq!(checked.server.host, "smtp.wolkwerk.example");
        assert_eq!(checked.server.port, 587);
        assert_eq!(checked.password.as_deref(), Some("geheim"));
    }

    #[test]
    fn unencrypted_only_to_this_computer() {
        assert_eq!(
            codes(check_mail_server(&input(
                "smtp.wolkwerk.example",
                "25",
                Security::None
            ))),
            vec![("security".to_string(), FieldCode::UnencryptedRemote)]
        );
        for host in ["localhost", "127.0.0.1", "::1"] {
            assert!(check_mail_server(&input(host, "2525", Security::None)).is_ok());
        }
    }

    #[test]
    fn a_port_is_a_number_from_1_to_65535() {
        for (port, code) in [
            ("", FieldCode::Required),
            ("0", FieldCode::OutOfRange),
            ("65536", FieldCode::OutOfRange),
            ("58 7", FieldCode::OutOfRange),
            ("-1", FieldCode::OutOfRange),
        ] {
            assert_eq!(
                codes(check_mail_server(&input(
                    "smtp.x.example",
                    port,
                    Security::Tls
                ))),
                vec![("port".to_string(), code)],
                "{port:?}"
            );
        }
    }

    #[test]
    fn a_host_is_a_name_not_an_address_or_url() {
        for host in ["smtp x.example", "smtp://x.example", "me@x.example"] {
            assert_eq!(
                codes(check_mail_server(&input(host, "465", Security::Tls))),
                vec![("host".to_string(), FieldCode::InvalidHost)]
            );
        }
        assert_eq!(
            codes(check_mail_server(&input("", "465", Security::Tls))),
            vec![("host".to_string(), FieldCode::Required)]
        );
    }

    #[test]
    fn a_password_needs_a_user_and_cannot_carry_line_breaks() {
        let mut form = input("smtp.x.example", "465", Security::Tls);
        form.user = String::new();
        assert_eq!(
            codes(check_mail_server(&form)),
            vec![("user".to_string(), FieldCode::Required)]
        );
        form.user = "u".into();
        form.password = Some("a\r\nRSET".into());
        assert_eq!(
            codes(check_mail_server(&form)),
            vec![("password".to_string(), FieldCode::OutOfRange)]
        );
        form.password = None;
        assert_eq!(check_mail_server(&form).unwrap().password, None);
    }
}
