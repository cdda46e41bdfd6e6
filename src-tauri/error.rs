//! The one error type the front end sees: stable codes, field errors for validation, and
//! never SQL text, paths or panics. Internal detail goes to the log, without personal data.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::dispatch::Dispatch;
use crate::domain::mail_server::MailProblem;
use crate::domain::validation::FieldError;

#[derive(Debug, thiserror::Error, Serialize, TS)]
#[serde(tag = "code", rename_all = "snake_case")]
#[ts(export)]
pub enum AppError {
    /// Input broke one or more rules; each entry names the field and the rule.
    #[error("validation failed")]
    Validation { fields: Vec<FieldError> },
    #[error("no vault exists yet")]
    NoVault,
    #[error("a vault exists already")]
    VaultExists,
    #[error("the vault is locked")]
    Locked,
    #[error("the passphrase is wrong")]
    WrongPassphrase { retry_after_secs: u64 },
    #[error("too many failed attempts; wait")]
    UnlockThrottled { retry_after_secs: u64 },
    #[error("the vault file cannot be read")]
    VaultUnreadable,
    #[error("the vault was written by a newer version of the app")]
    VaultFromNewerVersion,
    #[error("the vault holds data already")]
    VaultNotEmpty,
    #[error("the template version has signed agreements and cannot change")]
    VersionSigned,
    #[error("the agreement is signed; only its end can change")]
    AgreementSigned,
    #[error("no export folder is set")]
    NoExportFolder,
    #[error("a stored notice no longer matches its SHA-256")]
    NoticeAltered,
    #[error("the incident is closed or not a breach; reopen it first")]
    IncidentClosed,
    #[error("the disk is full")]
    DiskFull,
    #[error("the vault folder cannot be written to")]
    ReadOnlyFolder,
    #[error("the file is not a DPA Desk backup, or it is damaged")]
    BackupUnreadable,
    #[error("the record does not exist")]
    NotFound,
    /// A document would hold characters the PDF fonts cannot print; nothing was kept.
    #[error("a document holds characters its fonts cannot print")]
    Unprintable {
        document: String,
        place: String,
        text: String,
        characters: Vec<String>,
    },
    /// An e-mail draft needs the processor's e-mail address (Settings) to be sent from.
    #[error("the processor has no e-mail address")]
    NoSenderAddress,
    /// These customers have no contact that receives notices with an e-mail address; no
    /// draft was written.
    #[error("customers without a contact to e-mail notices to")]
    NoRecipients { customers: Vec<String> },
    /// The file to open has not been saved (into that folder) yet.
    #[error("the file has not been saved yet")]
    NotSaved,
    /// The desktop has no program for this type of file (`application/pdf`,
    /// `message/rfc822`).
    #[error("no program opens this type of file")]
    NoProgram { mime: String },
    /// Sending needs the mail server (Settings).
    #[error("no mail server is set")]
    NoMailServer,
    /// The mail server could not be used: why, and what it or the connection said.
    #[error("the mail server could not be used: {detail}")]
    MailServer {
        problem: MailProblem,
        detail: String,
    },
    /// These documents may already have reached the customer (sent, or cut off while
    /// sending); nothing was sent until the officer confirms them.
    #[error("documents that may already have been sent")]
    MaybeSent { documents: Vec<Dispatch> },
    #[error("storage failed")]
    Storage,
}

impl AppError {
    /// A validation error for a single field.
    pub fn field(field: &str, code: crate::domain::validation::FieldCode) -> Self {
        AppError::Validation {
            fields: vec![FieldError::new(field, code)],
        }
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(fields: Vec<FieldError>) -> Self {
        AppError::Validation { fields }
    }
}

impl From<crate::domain::template::TemplateError> for AppError {
    fn from(error: crate::domain::template::TemplateError) -> Self {
        use crate::domain::template::TemplateError;
        use crate::domain::validation::FieldCode;
        let code = match error {
            TemplateError::Empty => FieldCode::TemplateEmpty,
            TemplateError::TooLarge => FieldCode::TooLong,
            TemplateError::NoArticles => FieldCode::TemplateWithoutArticles,
        };
        AppError::field("source_text", code)
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(error: rusqlite::Error) -> Self {
        tracing::error!(error = %error, "database error");
        match error.sqlite_error_code() {
            // A damaged file: the officer needs the recovery advice, not "try again".
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                AppError::VaultUnreadable
            }
            // A folder that cannot be written: SQLite cannot make its journal files there.
            Some(rusqlite::ErrorCode::DiskFull) => AppError::DiskFull,
            Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen) => {
                AppError::ReadOnlyFolder
            }
            _ => AppError::Storage,
        }
    }
}

impl From<std::io::Error> for AppError {
    fn from(error: std::io::Error) -> Self {
        tracing::error!(kind = ?error.kind(), "file error");
        match error.kind() {
            std::io::ErrorKind::StorageFull => AppError::DiskFull,
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                AppError::ReadOnlyFolder
            }
            _ => AppError::Storage,
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
