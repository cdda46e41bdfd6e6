//! The record of processing activities a processor keeps for each controller it works for
//! (GDPR art. 30(2)), made from what the vault already holds, and what is missing from it.
//!
//! Art. 30(2) asks, per controller: (a) the name and contact details of the processor and of
//! the controller, and of the controller's representative and data protection officer where
//! there is one; (b) the categories of processing carried out for it; (c) transfers to a
//! third country, with the documentation of their safeguards; (d) where possible, a general
//! description of the security measures of art. 32(1). The sub-processors that work for the
//! controller are added: the AP asks for them with the record.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::customer::Contact;
use super::export::CustomerExport;
use super::security_document::SecurityDocumentRecord;
use super::settings::Processor;
use super::subprocessor::SubProcessorRecord;
use super::transfer::{Transfer, TransferGap};
use super::validation::{Errors, FieldCode, FieldError};

/// One controller's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProcessingRecord {
    #[ts(type = "number")]
    pub customer_id: i64,
    /// (a) the processor: its name, address and privacy contact.
    pub processor: Processor,
    /// (a) the controller.
    pub controller: Controller,
    /// (b) the categories of processing: the officer's own, else the customer's services.
    pub categories: Vec<String>,
    /// Whether `categories` are the customer's services because none were written.
    pub categories_from_services: bool,
    /// (c) the transfers outside the EEA the controller approved, in force.
    pub transfers: Vec<Transfer>,
    /// (c) sub-processors outside the EEA working for it without an approved transfer, with
    /// their country: `Cloud Inc. (US)`.
    pub transfers_without_safeguards: Vec<String>,
    /// (d) the current version of its security measures document.
    pub security: Option<SecurityDocumentRecord>,
    /// The sub-processors that work for it, approved.
    pub sub_processors: Vec<SubProcessorRecord>,
    /// What the record still lacks; empty when it is complete.
    pub missing: Vec<RecordGap>,
}

/// The controller as the record names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Controller {
    pub name: String,
    pub kvk_number: String,
    pub address: String,
    pub contacts: Vec<Contact>,
    /// A contact whose function names a data protection officer (FG, DPO).
    pub data_protection_officer: Option<Contact>,
}

/// A part of art. 30(2) the record cannot fill from the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecordGap {
    /// (a) the processor's name, address or privacy contact (settings).
    ProcessorDetails,
    /// (a) no contact with an e-mail address or phone number at the controller.
    ControllerContact,
    /// (b) no category of processing and no service.
    Categories,
    /// (c) a sub-processor outside the EEA works for it without an approved transfer.
    TransferSafeguards,
    /// (d) no security measures document.
    SecurityMeasures,
}

/// The record of the customer `export` describes, with the officer's categories of
/// processing (`categories`; empty means its services) and the sub-processors outside the
/// EEA working for it without an approved transfer (`gaps`).
pub fn record_of(
    export: &CustomerExport,
    categories: &[String],
    gaps: &[TransferGap],
) -> ProcessingRecord {
    let customer = &export.customer;
    let categories_from_services = categories.is_empty();
    let categories = if categories_from_services {
        customer.services.clone()
    } else {
        categories.to_vec()
    };
    let transfers_without_safeguards: Vec<String> = gaps
        .iter()
        .filter(|gap| gap.customer_id == customer.id)
        .map(|gap| format!("{} ({})", gap.sub_processor_name, gap.country))
        .collect();
    let controller = Controller {
        name: customer.name.clone(),
        kvk_number: customer.kvk_number.clone(),
        address: customer.address.clone(),
        contacts: customer.contacts.clone(),
        data_protection_officer: customer
            .contacts
            .iter()
            .find(|c| is_data_protection_officer(&c.role))
            .cloned(),
    };
    let processor = &export.processor;
    let mut missing = Vec::new();
    if lacks_processor_details(processor) {
        missing.push(RecordGap::ProcessorDetails);
    }
    if !controller
        .contacts
        .iter()
        .any(|c| !c.email.trim().is_empty() || !c.phone.trim().is_empty())
    {
        missing.push(RecordGap::ControllerContact);
    }
    if categories.is_empty() {
        missing.push(RecordGap::Categories);
    }
    if !transfers_without_safeguards.is_empty() {
        missing.push(RecordGap::TransferSafeguards);
    }
    if export.security_document.is_none() {
        missing.push(RecordGap::SecurityMeasures);
    }
    ProcessingRecord {
        customer_id: customer.id,
        processor: processor.clone(),
        controller,
        categories,
        categories_from_services,
        transfers: export.transfers.clone(),
        transfers_without_safeguards,
        security: export.security_document.clone(),
        sub_processors: export
            .sub_processors
            .iter()
            .filter(|s| s.approved())
            .map(|s| s.sub_processor.record.clone())
            .collect(),
        missing,
    }
}

/// Whether the processor's name, address or privacy contact is missing from the settings:
/// part (a) of every record.
pub fn lacks_processor_details(processor: &Processor) -> bool {
    [
        &processor.name,
        &processor.address,
        &processor.privacy_contact,
    ]
    .iter()
    .any(|field| field.trim().is_empty())
}

/// Whether a contact's function names a data protection officer: `FG`, `DPO`,
/// `Functionaris gegevensbescherming`, `Data protection officer`.
pub fn is_data_protection_officer(role: &str) -> bool {
    let role = role.trim().to_lowercase();
    let words: Vec<&str> = role
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.contains(&"fg")
        || words.contains(&"dpo")
        || role.contains("functionaris gegevensbescherming")
        || role.contains("functionaris voor de gegevensbescherming")
        || role.contains("data protection officer")
}

/// The most categories of processing a customer may have.
pub const MAX_CATEGORIES: usize = 50;

/// Checks the categories of processing as typed, one per line: trimmed, without empty lines
/// or repeats (ignoring case), each at most 200 characters. None at all means "its services".
pub fn check_categories(typed: &str) -> Result<Vec<String>, Vec<FieldError>> {
    let mut errors = Errors::default();
    let mut categories: Vec<String> = Vec::new();
    for line in typed.lines() {
        let category = errors.text("categories", line, false, 200);
        let known = categories
            .iter()
            .any(|c| c.to_lowercase() == category.to_lowercase());
        if !category.is_empty() && !known {
            categories.push(category);
        }
    }
    if categories.len() > MAX_CATEGORIES {
        errors.add("categories", FieldCode::TooLong);
    }
    errors.finish(categories)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::customer::{Customer, Language};
    use crate::domain::subprocessor::{CustomerSubProcessor, SubProcessor, SubProcessorStatus};

    fn contact(name: &str, role: &str, email: &str) -> Contact {
        Contact {
            id: 1,
            name: name.into(),
            role: role.into(),
            email: email.into(),
            phone: String::new(),
            designated_for_instructions: false,
            receives_notices: true,
        }
    }

    fn sub_processor(name: &str, eea: bool) -> CustomerSubProcessor {
        CustomerSubProcessor {
            sub_processor: SubProcessor {
                id: 1,
                record: SubProcessorRecord {
                    name: name.into(),
                    activities: "Hosting".into(),
                    country: if eea { "NL" } else { "US" }.into(),
                    start_date: None,
                    end_date: None,
                    contract_reference: String::new(),
                },
                eea,
                status: SubProcessorStatus::Active,
            },
            outcome: None,
            deadline: None,
            transfer_unapproved: !eea,
        }
    }

    /// A customer with a contact, a service and a security document: a complete record.
    fn export() -> CustomerExport {
        let processor = Processor {
            name: "Wolkwerk B.V.".into(),
            address: "Kade 1, Utrecht".into(),
            kvk_number: "12345678".into(),
            privacy_contact: "J. Jansen (FG)".into(),
            email: "privacy@wolkwerk.example".into(),
        };
        let customer = Customer {
            id: 7,
            name: "Zorggroep Lindeboom".into(),
            kvk_number: "87654321".into(),
            address: "Lindelaan 1, Utrecht".into(),
            notice_language: Language::Nl,
            service_start: None,
            service_end: None,
            services: vec!["Salarisportaal".into()],
            contacts: vec![
                contact("Anna de Vries", "Directeur", "anna@lindeboom.example"),
                contact("Bram Visser", "Functionaris gegevensbescherming", ""),
            ],
            archived_at: None,
            created_at: Default::default(),
            updated_at: Default::default(),
        };
        let mut export = CustomerExport::new(processor, customer, Vec::new(), |_| None);
        export.security_document = Some(SecurityDocumentRecord {
            version: "3".into(),
            document_date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            summary: "Versleuteling en toegangsbeheer".into(),
            file_reference: String::new(),
            review_on: None,
        });
        export.sub_processors = vec![sub_processor("Datacentrum Noord", true)];
        export
    }

    #[test]
    fn a_customer_with_contact_service_and_security_document_has_a_complete_record() {
        let record = record_of(&export(), &[], &[]);
        assert!(record.missing.is_empty(), "{:?}", record.missing);
        assert_eq!(record.categories, ["Salarisportaal"]);
        assert!(record.categories_from_services);
        assert_eq!(
            record.controller.data_protection_officer.map(|c| c.name),
            Some("Bram Visser".to_string())
        );
        assert_eq!(record.sub_processors[0].name, "Datacentrum Noord");
    }

    #[test]
    fn the_officers_categories_take_the_place_of_the_services() {
        let record = record_of(&export(), &["Salarisadministratie".into()], &[]);
        assert_eq!(record.categories, ["Salarisadministratie"]);
        assert!(!record.categories_from_services);
    }

    #[test]
    fn what_the_vault_lacks_is_named_part_by_part() {
        let mut export = export();
        export.processor.privacy_contact = " ".into();
        export.customer.services.clear();
        for contact in &mut export.customer.contacts {
            contact.email.clear();
        }
        export.security_document = None;
        export
            .sub_processors
            .push(sub_processor("Cloud Inc.", false));
        let gap = |customer_id| TransferGap {
            customer_id,
            customer_name: String::new(),
            sub_processor_id: 2,
            sub_processor_name: "Cloud Inc.".into(),
            country: "US".into(),
        };
        let record = record_of(&export, &[], &[gap(7), gap(8)]);
        assert_eq!(
            record.missing,
            [
                RecordGap::ProcessorDetails,
                RecordGap::ControllerContact,
                RecordGap::Categories,
                RecordGap::TransferSafeguards,
                RecordGap::SecurityMeasures,
            ]
        );
        assert_eq!(record.transfers_without_safeguards, ["Cloud Inc. (US)"]);
    }

    #[test]
    fn a_data_protection_officer_is_known_by_the_usual_names() {
        for role in [
            "FG",
            "fg / privacy",
            "DPO",
            "Data Protection Officer",
            "Functionaris Gegevensbescherming",
        ] {
            assert!(is_data_protection_officer(role), "{role}");
        }
        for role in ["Directeur", "Afgevaardigde", "Office manager", "Hoofd ICT"] {
            assert!(!is_data_protection_officer(role), "{role}");
        }
    }

    #[test]
    fn categories_are_one_per_line_trimmed_and_without_repeats() {
        assert_eq!(
            check_categories(
                "  Salarisadministratie\n\nsalarisadministratie\nHR: verlof, verzuim \n"
            )
            .unwrap(),
            ["Salarisadministratie", "HR: verlof, verzuim"]
        );
        assert_eq!(check_categories("").unwrap(), Vec::<String>::new());
        let too_many: String = (0..=MAX_CATEGORIES)
            .map(|i| format!("Categorie {i}\n"))
            .collect();
        assert_eq!(
            check_categories(&too_many).unwrap_err()[0].code,
            FieldCode::TooLong
        );
        assert_eq!(
            check_categories(&"x".repeat(201)).unwrap_err()[0].code,
            FieldCode::TooLong
        );
        assert_eq!(
            check_categories("a\u{7}b").unwrap_err()[0].code,
            FieldCode::ControlCharacters
        );
    }
}
