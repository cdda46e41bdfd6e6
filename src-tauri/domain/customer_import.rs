//! Customers and their contacts from a table the officer already has (`domain::table`):
//! which column fills which field, guessed from Dutch and English headers, and per row the
//! customer it describes or why it is refused. Nothing here touches the vault: the preview
//! is worked out against the customers it is given.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chrono::NaiveDate;

use super::agreement::{check_agreement, AgreementInput, AgreementRecord, AgreementStatus};
use super::customer::{
    check_customer, ContactInput, Customer, CustomerInput, CustomerRecord, Language, MAX_CONTACTS,
};
use super::table::{Row, Table};
use super::validation::{FieldCode, FieldError};

/// A field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportField {
    Name,
    KvkNumber,
    Address,
    Language,
    Services,
    CustomerSince,
    ContactName,
    ContactRole,
    ContactEmail,
    ContactPhone,
    ContactInstructions,
    ContactNotices,
    /// The label of the template version the customer signed (`2026.1`).
    AgreementVersion,
    AgreementSignedOn,
    AgreementSignedBy,
}

impl ImportField {
    /// The field's name in a refused row, as the customer form names it
    /// (`contacts.1.email`).
    fn path(self, contact: usize) -> String {
        let name = match self {
            ImportField::Name => "name",
            ImportField::KvkNumber => "kvk_number",
            ImportField::Address => "address",
            ImportField::Language => "notice_language",
            ImportField::Services => "services",
            ImportField::CustomerSince => "service_start",
            ImportField::ContactName => "name",
            ImportField::ContactRole => "role",
            ImportField::ContactEmail => "email",
            ImportField::ContactPhone => "phone",
            ImportField::ContactInstructions => "designated_for_instructions",
            ImportField::ContactNotices => "receives_notices",
            ImportField::AgreementVersion => "agreement_version",
            ImportField::AgreementSignedOn => "agreement_signed_on",
            ImportField::AgreementSignedBy => "agreement_signed_by",
        };
        if self.is_contact() {
            format!("contacts.{contact}.{name}")
        } else {
            name.to_string()
        }
    }

    fn is_contact(self) -> bool {
        matches!(
            self,
            ImportField::ContactName
                | ImportField::ContactRole
                | ImportField::ContactEmail
                | ImportField::ContactPhone
                | ImportField::ContactInstructions
                | ImportField::ContactNotices
        )
    }
}

/// What one column fills: a field, and for a contact field which contact (0 is the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ColumnTarget {
    pub field: ImportField,
    pub contact: usize,
}

/// Per column of the table, what it fills (`None`: left out).
pub type Mapping = Vec<Option<ColumnTarget>>;

/// The words a header is recognised by, lower case, without spaces, dashes or dots.
const HEADERS: &[(ImportField, &[&str])] = &[
    (
        ImportField::Name,
        &[
            "naam",
            "klant",
            "klantnaam",
            "bedrijfsnaam",
            "organisatie",
            "name",
            "customer",
            "company",
            "companyname",
        ],
    ),
    (
        ImportField::KvkNumber,
        &[
            "kvk",
            "kvknummer",
            "kvknr",
            "kamervankoophandel",
            "coc",
            "cocnumber",
            "chamberofcommerce",
        ],
    ),
    (
        ImportField::Address,
        &["adres", "vestigingsadres", "address"],
    ),
    (ImportField::Language, &["taal", "language", "meldingstaal"]),
    (
        ImportField::Services,
        &["diensten", "dienst", "services", "service", "producten"],
    ),
    (
        ImportField::CustomerSince,
        &[
            "klantsinds",
            "startdatum",
            "ingangsdatum",
            "customersince",
            "startdate",
        ],
    ),
    (
        ImportField::ContactName,
        &[
            "contactpersoon",
            "contact",
            "contactnaam",
            "contactname",
            "contactperson",
        ],
    ),
    (
        ImportField::ContactRole,
        &["functie", "rol", "role", "function", "jobtitle"],
    ),
    (
        ImportField::ContactEmail,
        &["email", "emailadres", "mail", "emailaddress"],
    ),
    (
        ImportField::ContactPhone,
        &[
            "telefoon",
            "telefoonnummer",
            "tel",
            "phone",
            "telephone",
            "mobiel",
            "mobile",
        ],
    ),
    (
        ImportField::ContactInstructions,
        &[
            "instructies",
            "maginstructiesgeven",
            "aangewezen",
            "instructions",
            "designated",
        ],
    ),
    (
        ImportField::ContactNotices,
        &[
            "meldingen",
            "ontvangtmeldingen",
            "notices",
            "receivesnotices",
        ],
    ),
    (
        ImportField::AgreementVersion,
        &[
            "versie",
            "versieovereenkomst",
            "overeenkomstversie",
            "versieverwerkersovereenkomst",
            "dpaversie",
            "agreementversion",
            "dpaversion",
            "version",
        ],
    ),
    (
        ImportField::AgreementSignedOn,
        &[
            "getekendop",
            "ondertekendop",
            "datumondertekening",
            "getekend",
            "ondertekend",
            "signedon",
            "signed",
            "datesigned",
            "signaturedate",
        ],
    ),
    (
        ImportField::AgreementSignedBy,
        &[
            "getekenddoor",
            "ondertekenddoor",
            "ondertekenaar",
            "signedby",
            "signatory",
        ],
    ),
];

/// The highest contact number a header can name (the mapping screen offers ten contacts).
const MAX_NUMBERED_CONTACT: usize = 10;

/// Guesses each column's field from its header. A number in a contact field's header names
/// the contact ("Instructies 2", "E-mail contact 3"); without one, a contact field found again
/// starts the next contact ("E-mail", then a second "E-mail"). Any other field is taken once.
pub fn guess_mapping(headers: &[String]) -> Mapping {
    let mut seen: HashMap<ImportField, usize> = HashMap::new();
    headers
        .iter()
        .map(|header| {
            let words: String = header
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphabetic())
                .collect();
            let field = HEADERS
                .iter()
                .find(|(_, names)| names.iter().any(|n| n.to_lowercase() == words))
                .map(|(field, _)| *field)?;
            let count = seen.entry(field).or_insert(0);
            *count += 1;
            let numbered = header
                .split(|c: char| !c.is_ascii_digit())
                .find_map(|digits| digits.parse::<usize>().ok())
                .filter(|n| (1..=MAX_NUMBERED_CONTACT).contains(n));
            match (field.is_contact(), *count) {
                (true, n) => Some(ColumnTarget {
                    field,
                    contact: numbered.unwrap_or(n) - 1,
                }),
                (false, 1) => Some(ColumnTarget { field, contact: 0 }),
                (false, _) => None,
            }
        })
        .collect()
}

/// A row read into a customer that passed [`check_customer`], with the fields its cells
/// gave: an empty cell gives nothing, so it changes nothing of a customer already known.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub record: CustomerRecord,
    /// The signed agreement the row names, as typed; `None` when its columns are empty.
    pub agreement: Option<AgreementCells>,
    /// The fields with text in the row; for contact fields, the contact's place in
    /// `record.contacts`.
    given: HashSet<ColumnTarget>,
}

/// A signed agreement as a row gives it: the version's label, the date and the signatory.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AgreementCells {
    pub version: String,
    pub signed_on: String,
    pub signed_by: String,
}

impl Imported {
    fn gives(&self, field: ImportField, contact: usize) -> bool {
        self.given.contains(&ColumnTarget { field, contact })
    }
}

/// The customer a row describes, checked; the fields the import reads itself (language,
/// yes/no) and cells that hold a formula or a spreadsheet error are refused in place. A
/// contact with no name, e-mail or phone is left out.
pub fn customer_of(row: &Row, mapping: &Mapping) -> Result<Imported, Vec<FieldError>> {
    let mut input = CustomerInput {
        name: String::new(),
        kvk_number: String::new(),
        address: String::new(),
        notice_language: Language::Nl,
        service_start: String::new(),
        service_end: String::new(),
        services: String::new(),
        contacts: Vec::new(),
    };
    let mut contacts: Vec<ContactInput> = Vec::new();
    let mut agreement: Option<AgreementCells> = None;
    let mut given: HashSet<ColumnTarget> = HashSet::new();
    let mut errors = Vec::new();
    for (column, target) in mapping.iter().enumerate() {
        let Some(target) = *target else {
            continue;
        };
        let ColumnTarget { field, contact } = target;
        let value = row.field(column).to_string();
        if field.is_contact() {
            while contacts.len() <= contact {
                contacts.push(ContactInput {
                    id: None,
                    name: String::new(),
                    role: String::new(),
                    email: String::new(),
                    phone: String::new(),
                    designated_for_instructions: false,
                    receives_notices: true,
                });
            }
        }
        if value.is_empty() {
            continue;
        }
        let path = field.path(contact);
        if is_formula(&value) {
            errors.push(FieldError::new(&path, FieldCode::Formula));
            continue;
        }
        given.insert(target);
        match field {
            ImportField::Name => input.name = value,
            ImportField::KvkNumber => input.kvk_number = value,
            ImportField::Address => input.address = value,
            ImportField::Services => input.services = value,
            ImportField::CustomerSince => input.service_start = value,
            ImportField::Language => match language(&value) {
                Some(language) => input.notice_language = language,
                None => errors.push(FieldError::new(&path, FieldCode::UnknownLanguage)),
            },
            ImportField::ContactName => contacts[contact].name = value,
            ImportField::ContactRole => contacts[contact].role = value,
            ImportField::ContactEmail => contacts[contact].email = value,
            ImportField::ContactPhone => contacts[contact].phone = value,
            ImportField::ContactInstructions => match yes_no(&value) {
                Some(yes) => contacts[contact].designated_for_instructions = yes,
                None => errors.push(FieldError::new(&path, FieldCode::UnknownYesNo)),
            },
            ImportField::ContactNotices => match yes_no(&value) {
                Some(yes) => contacts[contact].receives_notices = yes,
                None => errors.push(FieldError::new(&path, FieldCode::UnknownYesNo)),
            },
            ImportField::AgreementVersion => agreement.get_or_insert_default().version = value,
            ImportField::AgreementSignedOn => agreement.get_or_insert_default().signed_on = value,
            ImportField::AgreementSignedBy => agreement.get_or_insert_default().signed_by = value,
        }
    }
    // Contacts without name, e-mail or phone are left out; the rest move up, and what they
    // gave moves with them.
    let mut kept = Vec::new();
    let mut moved: HashSet<ColumnTarget> = given
        .iter()
        .filter(|t| !t.field.is_contact())
        .copied()
        .collect();
    for (slot, contact) in contacts.into_iter().enumerate() {
        if contact.name.is_empty() && contact.email.is_empty() && contact.phone.is_empty() {
            continue;
        }
        moved.extend(
            given
                .iter()
                .filter(|t| t.field.is_contact() && t.contact == slot)
                .map(|t| ColumnTarget {
                    field: t.field,
                    contact: kept.len(),
                }),
        );
        kept.push(contact);
    }
    input.contacts = kept;
    if !errors.is_empty() {
        return Err(errors);
    }
    // A contact without a name is checked as if it had one: in a row that matches a customer
    // in the vault it may be a known contact, found by its e-mail address (see `nameless`).
    let mut checked = input;
    for contact in checked.contacts.iter_mut().filter(|c| c.name.is_empty()) {
        contact.name = "-".into();
    }
    let mut record = check_customer(&checked)?;
    for (place, contact) in record.contacts.iter_mut().enumerate() {
        if !moved.contains(&ColumnTarget {
            field: ImportField::ContactName,
            contact: place,
        }) {
            contact.name.clear();
        }
    }
    Ok(Imported {
        record,
        agreement,
        given: moved,
    })
}

/// A contact a row adds must have a name.
fn nameless(place: usize) -> FieldError {
    FieldError::new(&ImportField::ContactName.path(place), FieldCode::Required)
}

/// A formula as text (`=HYPERLINK(…)` in a CSV file), or the error a spreadsheet cell shows:
/// neither is a value to store.
fn is_formula(value: &str) -> bool {
    value.starts_with('=')
        || [
            "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DATA!",
        ]
        .contains(&value)
}

/// The notice language as a CRM writes it.
fn language(value: &str) -> Option<Language> {
    match value.trim().to_lowercase().as_str() {
        "nl" | "nld" | "dut" | "nederlands" | "dutch" | "nl-nl" => Some(Language::Nl),
        "en" | "eng" | "engels" | "english" | "en-gb" | "en-us" => Some(Language::En),
        _ => None,
    }
}

/// Yes or no as a spreadsheet writes it.
fn yes_no(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "x" | "1" | "waar" | "true" => Some(true),
        "nee" | "n" | "no" | "0" | "onwaar" | "false" => Some(false),
        _ => None,
    }
}

/// What an import changes of a customer already in the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Change {
    Name,
    KvkNumber,
    Address,
    NoticeLanguage,
    ServiceStart,
    Services,
    ContactsAdded,
    ContactsChanged,
    /// A signed agreement is recorded.
    Agreement,
}

/// A customer already in the vault with what a row adds to it: a field with text in the
/// row replaces the vault's, services are added, a contact with the same e-mail address
/// (else, without one, the same name) is brought up to date and any other is added. Nothing
/// is removed.
pub fn merge(
    existing: &Customer,
    row: &Imported,
) -> Result<(CustomerRecord, Vec<Change>), Vec<FieldError>> {
    let new = &row.record;
    let mut changes = Vec::new();
    let mut merged = CustomerRecord {
        name: existing.name.clone(),
        kvk_number: existing.kvk_number.clone(),
        address: existing.address.clone(),
        notice_language: existing.notice_language,
        service_start: existing.service_start,
        service_end: existing.service_end,
        services: existing.services.clone(),
        contacts: existing.contacts.iter().map(ContactInput::from).collect(),
    };
    let mut take = |field: ImportField, change: Change, differs: bool| {
        let take = row.gives(field, 0) && differs;
        if take {
            changes.push(change);
        }
        take
    };
    if take(ImportField::Name, Change::Name, new.name != merged.name) {
        merged.name = new.name.clone();
    }
    if take(
        ImportField::KvkNumber,
        Change::KvkNumber,
        new.kvk_number != merged.kvk_number,
    ) {
        merged.kvk_number = new.kvk_number.clone();
    }
    if take(
        ImportField::Address,
        Change::Address,
        new.address != merged.address,
    ) {
        merged.address = new.address.clone();
    }
    if take(
        ImportField::Language,
        Change::NoticeLanguage,
        new.notice_language != merged.notice_language,
    ) {
        merged.notice_language = new.notice_language;
    }
    if take(
        ImportField::CustomerSince,
        Change::ServiceStart,
        new.service_start != merged.service_start,
    ) {
        merged.service_start = new.service_start;
    }
    let known = |name: &String, list: &[String]| {
        list.iter().any(|s| s.to_lowercase() == name.to_lowercase())
    };
    let added: Vec<String> = new
        .services
        .iter()
        .filter(|s| !known(s, &merged.services))
        .cloned()
        .collect();
    if !added.is_empty() {
        merged.services.extend(added);
        changes.push(Change::Services);
    }
    let (mut contacts_added, mut contacts_changed) = (false, false);
    let mut errors = Vec::new();
    for (place, incoming) in new.contacts.iter().enumerate() {
        let same = |c: &ContactInput| {
            if incoming.email.is_empty() {
                !incoming.name.is_empty() && c.name.to_lowercase() == incoming.name.to_lowercase()
            } else {
                c.email.to_lowercase() == incoming.email.to_lowercase()
            }
        };
        match merged.contacts.iter_mut().find(|c| same(c)) {
            Some(contact) => {
                let before = contact.clone();
                let gives = |field| row.gives(field, place);
                if gives(ImportField::ContactName) {
                    contact.name = incoming.name.clone();
                }
                if gives(ImportField::ContactRole) {
                    contact.role = incoming.role.clone();
                }
                if gives(ImportField::ContactEmail) {
                    contact.email = incoming.email.clone();
                }
                if gives(ImportField::ContactPhone) {
                    contact.phone = incoming.phone.clone();
                }
                if gives(ImportField::ContactInstructions) {
                    contact.designated_for_instructions = incoming.designated_for_instructions;
                }
                if gives(ImportField::ContactNotices) {
                    contact.receives_notices = incoming.receives_notices;
                }
                contacts_changed |= *contact != before;
            }
            None if incoming.name.is_empty() => errors.push(nameless(place)),
            None => {
                merged.contacts.push(incoming.clone());
                contacts_added = true;
            }
        }
    }
    if merged.contacts.len() > MAX_CONTACTS {
        errors.push(FieldError::new("contacts", FieldCode::TooManyContacts));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if contacts_added {
        changes.push(Change::ContactsAdded);
    }
    if contacts_changed {
        changes.push(Change::ContactsChanged);
    }
    Ok((merged, changes))
}

/// A refused row: its number in the file and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RefusedRow {
    pub row: u32,
    pub fields: Vec<FieldError>,
}

/// A customer already in the vault that a row changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub id: i64,
    pub row: usize,
    pub record: CustomerRecord,
    pub changes: Vec<Change>,
    pub agreement: Option<AgreementRecord>,
}

/// A customer a row adds, with the signed agreement it names.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCustomer {
    pub record: CustomerRecord,
    pub agreement: Option<AgreementRecord>,
}

/// What the vault knows of agreements, to read a row's agreement columns against: the
/// template versions by label, each customer's agreements (version and date signed, of
/// those signed or superseded), and today for "not in the future".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KnownAgreements {
    pub versions: Vec<(i64, String)>,
    pub signed: HashMap<i64, Vec<(i64, Option<NaiveDate>)>>,
    pub today: NaiveDate,
}

impl KnownAgreements {
    /// The signed agreement a row names, checked as the agreement form checks it; `None`
    /// when the row names none, or one the customer has already.
    fn read(
        &self,
        cells: Option<&AgreementCells>,
        customer: Option<i64>,
    ) -> Result<Option<AgreementRecord>, Vec<FieldError>> {
        let Some(cells) = cells else {
            return Ok(None);
        };
        let label = cells.version.trim().to_lowercase();
        let version = self
            .versions
            .iter()
            .find(|(_, l)| l.trim().to_lowercase() == label)
            .map(|(id, _)| *id);
        let Some(version) = version else {
            let code = if label.is_empty() {
                FieldCode::Required
            } else {
                FieldCode::UnknownVersion
            };
            return Err(vec![FieldError::new("agreement_version", code)]);
        };
        let input = AgreementInput {
            template_version_id: version,
            status: AgreementStatus::Signed,
            signed_on: cells.signed_on.clone(),
            signed_by_name: cells.signed_by.clone(),
            signed_by_role: String::new(),
            end_date: String::new(),
            notes: String::new(),
        };
        let record = check_agreement(&input, self.today).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| match e.field.as_str() {
                    "signed_on" => FieldError::new("agreement_signed_on", e.code),
                    "signed_by_name" => FieldError::new("agreement_signed_by", e.code),
                    _ => e,
                })
                .collect::<Vec<_>>()
        })?;
        let held = customer
            .and_then(|id| self.signed.get(&id))
            .map_or(&[][..], Vec::as_slice);
        if held.iter().any(|(v, _)| *v == version) {
            return Ok(None);
        }
        if held.iter().any(|(_, on)| *on > record.signed_on) {
            return Err(vec![FieldError::new(
                "agreement_signed_on",
                FieldCode::BeforeCurrentAgreement,
            )]);
        }
        Ok(Some(record))
    }
}

/// What an import would do: the new customers, the customers in the vault it changes (a
/// row matches one by KvK number, else by exact name), how many rows match one and change
/// nothing, and the rows refused.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPlan {
    pub new: Vec<NewCustomer>,
    pub updates: Vec<Update>,
    pub unchanged: usize,
    pub refused: Vec<RefusedRow>,
}

/// Works out what importing the table with `mapping` would do to the vault's `existing`
/// customers.
pub fn plan(
    table: &Table,
    mapping: &Mapping,
    existing: &[Customer],
    agreements: &KnownAgreements,
) -> ImportPlan {
    let by_kvk: HashMap<&str, &Customer> = existing
        .iter()
        .filter(|e| !e.kvk_number.is_empty())
        .map(|e| (e.kvk_number.as_str(), e))
        .collect();
    let by_name: HashMap<&str, &Customer> = existing.iter().map(|e| (e.name.as_str(), e)).collect();
    let mut in_file: HashSet<String> = HashSet::new();
    let mut result = ImportPlan::default();
    for row in &table.rows {
        let refuse = |fields| RefusedRow {
            row: row.number as u32,
            fields,
        };
        let imported = match customer_of(row, mapping) {
            Ok(imported) => imported,
            Err(fields) => {
                result.refused.push(refuse(fields));
                continue;
            }
        };
        let record = &imported.record;
        let known = by_kvk
            .get(record.kvk_number.as_str())
            .or_else(|| by_name.get(record.name.as_str()));
        // One row per customer: the same KvK number, or the same name without one (or the
        // same customer in the vault), twice is a mistake in the file.
        let (field, key) = match (known, record.kvk_number.is_empty()) {
            (Some(customer), _) => ("kvk_number", format!("id {}", customer.id)),
            (None, false) => ("kvk_number", format!("kvk {}", record.kvk_number)),
            (None, true) => ("name", format!("name {}", record.name)),
        };
        if !in_file.insert(key) {
            let field = if record.kvk_number.is_empty() {
                "name"
            } else {
                field
            };
            result.refused.push(refuse(vec![FieldError::new(
                field,
                FieldCode::DuplicateInFile,
            )]));
            continue;
        }
        let agreement = agreements.read(imported.agreement.as_ref(), known.map(|c| c.id));
        match known {
            None => {
                let mut fields: Vec<FieldError> = (imported.record.contacts.iter().enumerate())
                    .filter(|(_, c)| c.name.is_empty())
                    .map(|(place, _)| nameless(place))
                    .collect();
                match agreement {
                    Ok(agreement) if fields.is_empty() => result.new.push(NewCustomer {
                        record: imported.record,
                        agreement,
                    }),
                    Ok(_) => result.refused.push(refuse(fields)),
                    Err(errors) => {
                        fields.extend(errors);
                        result.refused.push(refuse(fields));
                    }
                }
            }
            Some(customer) => match (merge(customer, &imported), agreement) {
                (Err(mut fields), agreement) => {
                    fields.extend(agreement.err().unwrap_or_default());
                    result.refused.push(refuse(fields));
                }
                (Ok(_), Err(fields)) => result.refused.push(refuse(fields)),
                (Ok((_, changes)), Ok(None)) if changes.is_empty() => result.unchanged += 1,
                (Ok((record, mut changes)), Ok(agreement)) => {
                    if agreement.is_some() {
                        changes.push(Change::Agreement);
                    }
                    result.updates.push(Update {
                        id: customer.id,
                        row: row.number,
                        record,
                        changes,
                        agreement,
                    });
                }
            },
        }
    }
    result
}

/// A changed customer as the preview lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UpdateSummary {
    pub id: i64,
    pub name: String,
    pub row: u32,
    pub changes: Vec<Change>,
}

/// What the officer sees before anything is stored.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ImportSummary {
    pub new: u32,
    pub updates: Vec<UpdateSummary>,
    pub unchanged: u32,
    pub refused: Vec<RefusedRow>,
    pub contacts: u32,
    /// Signed agreements the import records, for new and known customers.
    pub agreements: u32,
}

impl ImportPlan {
    pub fn summary(&self) -> ImportSummary {
        ImportSummary {
            new: self.new.len() as u32,
            updates: self
                .updates
                .iter()
                .map(|u| UpdateSummary {
                    id: u.id,
                    name: u.record.name.clone(),
                    row: u.row as u32,
                    changes: u.changes.clone(),
                })
                .collect(),
            unchanged: self.unchanged as u32,
            refused: self.refused.clone(),
            contacts: self
                .new
                .iter()
                .map(|n| n.record.contacts.len() as u32)
                .sum(),
            agreements: (self.new.iter().filter(|n| n.agreement.is_some()).count()
                + self
                    .updates
                    .iter()
                    .filter(|u| u.agreement.is_some())
                    .count()) as u32,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::Contact;
    use crate::domain::table::read_csv;

    const CRM: &str = "Bedrijfsnaam;KvK-nummer;Adres;Taal;Contactpersoon;E-mail;Meldingen;Contactpersoon 2;E-mail 2;Instructies 2\n\
        Zorggroep Lindeboom;12345678;Lindelaan 1, Utrecht;NL;Anna de Vries;anna@lindeboom.example;ja;Bram Visser;bram@lindeboom.example;x\n\
        Nordic Freight AB;;Hamngatan 2, Göteborg;English;Eva Berg;eva@nordic.example;;;;\n\
        Bakkerij Korenschoof;87654321;;Frans;Cor Smit;cor@korenschoof.example;misschien;;;\n\
        Kopie van Lindeboom;12345678;;nl;;;;;;\n\
        ;11112222;;;;;;;;\n\
        =HYPERLINK(\"http://x.example\");22223333;;;;;;;;\n";

    fn table() -> Table {
        read_csv(CRM.as_bytes()).unwrap()
    }

    fn mapping() -> Mapping {
        let mapping = guess_mapping(&table().headers);
        // "Instructies 2" is the second contact's, by its number.
        assert_eq!(
            mapping[9],
            Some(ColumnTarget {
                field: ImportField::ContactInstructions,
                contact: 1,
            })
        );
        mapping
    }

    fn stored(id: i64, name: &str, kvk: &str, contacts: Vec<Contact>) -> Customer {
        Customer {
            id,
            name: name.into(),
            kvk_number: kvk.into(),
            address: "Oude straat 1".into(),
            notice_language: Language::Nl,
            service_start: None,
            service_end: None,
            services: vec!["Salarisportaal".into()],
            contacts,
            archived_at: None,
            created_at: Default::default(),
            updated_at: Default::default(),
        }
    }

    fn contact(id: i64, name: &str, email: &str) -> Contact {
        Contact {
            id,
            name: name.into(),
            role: "DPO".into(),
            email: email.into(),
            phone: "030 123 45 67".into(),
            designated_for_instructions: true,
            receives_notices: true,
        }
    }

    fn refused(plan: &ImportPlan) -> Vec<(u32, Vec<(&str, FieldCode)>)> {
        plan.refused
            .iter()
            .map(|r| {
                (
                    r.row,
                    r.fields
                        .iter()
                        .map(|f| (f.field.as_str(), f.code))
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn headers_in_dutch_and_english_are_recognised_and_contacts_numbered() {
        let mapping = guess_mapping(&table().headers);
        let fields: Vec<Option<(ImportField, usize)>> = mapping
            .iter()
            .map(|t| t.map(|t| (t.field, t.contact)))
            .collect();
        assert_eq!(
            fields,
            [
                Some((ImportField::Name, 0)),
                Some((ImportField::KvkNumber, 0)),
                Some((ImportField::Address, 0)),
                Some((ImportField::Language, 0)),
                Some((ImportField::ContactName, 0)),
                Some((ImportField::ContactEmail, 0)),
                Some((ImportField::ContactNotices, 0)),
                Some((ImportField::ContactName, 1)),
                Some((ImportField::ContactEmail, 1)),
                Some((ImportField::ContactInstructions, 1)),
            ]
        );
        // A number names the contact, in any order; without one, the next contact.
        let numbered = guess_mapping(&[
            "E-mail 3".into(),
            "E-mail".into(),
            "Telefoon 1".into(),
            "E-mail 12".into(),
        ]);
        let contacts: Vec<Option<usize>> = numbered.iter().map(|t| t.map(|t| t.contact)).collect();
        assert_eq!(contacts, [Some(2), Some(1), Some(0), Some(2)]);
        let english = guess_mapping(&[
            "Company".into(),
            "CoC number".into(),
            "Phone".into(),
            "Notes".into(),
        ]);
        assert_eq!(english[0].map(|t| t.field), Some(ImportField::Name));
        assert_eq!(english[1].map(|t| t.field), Some(ImportField::KvkNumber));
        assert_eq!(english[2].map(|t| t.field), Some(ImportField::ContactPhone));
        assert_eq!(english[3], None, "an unknown header is left out");
    }

    #[test]
    fn the_plan_sorts_rows_into_new_changed_and_refused_with_reasons() {
        let existing = [stored(7, "Nordic Freight AB", "", vec![])];
        let plan = plan(&table(), &mapping(), &existing, &KnownAgreements::default());

        assert_eq!(plan.new.len(), 1);
        let lindeboom = &plan.new[0];
        assert_eq!(lindeboom.record.name, "Zorggroep Lindeboom");
        assert_eq!(lindeboom.record.contacts.len(), 2);
        assert!(lindeboom.record.contacts[1].designated_for_instructions);
        assert!(!lindeboom.record.contacts[0].designated_for_instructions);

        assert_eq!(plan.updates.len(), 1, "matched by exact name");
        let nordic = &plan.updates[0];
        assert_eq!((nordic.id, nordic.row), (7, 3));
        assert_eq!(nordic.record.notice_language, Language::En);
        assert_eq!(
            nordic.changes,
            [
                Change::Address,
                Change::NoticeLanguage,
                Change::ContactsAdded
            ]
        );

        assert_eq!(
            refused(&plan),
            [
                (
                    4,
                    vec![
                        ("notice_language", FieldCode::UnknownLanguage),
                        ("contacts.0.receives_notices", FieldCode::UnknownYesNo)
                    ]
                ),
                (5, vec![("kvk_number", FieldCode::DuplicateInFile)]),
                (6, vec![("name", FieldCode::Required)]),
                (7, vec![("name", FieldCode::Formula)]),
            ]
        );
        let summary = plan.summary();
        assert_eq!(
            (summary.new, summary.contacts, summary.unchanged),
            (1, 2, 0)
        );
        assert_eq!(summary.updates[0].name, "Nordic Freight AB");
    }

    #[test]
    fn an_import_adds_to_a_known_customer_and_removes_nothing() {
        let table = read_csv(
            "KvK;Naam;Adres;Diensten;E-mail;Telefoon;Instructies\n\
             12345678;Lindeboom;;HR-app, salarisportaal;anna@lindeboom.example;06 1234 5678;nee\n\
             12345678;Lindeboom;;;nieuw@lindeboom.example;;\n"
                .as_bytes(),
        )
        .unwrap();
        let mapping = guess_mapping(&table.headers);
        let existing = [stored(
            3,
            "Zorggroep Lindeboom",
            "12345678",
            vec![
                contact(30, "Anna de Vries", "Anna@Lindeboom.example"),
                contact(31, "Bram Visser", "bram@lindeboom.example"),
            ],
        )];
        let plan = plan(&table, &mapping, &existing, &KnownAgreements::default());
        assert_eq!(plan.updates.len(), 1);
        let update = &plan.updates[0];
        assert_eq!(
            update.changes,
            [Change::Name, Change::Services, Change::ContactsChanged]
        );
        let record = &update.record;
        assert_eq!(record.name, "Lindeboom");
        assert_eq!(
            record.address, "Oude straat 1",
            "an empty cell keeps the vault's"
        );
        assert_eq!(record.services, ["Salarisportaal", "HR-app"]);
        assert_eq!(record.contacts.len(), 2, "Bram is kept");
        let anna = &record.contacts[0];
        assert_eq!(anna.id, Some(30), "matched by e-mail, whatever the case");
        assert_eq!(anna.phone, "06 1234 5678");
        assert_eq!(anna.name, "Anna de Vries", "no name in the file keeps hers");
        assert_eq!(anna.role, "DPO");
        assert!(!anna.designated_for_instructions, "nee in the file");
        assert!(anna.receives_notices, "no notices column keeps hers");
        assert_eq!(
            refused(&plan),
            [(3, vec![("kvk_number", FieldCode::DuplicateInFile)])]
        );

        // The same file again changes nothing.
        let after = Customer {
            name: record.name.clone(),
            services: record.services.clone(),
            contacts: vec![
                Contact {
                    phone: "06 1234 5678".into(),
                    designated_for_instructions: false,
                    ..contact(30, "Anna de Vries", "anna@lindeboom.example")
                },
                contact(31, "Bram Visser", "bram@lindeboom.example"),
            ],
            ..existing[0].clone()
        };
        let again = super::plan(&table, &mapping, &[after], &KnownAgreements::default());
        assert_eq!((again.updates.len(), again.unchanged), (0, 1));
    }

    #[test]
    fn rows_without_kvk_are_one_customer_per_name() {
        let table = read_csv(
            "Naam;E-mail\nBakkerij Jansen;a@b.example\nBakkerij Jansen;c@d.example\n".as_bytes(),
        )
        .unwrap();
        let plan = plan(
            &table,
            &guess_mapping(&table.headers),
            &[],
            &KnownAgreements::default(),
        );
        assert_eq!(plan.new.len(), 0);
        assert_eq!(
            refused(&plan),
            [
                (2, vec![("contacts.0.name", FieldCode::Required)]),
                (3, vec![("name", FieldCode::DuplicateInFile)])
            ],
            "a new customer's contact needs a name; the second row is the same customer"
        );
    }

    #[test]
    fn a_merge_past_the_most_contacts_is_refused() {
        let table = read_csv(
            "Naam;Contactpersoon;E-mail\nLindeboom;Nieuw;nieuw@lindeboom.example\n".as_bytes(),
        )
        .unwrap();
        let full: Vec<Contact> = (0..MAX_CONTACTS as i64)
            .map(|i| contact(i, "C", &format!("c{i}@lindeboom.example")))
            .collect();
        let plan = plan(
            &table,
            &guess_mapping(&table.headers),
            &[stored(1, "Lindeboom", "", full)],
            &KnownAgreements::default(),
        );
        assert_eq!(
            refused(&plan),
            [(2, vec![("contacts", FieldCode::TooManyContacts)])]
        );
    }

    #[test]
    fn a_signed_agreement_per_row_is_read_against_the_vaults_versions() {
        let table = read_csv(
            "Naam;KvK;Versie;Getekend op;Getekend door\n\
             Lindeboom;12345678;2026.1;01-02-2026;A. de Vries\n\
             Nordic;23456789;2030.9;01-02-2026;E. Berg\n\
             Korenschoof;34567890;2026.1;;\n\
             Toekomst;45678901;2026.1;01-01-2030;T. Komst\n\
             Zonder;56789012;;;\n\
             Bekend;67890123;2026.1;01-03-2026;B. Kend\n\
             Eerder;78901234;2026.1;01-01-2025;E. Eerder\n"
                .as_bytes(),
        )
        .unwrap();
        let mapping = guess_mapping(&table.headers);
        assert_eq!(
            mapping[2..]
                .iter()
                .map(|t| t.map(|t| t.field))
                .collect::<Vec<_>>(),
            [
                Some(ImportField::AgreementVersion),
                Some(ImportField::AgreementSignedOn),
                Some(ImportField::AgreementSignedBy)
            ]
        );
        let known = KnownAgreements {
            versions: vec![(4, "2025.2".into()), (5, "2026.1".into())],
            // "Bekend" has 2026.1 already; "Eerder" signed 2025.2 in March 2025.
            signed: HashMap::from([
                (1, vec![(5, NaiveDate::from_ymd_opt(2026, 3, 1))]),
                (2, vec![(4, NaiveDate::from_ymd_opt(2025, 3, 1))]),
            ]),
            today: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
        };
        let existing = [
            stored(1, "Bekend", "67890123", vec![]),
            stored(2, "Eerder", "78901234", vec![]),
        ];
        let plan = plan(&table, &mapping, &existing, &known);
        assert_eq!(plan.new.len(), 2);
        let signed = plan.new[0].agreement.as_ref().unwrap();
        assert_eq!(
            (signed.template_version_id, signed.status, signed.signed_on),
            (
                5,
                AgreementStatus::Signed,
                NaiveDate::from_ymd_opt(2026, 2, 1)
            )
        );
        assert_eq!(signed.signed_by_name, "A. de Vries");
        assert_eq!(plan.new[1].agreement, None, "no agreement columns filled");
        assert_eq!(
            plan.unchanged, 1,
            "the agreement it has already changes nothing"
        );
        assert_eq!(
            refused(&plan),
            [
                (3, vec![("agreement_version", FieldCode::UnknownVersion)]),
                (
                    4,
                    vec![
                        ("agreement_signed_on", FieldCode::Required),
                        ("agreement_signed_by", FieldCode::Required)
                    ]
                ),
                (5, vec![("agreement_signed_on", FieldCode::InFuture)]),
                (
                    8,
                    vec![("agreement_signed_on", FieldCode::BeforeCurrentAgreement)]
                ),
            ]
        );
        assert_eq!(plan.summary().agreements, 1);
    }
}
