//! Customers and their contacts from a table the officer already has (`domain::table`):
//! which column fills which field, guessed from Dutch and English headers, and per row the
//! customer it describes or why it is refused. Nothing here touches the vault: the preview
//! is worked out against the customers it is given.

use std::collections::{HashMap, HashSet};

use super::customer::{check_customer, ContactInput, CustomerInput, Language};
use super::table::{Row, Table};
use super::validation::{FieldCode, FieldError};

/// A field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
}

impl ImportField {
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target {
    pub field: ImportField,
    pub contact: usize,
}

/// Per column of the table, what it fills (`None`: left out).
pub type Mapping = Vec<Option<Target>>;

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
];

/// Guesses each column's field from its header. A contact field found again starts the next
/// contact ("E-mail", "E-mail 2" or a second "E-mail"); any other field is taken once.
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
            match (field.is_contact(), *count) {
                (true, n) => Some(Target {
                    field,
                    contact: n - 1,
                }),
                (false, 1) => Some(Target { field, contact: 0 }),
                (false, _) => None,
            }
        })
        .collect()
}

/// The customer a row describes, with the fields the import reads itself (language, yes/no)
/// refused in place. A contact with no name, e-mail or phone is left out.
pub fn customer_of(row: &Row, mapping: &Mapping) -> Result<CustomerInput, Vec<FieldError>> {
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
    let mut errors = Vec::new();
    for (column, target) in mapping.iter().enumerate() {
        let Some(Target { field, contact }) = *target else {
            continue;
        };
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
        let path = |name: &str| format!("contacts.{contact}.{name}");
        match field {
            ImportField::Name => input.name = value,
            ImportField::KvkNumber => input.kvk_number = value,
            ImportField::Address => input.address = value,
            ImportField::Services => input.services = value,
            ImportField::CustomerSince => input.service_start = value,
            ImportField::Language => match language(&value) {
                Some(language) => input.notice_language = language,
                None => errors.push(FieldError::new(
                    "notice_language",
                    FieldCode::UnknownLanguage,
                )),
            },
            ImportField::ContactName => contacts[contact].name = value,
            ImportField::ContactRole => contacts[contact].role = value,
            ImportField::ContactEmail => contacts[contact].email = value,
            ImportField::ContactPhone => contacts[contact].phone = value,
            ImportField::ContactInstructions => match yes_no(&value, false) {
                Some(yes) => contacts[contact].designated_for_instructions = yes,
                None => errors.push(FieldError::new(
                    &path("designated_for_instructions"),
                    FieldCode::UnknownYesNo,
                )),
            },
            ImportField::ContactNotices => match yes_no(&value, true) {
                Some(yes) => contacts[contact].receives_notices = yes,
                None => errors.push(FieldError::new(
                    &path("receives_notices"),
                    FieldCode::UnknownYesNo,
                )),
            },
        }
    }
    input.contacts = contacts
        .into_iter()
        .filter(|c| !(c.name.is_empty() && c.email.is_empty() && c.phone.is_empty()))
        .collect();
    if errors.is_empty() {
        Ok(input)
    } else {
        Err(errors)
    }
}

/// The notice language as a CRM writes it; empty is Dutch.
fn language(value: &str) -> Option<Language> {
    match value.trim().to_lowercase().as_str() {
        "" | "nl" | "nld" | "dut" | "nederlands" | "dutch" | "nl-nl" => Some(Language::Nl),
        "en" | "eng" | "engels" | "english" | "en-gb" | "en-us" => Some(Language::En),
        _ => None,
    }
}

/// Yes or no as a spreadsheet writes it; empty is `empty`.
fn yes_no(value: &str, empty: bool) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "" => Some(empty),
        "ja" | "j" | "yes" | "y" | "x" | "1" | "waar" | "true" => Some(true),
        "nee" | "n" | "no" | "0" | "onwaar" | "false" => Some(false),
        _ => None,
    }
}

/// A customer already in the vault, as the preview matches rows to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Existing {
    pub id: i64,
    pub name: String,
    /// Digits only, empty when unknown.
    pub kvk_number: String,
}

/// A refused row: its number in the file and what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct RefusedRow {
    pub row: usize,
    pub fields: Vec<FieldError>,
}

/// What an import would do: the new customers, the rows that match a customer already in
/// the vault (by KvK number, else by exact name), and the rows refused.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPreview {
    pub new: Vec<CustomerInput>,
    pub matching: Vec<(i64, CustomerInput)>,
    pub refused: Vec<RefusedRow>,
}

/// Works out what importing the table with `mapping` would do, against `existing`.
pub fn preview(table: &Table, mapping: &Mapping, existing: &[Existing]) -> ImportPreview {
    let by_kvk: HashMap<&str, i64> = existing
        .iter()
        .filter(|e| !e.kvk_number.is_empty())
        .map(|e| (e.kvk_number.as_str(), e.id))
        .collect();
    let by_name: HashMap<&str, i64> = existing.iter().map(|e| (e.name.as_str(), e.id)).collect();
    let mut in_file: HashSet<String> = HashSet::new();
    let mut result = ImportPreview::default();
    for row in &table.rows {
        let record = customer_of(row, mapping)
            .and_then(|input| check_customer(&input).map(|record| (input, record)));
        let (input, record) = match record {
            Ok(found) => found,
            Err(fields) => {
                result.refused.push(RefusedRow {
                    row: row.number,
                    fields,
                });
                continue;
            }
        };
        if !record.kvk_number.is_empty() && !in_file.insert(record.kvk_number.clone()) {
            result.refused.push(RefusedRow {
                row: row.number,
                fields: vec![FieldError::new("kvk_number", FieldCode::DuplicateInFile)],
            });
            continue;
        }
        let known = by_kvk
            .get(record.kvk_number.as_str())
            .or_else(|| by_name.get(record.name.as_str()));
        match known {
            Some(id) => result.matching.push((*id, input)),
            None => result.new.push(input),
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::table::read_csv;

    const CRM: &str = "Bedrijfsnaam;KvK-nummer;Adres;Taal;Contactpersoon;E-mail;Meldingen;Contactpersoon 2;E-mail 2;Instructies 2\n\
        Zorggroep Lindeboom;12345678;Lindelaan 1, Utrecht;NL;Anna de Vries;anna@lindeboom.example;ja;Bram Visser;bram@lindeboom.example;x\n\
        Nordic Freight AB;;Hamngatan 2, Göteborg;English;Eva Berg;eva@nordic.example;;;;\n\
        Bakkerij Korenschoof;87654321;;Frans;Cor Smit;cor@korenschoof.example;misschien;;;\n\
        Kopie van Lindeboom;12345678;;nl;;;;;;\n\
        ;11112222;;;;;;;;\n";

    fn table() -> Table {
        read_csv(CRM.as_bytes()).unwrap()
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
                Some((ImportField::ContactInstructions, 0)),
            ]
        );
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
    fn the_preview_sorts_rows_into_new_matching_and_refused_with_reasons() {
        let mut mapping = guess_mapping(&table().headers);
        // The officer corrects the guess: "Instructies 2" belongs to the second contact.
        mapping[9] = Some(Target {
            field: ImportField::ContactInstructions,
            contact: 1,
        });
        let existing = [Existing {
            id: 7,
            name: "Nordic Freight AB".into(),
            kvk_number: String::new(),
        }];
        let preview = preview(&table(), &mapping, &existing);

        assert_eq!(preview.new.len(), 1);
        let lindeboom = &preview.new[0];
        assert_eq!(lindeboom.name, "Zorggroep Lindeboom");
        assert_eq!(lindeboom.contacts.len(), 2);
        assert!(lindeboom.contacts[1].designated_for_instructions);
        assert!(!lindeboom.contacts[0].designated_for_instructions);

        assert_eq!(preview.matching.len(), 1, "matched by exact name");
        assert_eq!(preview.matching[0].0, 7);
        assert_eq!(preview.matching[0].1.notice_language, Language::En);

        let refused: Vec<(usize, Vec<(&str, FieldCode)>)> = preview
            .refused
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
            .collect();
        assert_eq!(
            refused,
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
            ]
        );
    }
}
