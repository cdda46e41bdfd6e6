//! Customers (controllers, *klanten*) and their contact persons, with the rules for entering
//! them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validation::{Errors, FieldCode, FieldError};

pub const MAX_CONTACTS: usize = 50;
pub const MAX_SERVICES: usize = 50;

/// The language a customer's notices are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Language {
    Nl,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Language> {
        match code {
            "nl" => Some(Language::Nl),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

/// A contact person as typed in the form; `id` is set for an existing contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ContactInput {
    pub id: Option<i64>,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    /// May give documented instructions (art. 2.4).
    pub designated_for_instructions: bool,
    /// Receives notices (breaches, sub-processor changes, audits).
    pub receives_notices: bool,
}

/// A customer as typed in the form; dates are text as typed (`24-11-2026`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerInput {
    pub name: String,
    pub kvk_number: String,
    pub address: String,
    pub notice_language: Language,
    pub service_start: String,
    pub service_end: String,
    /// The services it uses, separated by commas or new lines (`Salarisportaal, HR-app`).
    #[serde(default)]
    pub services: String,
    pub contacts: Vec<ContactInput>,
}

/// A customer that passed validation: trimmed, KvK digits only, dates read.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomerRecord {
    pub name: String,
    pub kvk_number: String,
    pub address: String,
    pub notice_language: Language,
    pub service_start: Option<NaiveDate>,
    pub service_end: Option<NaiveDate>,
    pub services: Vec<String>,
    pub contacts: Vec<ContactInput>,
}

/// A stored contact person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Contact {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub designated_for_instructions: bool,
    pub receives_notices: bool,
}

impl From<&Contact> for ContactInput {
    fn from(contact: &Contact) -> Self {
        ContactInput {
            id: Some(contact.id),
            name: contact.name.clone(),
            role: contact.role.clone(),
            email: contact.email.clone(),
            phone: contact.phone.clone(),
            designated_for_instructions: contact.designated_for_instructions,
            receives_notices: contact.receives_notices,
        }
    }
}

/// A stored customer with its contacts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Customer {
    pub id: i64,
    pub name: String,
    pub kvk_number: String,
    pub address: String,
    pub notice_language: Language,
    pub service_start: Option<NaiveDate>,
    pub service_end: Option<NaiveDate>,
    pub services: Vec<String>,
    pub contacts: Vec<Contact>,
    pub archived_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Customer {
    /// The contacts that receive notices and have an e-mail address: whom a notice is
    /// e-mailed to.
    pub fn notice_recipients(&self) -> impl Iterator<Item = &Contact> {
        self.contacts
            .iter()
            .filter(|c| c.receives_notices && !c.email.trim().is_empty())
    }
}

/// One row of the customer list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerSummary {
    pub id: i64,
    pub name: String,
    pub kvk_number: String,
    pub notice_language: Language,
    /// The first contact that receives notices, else the first contact.
    pub main_contact: Option<String>,
    pub contact_count: u32,
    pub archived: bool,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CustomerSort {
    #[default]
    NameAsc,
    NameDesc,
    KvkAsc,
    UpdatedDesc,
}

/// What the customer list shows: a search text (name, KvK number, service, contact; every
/// word must match), an order, whether archived customers are included, and which page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerQuery {
    pub search: String,
    pub sort: CustomerSort,
    pub include_archived: bool,
    /// How many matches to skip.
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<u32>,
    /// How many to return at most; none for all.
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// One page of the customer list and how many customers match in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CustomerPage {
    pub rows: Vec<CustomerSummary>,
    pub total: u32,
    pub offset: u32,
}

/// The words of a search, lowercased: each must occur in the customer's search text.
pub fn search_words(search: &str) -> Vec<String> {
    search
        .split_whitespace()
        .take(8)
        .map(str::to_lowercase)
        .collect()
}

/// Checks a customer form and returns the record to store, or every broken rule with the
/// field it belongs to.
pub fn check_customer(input: &CustomerInput) -> Result<CustomerRecord, Vec<FieldError>> {
    let mut errors = Errors::default();
    let name = errors.text("name", &input.name, true, 200);
    let kvk_number = errors.kvk("kvk_number", &input.kvk_number);
    let address = errors.text("address", &input.address, false, 500);
    let service_start = errors.date("service_start", &input.service_start);
    let service_end = errors.date("service_end", &input.service_end);
    if let (Some(start), Some(end)) = (service_start, service_end) {
        if end < start {
            errors.add("service_end", FieldCode::EndBeforeStart);
        }
    }
    let services = services(&mut errors, &input.services);
    if input.contacts.len() > MAX_CONTACTS {
        errors.add("contacts", FieldCode::TooManyContacts);
    }
    let contacts = input
        .contacts
        .iter()
        .enumerate()
        .map(|(i, contact)| validate_contact(&mut errors, i, contact))
        .collect();
    errors.finish(CustomerRecord {
        name,
        kvk_number,
        address,
        notice_language: input.notice_language,
        service_start,
        service_end,
        services,
        contacts,
    })
}

/// The services as a list: trimmed, without empties or repeats (ignoring case).
fn services(errors: &mut Errors, typed: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in typed.split([',', '\n', ';']) {
        let name = errors.text("services", part, false, 100);
        if !name.is_empty() && !out.iter().any(|s| s.to_lowercase() == name.to_lowercase()) {
            out.push(name);
        }
    }
    if out.len() > MAX_SERVICES {
        errors.add("services", FieldCode::TooLong);
    }
    out
}

/// A service with the number of customers using it, for "all customers of service X".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ServiceCount {
    pub name: String,
    pub customers: u32,
}

fn validate_contact(errors: &mut Errors, index: usize, contact: &ContactInput) -> ContactInput {
    let field = |name: &str| format!("contacts.{index}.{name}");
    let needs_email = contact.designated_for_instructions || contact.receives_notices;
    let name = errors.text(&field("name"), &contact.name, true, 200);
    let role = errors.text(&field("role"), &contact.role, false, 200);
    let email = errors.email(&field("email"), &contact.email, false);
    if needs_email && email.is_empty() && !errors.has(&field("email")) {
        // Instructions arrive and notices leave by e-mail (art. 2.4, 6.1).
        errors.add(&field("email"), FieldCode::ContactNeedsEmail);
    }
    let phone = errors.text(&field("phone"), &contact.phone, false, 40);
    if !phone.is_empty() && !is_phone(&phone) {
        errors.add(&field("phone"), FieldCode::InvalidPhone);
    }
    ContactInput {
        id: contact.id,
        name,
        role,
        email,
        phone,
        designated_for_instructions: contact.designated_for_instructions,
        receives_notices: contact.receives_notices,
    }
}

/// Digits with the usual separators, an optional leading `+`, 6 to 15 digits (E.164).
fn is_phone(value: &str) -> bool {
    let body = value.strip_prefix('+').unwrap_or(value);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    body.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.'))
        && (6..=15).contains(&digits)
}

/// The lower-cased text a customer is found by: name, KvK number, services and every
/// contact's name and e-mail address.
pub fn search_text(customer: &CustomerRecord) -> String {
    let mut parts = vec![customer.name.as_str(), customer.kvk_number.as_str()];
    parts.extend(customer.services.iter().map(String::as_str));
    for contact in &customer.contacts {
        parts.push(&contact.name);
        parts.push(&contact.email);
    }
    parts.join("\n").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(name: &str, email: &str) -> ContactInput {
        ContactInput {
            id: None,
            name: name.into(),
            role: "Privacy officer".into(),
            email: email.into(),
            phone: "+31 20 123 4567".into(),
            designated_for_instructions: true,
            receives_notices: true,
        }
    }

    fn customer() -> CustomerInput {
        CustomerInput {
            name: "  Zorggroep Lindeboom B.V. ".into(),
            kvk_number: "1234 5678".into(),
            address: "Lindelaan 1, 3511 AA Utrecht".into(),
            notice_language: Language::Nl,
            service_start: "01-01-2024".into(),
            service_end: String::new(),
            services: "Salarisportaal, HR-app,  salarisportaal ,".into(),
            contacts: vec![contact("Anna de Vries", "anna@lindeboom.example")],
        }
    }

    fn codes(input: &CustomerInput) -> Vec<(String, FieldCode)> {
        crate::domain::validation::codes(check_customer(input))
    }

    #[test]
    fn a_complete_customer_is_cleaned_up() {
        let valid = check_customer(&customer()).unwrap();
        assert_eq!(valid.name, "Zorggroep Lindeboom B.V.");
        assert_eq!(valid.kvk_number, "12345678");
        assert_eq!(valid.service_start, NaiveDate::from_ymd_opt(2024, 1, 1));
        assert_eq!(valid.service_end, None);
        assert_eq!(valid.services, ["Salarisportaal", "HR-app"]);
    }

    #[test]
    fn services_are_short_names() {
        let mut input = customer();
        input.services = "x".repeat(101);
        assert_eq!(codes(&input), vec![("services".into(), FieldCode::TooLong)]);
        input.services = (0..=MAX_SERVICES)
            .map(|i| format!("Dienst {i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(codes(&input), vec![("services".into(), FieldCode::TooLong)]);
    }

    #[test]
    fn a_date_that_does_not_exist_is_refused() {
        let mut input = customer();
        input.service_end = "31-04-2026".into();
        assert_eq!(
            codes(&input),
            vec![("service_end".into(), FieldCode::InvalidDate)]
        );
    }

    #[test]
    fn name_is_required() {
        let mut input = customer();
        input.name = " \t".into();
        assert_eq!(codes(&input), vec![("name".into(), FieldCode::Required)]);
    }

    #[test]
    fn kvk_must_be_eight_digits() {
        let mut input = customer();
        input.kvk_number = "1234567".into();
        assert_eq!(
            codes(&input),
            vec![("kvk_number".into(), FieldCode::InvalidKvk)]
        );
    }

    #[test]
    fn service_cannot_end_before_it_starts() {
        let mut input = customer();
        input.service_end = "31-12-2023".into();
        assert_eq!(
            codes(&input),
            vec![("service_end".into(), FieldCode::EndBeforeStart)]
        );
        input.service_end = input.service_start.clone();
        assert!(codes(&input).is_empty());
    }

    #[test]
    fn contacts_are_checked_one_by_one() {
        let mut input = customer();
        input.contacts.push(contact("", "not-an-address"));
        input.contacts.push(contact("Bram", ""));
        input.contacts[2].phone = "call me".into();
        assert_eq!(
            codes(&input),
            vec![
                ("contacts.1.name".into(), FieldCode::Required),
                ("contacts.1.email".into(), FieldCode::InvalidEmail),
                ("contacts.2.email".into(), FieldCode::ContactNeedsEmail),
                ("contacts.2.phone".into(), FieldCode::InvalidPhone),
            ]
        );
    }

    #[test]
    fn a_contact_without_duties_needs_no_email() {
        let mut input = customer();
        let mut plain = contact("Carla", "");
        plain.designated_for_instructions = false;
        plain.receives_notices = false;
        input.contacts.push(plain);
        assert!(codes(&input).is_empty());
    }

    #[test]
    fn too_many_contacts_are_refused() {
        let mut input = customer();
        input.contacts = vec![contact("X", "x@y.nl"); MAX_CONTACTS + 1];
        assert_eq!(
            codes(&input),
            vec![("contacts".into(), FieldCode::TooManyContacts)]
        );
    }

    #[test]
    fn long_fields_are_refused() {
        let mut input = customer();
        input.name = "x".repeat(201);
        input.address = "y".repeat(501);
        assert_eq!(
            codes(&input),
            vec![
                ("name".into(), FieldCode::TooLong),
                ("address".into(), FieldCode::TooLong)
            ]
        );
    }

    #[test]
    fn phone_numbers() {
        assert!(is_phone("+31 (0)20-123 45 67"));
        assert!(is_phone("0201234567"));
        assert!(!is_phone("12345"));
        assert!(!is_phone("+31 20 123 45 67 89 01 23"));
        assert!(!is_phone("020 CALL ME"));
    }

    #[test]
    fn search_text_covers_name_kvk_and_contacts() {
        let text = search_text(&check_customer(&customer()).unwrap());
        assert!(text.contains("zorggroep lindeboom"));
        assert!(text.contains("12345678"));
        assert!(text.contains("anna de vries"));
        assert!(text.contains("anna@lindeboom.example"));
    }
}
