//! The processor's mail server inside the vault, its password with it (as bytes, so the
//! event log holds only its length).

use rusqlite::{Connection, OptionalExtension};

use crate::domain::mail_server::{
    check_mail_server, MailServer, MailServerInput, MailServerView, Security,
};
use crate::error::{AppError, AppResult};

/// The mail server and its password, if one is set.
pub fn get(conn: &Connection) -> AppResult<Option<(MailServer, Option<String>)>> {
    conn.query_row(
        "SELECT host, port, security, user_name, password FROM mail_server WHERE id = 1",
        [],
        |row| {
            let security: String = row.get(2)?;
            let password: Option<Vec<u8>> = row.get(4)?;
            Ok((
                MailServer {
                    host: row.get(0)?,
                    port: row.get(1)?,
                    security: Security::from_code(&security).unwrap_or(Security::StartTls),
                    user: row.get(3)?,
                },
                password.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
            ))
        },
    )
    .optional()
    .map_err(AppError::from)
}

/// What the officer sees: the server, and whether a password is kept.
pub fn view(conn: &Connection) -> AppResult<MailServerView> {
    Ok(match get(conn)? {
        Some((server, password)) => MailServerView {
            server: Some(server),
            has_password: password.is_some(),
        },
        None => MailServerView {
            server: None,
            has_password: false,
        },
    })
}

/// Saves the mail server, refused with its field errors when it does not pass
/// [`check_mail_server`]; its password is replaced only when the form gave one (an empty one
/// removes it).
pub fn save(conn: &Connection, input: &MailServerInput) -> AppResult<()> {
    let checked = check_mail_server(input)?;
    let s = &checked.server;
    conn.execute(
        "INSERT INTO mail_server (id, host, port, security, user_name)
         VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET host = ?1, port = ?2, security = ?3, user_name = ?4",
        (&s.host, s.port, s.security.code(), &s.user),
    )?;
    if let Some(password) = &checked.password {
        let bytes = (!password.is_empty()).then(|| password.as_bytes().to_vec());
        conn.execute("UPDATE mail_server SET password = ?1 WHERE id = 1", [bytes])?;
    }
    Ok(())
}
