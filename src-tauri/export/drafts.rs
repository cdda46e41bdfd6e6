//! The e-mail of a kept document (RFC 5322 / MIME, built with mail-builder), addressed to
//! the customer's contacts that receive notices, from the processor's address, with the
//! subject line and a covering text in the customer's language and the PDF attached exactly
//! as kept. Saved as a draft (one `.eml` per document, `X-Unsent: 1` so Outlook opens it as
//! a draft to send), or sent through the mail server (`crate::dispatch`).

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use mail_builder::headers::message_id::MessageId;
use mail_builder::headers::raw::Raw;
use mail_builder::MessageBuilder;
use rusqlite::Connection;

use crate::documents::covering_mail::covering_text;
use crate::domain::customer::{Customer, Language};
use crate::domain::settings::Processor;
use crate::error::{AppError, AppResult};
use crate::store::documents::{self, StoredDocument};
use crate::store::files::write_all_atomically;
use crate::store::{customers, settings};

/// The e-mail of one document, ready to write or send.
#[derive(Debug, Clone)]
pub struct Mail {
    pub document_id: i64,
    /// The draft's file name.
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub from: String,
    pub to: Vec<String>,
    pub message_id: String,
}

/// What the e-mail is for: a draft the officer sends from the mail program, or a message
/// sent from here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Draft,
    Send,
}

/// Whom the customer's notices are e-mailed to, as (name, address).
fn recipients(customer: &Customer) -> Vec<(String, String)> {
    customer
        .notice_recipients()
        .map(|c| (c.name.clone(), c.email.trim().to_string()))
        .collect()
}

/// The draft's file name: the document's, ending in `.eml`.
pub fn draft_file_name(pdf_file_name: &str) -> String {
    let stem = pdf_file_name.strip_suffix(".pdf").unwrap_or(pdf_file_name);
    format!("{stem}.eml")
}

/// Builds the e-mail of one kept document to the customer's contacts that receive notices
/// (`to`, not empty).
fn mail(
    document_id: i64,
    document: &StoredDocument,
    to: Vec<(String, String)>,
    processor: &Processor,
    own_text: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> AppResult<Mail> {
    let subject = if document.subject_line.is_empty() {
        document.file_name.clone()
    } else {
        document.subject_line.clone()
    };
    let domain = processor.mail_domain().unwrap_or("dpa-desk.invalid");
    let from = processor.email.trim().to_string();
    let addresses: Vec<String> = to.iter().map(|(_, address)| address.clone()).collect();
    let message_id = format!(
        "dpa-desk.{document_id}.{}.{}@{domain}",
        &document.sha256[..16],
        now.timestamp_millis()
    );
    let mut builder = MessageBuilder::new()
        .from((processor.name.clone(), from.clone()))
        .to(to)
        .subject(subject.clone())
        .date(now.timestamp())
        .message_id(MessageId::new(message_id.clone()));
    if purpose == Purpose::Draft {
        builder = builder.header("X-Unsent", Raw::new("1"));
    }
    let bytes = builder
        .text_body(covering_text(
            document.language,
            &subject,
            processor,
            own_text,
        ))
        .attachment(
            "application/pdf",
            document.file_name.clone(),
            document.pdf.as_slice(),
        )
        .write_to_vec()?;
    Ok(Mail {
        document_id,
        file_name: draft_file_name(&document.file_name),
        bytes,
        from,
        to: addresses,
        message_id,
    })
}

/// The e-mails of the kept documents, all or none: none without the processor's e-mail
/// address (Settings), or while a customer has no contact that receives notices with an
/// address (every such customer is named). `progress` hears (done, total) as each is built.
pub fn compose(
    conn: &Connection,
    document_ids: &[i64],
    purpose: Purpose,
    now: DateTime<Utc>,
    mut progress: impl FnMut(u32, u32),
) -> AppResult<Vec<Mail>> {
    let settings = settings::get(conn)?;
    let processor = &settings.processor;
    if processor.email.trim().is_empty() {
        return Err(AppError::NoSenderAddress);
    }
    let mut mails = Vec::with_capacity(document_ids.len());
    let mut unaddressed: Vec<String> = Vec::new();
    let total = document_ids.len() as u32;
    progress(0, total);
    for (done, &id) in document_ids.iter().enumerate() {
        let document = documents::pdf(conn, id)?;
        let customer = customers::get(conn, document.customer_id)?;
        let to = recipients(&customer);
        if to.is_empty() {
            if !unaddressed.contains(&customer.name) {
                unaddressed.push(customer.name);
            }
            continue;
        }
        let own = match document.language {
            Language::Nl => &settings.covering_text_nl,
            Language::En => &settings.covering_text_en,
        };
        mails.push(mail(id, &document, to, processor, own, purpose, now)?);
        progress(done as u32 + 1, total);
    }
    if !unaddressed.is_empty() {
        return Err(AppError::NoRecipients {
            customers: unaddressed,
        });
    }
    Ok(mails)
}

/// Writes the drafts of the kept documents into `folder`, all or none (see [`compose`]),
/// reporting progress as each is built. Returns the paths.
pub fn save_drafts(
    conn: &Connection,
    document_ids: &[i64],
    folder: &Path,
    now: DateTime<Utc>,
    progress: impl FnMut(u32, u32),
) -> AppResult<Vec<PathBuf>> {
    let drafts = compose(conn, document_ids, Purpose::Draft, now, progress)?;
    fs::create_dir_all(folder)?;
    let files: Vec<(&str, &[u8])> = drafts
        .iter()
        .map(|d| (d.file_name.as_str(), d.bytes.as_slice()))
        .collect();
    write_all_atomically(folder, &files)?;
    Ok(drafts.iter().map(|d| folder.join(&d.file_name)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::{MessageParser, MimeHeaders};

    fn processor() -> Processor {
        Processor {
            name: "Wolkwerk B.V.".into(),
            address: String::new(),
            kvk_number: String::new(),
            privacy_contact: String::new(),
            email: "privacy@wolkwerk.example".into(),
        }
    }

    fn stored(file_name: &str, subject_line: &str) -> StoredDocument {
        StoredDocument {
            kind: "breach_notice".into(),
            subject_id: 1,
            customer_id: 1,
            language: Language::Nl,
            file_name: file_name.into(),
            subject_line: subject_line.into(),
            pdf: b"%PDF-1.3 not really".to_vec(),
            sha256: "ab".repeat(32),
        }
    }

    fn draft_of(document: &StoredDocument, to: Vec<(String, String)>) -> Mail {
        mail(
            7,
            document,
            to,
            &processor(),
            "",
            Purpose::Draft,
            Utc::now(),
        )
        .unwrap()
    }

    #[test]
    fn names_and_subjects_cannot_add_headers_or_recipients() {
        let hostile = "Eve\r\nBcc: attacker@evil.example\r\nX-Unsent: 0";
        let to = vec![(hostile.to_string(), "anna@klant.example".to_string())];
        let document = stored("datalek-1.pdf", &format!("Melding {hostile}"));
        let draft = draft_of(&document, to);
        let mail = MessageParser::default().parse(&draft.bytes).unwrap();
        assert!(mail.bcc().is_none(), "no Bcc header");
        let to: Vec<&str> = mail
            .to()
            .unwrap()
            .iter()
            .filter_map(|a| a.address())
            .collect();
        assert_eq!(to, vec!["anna@klant.example"]);
        let unsent: Vec<_> = mail
            .headers()
            .iter()
            .filter(|h| h.name().eq_ignore_ascii_case("X-Unsent"))
            .collect();
        assert_eq!(unsent.len(), 1);
        assert_eq!(mail.header_raw("X-Unsent").map(str::trim), Some("1"));
        assert_eq!(
            mail.attachment(0).unwrap().attachment_name(),
            Some("datalek-1.pdf")
        );
    }

    #[test]
    fn a_document_kept_without_a_subject_line_is_sent_under_its_file_name() {
        let to = vec![("Anna".to_string(), "anna@klant.example".to_string())];
        let draft = draft_of(&stored("oud.pdf", ""), to);
        let mail = MessageParser::default().parse(&draft.bytes).unwrap();
        assert_eq!(mail.subject(), Some("oud.pdf"));
        assert_eq!(draft.file_name, "oud.eml");
    }

    #[test]
    fn a_draft_is_named_after_its_document() {
        assert_eq!(
            draft_file_name("datalek-2026-004-Klant-3.pdf"),
            "datalek-2026-004-Klant-3.eml"
        );
        assert_eq!(draft_file_name("odd"), "odd.eml");
    }
}
