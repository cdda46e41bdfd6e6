//! What a customer export contains: the same content as PDF and as JSON
//! (`assets/customer-export.schema.json` documents the JSON).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::agreement::{Agreement, TemplateVersion};
use super::amendment::CustomerAmendment;
use super::assistance::Assistance;
use super::customer::Customer;
use super::disclosure::Disclosure;
use super::instruction::Instruction;
use super::security_document::SecurityDocumentRecord;
use super::service_end::ServiceEndRecord;
use super::settings::Processor;
use super::subprocessor::CustomerSubProcessor;
use super::transfer::Transfer;

pub const EXPORT_FORMAT: &str = "dpa-desk/customer-export/1";

/// Everything the processor holds about one customer's agreements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerExport {
    pub format: String,
    pub processor: Processor,
    pub customer: Customer,
    /// The agreement the export is about: the signed one, else the newest.
    pub current: Option<AgreementWithVersion>,
    /// Every agreement of the customer, the current one included, newest first.
    pub history: Vec<Agreement>,
    /// The sub-processors the customer approved: by consent, by silence after an
    /// announcement, or in place before its agreement.
    #[serde(default)]
    pub sub_processors: Vec<CustomerSubProcessor>,
    /// The transfers outside the EEA the customer approved, in force.
    #[serde(default)]
    pub transfers: Vec<Transfer>,
    /// How the service ends (art. 10.4), when that is recorded.
    #[serde(default)]
    pub end_of_service: Option<ServiceEndRecord>,
    /// The instructions the customer gave (art. 2.4), the latest first.
    #[serde(default)]
    pub instructions: Vec<Instruction>,
    /// The current version of the customer's security measures document (art. 4.2).
    #[serde(default)]
    pub security_document: Option<SecurityDocumentRecord>,
    /// Legal demands to disclose the customer's data (art. 3.2) the customer may know of:
    /// without those the law forbids telling it, and without other customers.
    #[serde(default)]
    pub disclosures: Vec<Disclosure>,
    /// The assistance given to the customer (art. 7), the latest first.
    #[serde(default)]
    pub assistance: Vec<Assistance>,
    /// The amendments of the agreement (art. 10.2) announced to the customer, the newest
    /// first, with where it stands.
    #[serde(default)]
    pub amendments: Vec<CustomerAmendment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgreementWithVersion {
    pub agreement: Agreement,
    pub version: TemplateVersion,
}

impl CustomerExport {
    /// Puts the parts together; `history` is in the store's order (signed first).
    pub fn new(
        processor: Processor,
        customer: Customer,
        history: Vec<Agreement>,
        current_version: impl FnOnce(i64) -> Option<TemplateVersion>,
    ) -> CustomerExport {
        let current = history.first().cloned().and_then(|agreement| {
            current_version(agreement.template_version_id)
                .map(|version| AgreementWithVersion { agreement, version })
        });
        CustomerExport {
            format: EXPORT_FORMAT.into(),
            processor,
            customer,
            current,
            history,
            sub_processors: Vec::new(),
            transfers: Vec::new(),
            end_of_service: None,
            instructions: Vec::new(),
            security_document: None,
            disclosures: Vec::new(),
            assistance: Vec::new(),
            amendments: Vec::new(),
        }
    }
}
