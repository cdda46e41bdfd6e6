//! Documents as PDF: a layout engine on printpdf (`layout`), deterministic writing (`pdf`),
//! and one renderer per kind of document.

pub mod agreement;
pub mod fonts;
pub mod layout;
pub mod pdf;
