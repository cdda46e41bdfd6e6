//! Documents as PDF: a layout engine on printpdf (`layout`), deterministic writing (`pdf`),
//! and one renderer per kind of document.

pub mod agreement;
pub mod amendment_notice;
pub mod audit_notice;
pub mod breach_report;
pub mod change_notice;
pub mod covering_mail;
pub mod disclosure_notice;
pub mod fonts;
pub mod instruction_notice;
pub mod issued;
pub mod layout;
pub mod letter;
pub mod notice;
pub mod pdf;
pub mod printable;
pub mod processing_record;
pub mod security_notice;
pub mod service_end_notice;
pub mod words;
