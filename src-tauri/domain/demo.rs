//! Fictional demo customers, so a newcomer sees a living app in one click. Every name,
//! number and address here is made up; e-mail addresses use the reserved `.example` domain.

use chrono::NaiveDate;

use super::customer::{ContactInput, CustomerInput, Language};
use super::security_document::SecurityDocumentInput;

const ORGANISATIONS: [(&str, &str, &str); 25] = [
    (
        "Zorggroep Lindeboom",
        "Lindelaan 12, 3511 AB Utrecht",
        "lindeboom",
    ),
    (
        "Bakkerij Korenschoof",
        "Molenstraat 3, 7411 KL Deventer",
        "korenschoof",
    ),
    (
        "Advocatenkantoor Van Rijn & Partners",
        "Keizersgracht 210, 1016 DZ Amsterdam",
        "vanrijn",
    ),
    (
        "Huisartsenpraktijk De Brink",
        "Brink 7, 9401 HS Assen",
        "debrink",
    ),
    (
        "Stichting Jeugdsport Noord",
        "Sportlaan 45, 9721 AB Groningen",
        "jeugdsportnoord",
    ),
    (
        "Installatiebedrijf Hendriks",
        "Industrieweg 18, 5928 PV Venlo",
        "hendriks",
    ),
    (
        "Tandartsenpraktijk Glimlach",
        "Marktplein 2, 2611 GV Delft",
        "glimlach",
    ),
    (
        "Gemeentelijk Sportbedrijf Heuvelrug",
        "Parklaan 1, 3941 RA Doorn",
        "heuvelrug",
    ),
    (
        "Nordic Design Studio AB",
        "Storgatan 9, 111 23 Stockholm",
        "nordicdesign",
    ),
    (
        "Fysiotherapie Beweegwijs",
        "Dorpsstraat 88, 6871 AH Renkum",
        "beweegwijs",
    ),
    (
        "Kinderopvang Het Speelhuis",
        "Schoolstraat 5, 3861 BN Nijkerk",
        "speelhuis",
    ),
    (
        "Makelaardij Oosterhout",
        "Heuvel 30, 4901 KC Oosterhout",
        "oosterhoutmakelaars",
    ),
    (
        "Brightwater Consulting Ltd",
        "12 Harbour Road, Bristol BS1 4QA",
        "brightwater",
    ),
    (
        "Accountantskantoor Cijferwerk",
        "Stationsplein 14, 8011 CW Zwolle",
        "cijferwerk",
    ),
    (
        "Woningcorporatie Thuisbasis",
        "Havenkade 21, 1971 AE IJmuiden",
        "thuisbasis",
    ),
    (
        "Dierenkliniek Kwispel",
        "Veldweg 6, 5301 KB Zaltbommel",
        "kwispel",
    ),
    (
        "Rijschool Groen Licht",
        "Kerkstraat 40, 4331 AM Middelburg",
        "groenlicht",
    ),
    (
        "Muziekschool Allegro",
        "Concertweg 11, 2316 XB Leiden",
        "allegro",
    ),
    (
        "Uitzendbureau Werkpunt",
        "Europaweg 100, 6827 AB Arnhem",
        "werkpunt",
    ),
    (
        "Hotel De Zilte Zee",
        "Boulevard 77, 4381 LS Vlissingen",
        "ziltezee",
    ),
    (
        "Alpine Analytics GmbH",
        "Bahnhofstrasse 5, 6020 Innsbruck",
        "alpineanalytics",
    ),
    (
        "Schoonmaakbedrijf Glans",
        "Poortweg 9, 2612 PA Delft",
        "glans",
    ),
    (
        "Opleidingscentrum Vakkundig",
        "Campuslaan 3, 7522 NB Enschede",
        "vakkundig",
    ),
    (
        "Fietsenwinkel Trapkracht",
        "Oude Gracht 60, 3511 AR Utrecht",
        "trapkracht",
    ),
    (
        "Vereniging Buurtbelang Oost",
        "Pleinweg 1, 3074 AA Rotterdam",
        "buurtbelang",
    ),
];

/// The processor's services; most customers use one, some two.
const SERVICES: [&str; 4] = [
    "Salarisportaal",
    "HR-app",
    "Salarisportaal, Verlofregistratie",
    "Klantportaal",
];

const PEOPLE: [(&str, &str); 10] = [
    ("Anna de Vries", "anna.devries"),
    ("Bram Jansen", "bram.jansen"),
    ("Chantal Bakker", "chantal.bakker"),
    ("Daan Visser", "daan.visser"),
    ("Esra Yilmaz", "esra.yilmaz"),
    ("Femke Smit", "femke.smit"),
    ("Gijs Mulder", "gijs.mulder"),
    ("Hanna Bos", "hanna.bos"),
    ("Ibrahim El Idrissi", "ibrahim.elidrissi"),
    ("Joke Meijer", "joke.meijer"),
];

/// About 25 fictional customers with one or two contacts each; the same every time.
pub fn demo_customers() -> Vec<CustomerInput> {
    ORGANISATIONS
        .iter()
        .enumerate()
        .map(|(i, (name, address, domain))| {
            let english = address.contains("Stockholm")
                || address.contains("Bristol")
                || address.contains("Innsbruck");
            let first = PEOPLE[i % PEOPLE.len()];
            let second = PEOPLE[(i + 3) % PEOPLE.len()];
            let mut contacts = vec![contact(first, domain, "Privacy officer", true, true, i)];
            if i % 3 != 2 {
                contacts.push(contact(
                    second,
                    domain,
                    "IT manager",
                    false,
                    i % 2 == 0,
                    i + 1,
                ));
            }
            CustomerInput {
                name: (*name).to_string(),
                kvk_number: if english {
                    String::new()
                } else {
                    format!("{}", 90_000_000 + i * 1_237)
                },
                address: (*address).to_string(),
                notice_language: if english { Language::En } else { Language::Nl },
                service_start: format!("01-{:02}-{}", 1 + i % 12, 2019 + i % 6),
                service_end: String::new(),
                services: SERVICES[i % SERVICES.len()].to_string(),
                contacts,
            }
        })
        .collect()
}

/// The first version of every demo customer's security measures document, dated `today`, to
/// be reviewed a year later.
pub fn demo_security_document(today: NaiveDate) -> SecurityDocumentInput {
    SecurityDocumentInput {
        version: "1.0".into(),
        document_date: today.format("%d-%m-%Y").to_string(),
        summary: "Eerste versie: versleuteling in opslag en transport, toegang met \
                  twee-factorauthenticatie, dagelijkse back-ups, jaarlijkse pentest."
            .into(),
        file_reference: "BEV-DEMO-1".into(),
        review_on: today
            .checked_add_months(chrono::Months::new(12))
            .map(|d| d.format("%d-%m-%Y").to_string())
            .unwrap_or_default(),
    }
}

fn contact(
    (name, mailbox): (&str, &str),
    domain: &str,
    role: &str,
    designated: bool,
    receives_notices: bool,
    n: usize,
) -> ContactInput {
    ContactInput {
        id: None,
        name: name.to_string(),
        role: role.to_string(),
        email: format!("{mailbox}@{domain}.example"),
        phone: format!("+31 6 {:08}", 10_000_000 + n * 7_919),
        designated_for_instructions: designated,
        receives_notices,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::check_customer;

    #[test]
    fn every_demo_customer_passes_validation() {
        let customers = demo_customers();
        assert_eq!(customers.len(), 25);
        for customer in &customers {
            check_customer(customer).unwrap_or_else(|e| panic!("{}: {e:?}", customer.name));
        }
    }

    #[test]
    fn demo_kvk_numbers_are_unique() {
        let mut numbers: Vec<_> = demo_customers()
            .into_iter()
            .map(|c| c.kvk_number)
            .filter(|k| !k.is_empty())
            .collect();
        let count = numbers.len();
        numbers.sort();
        numbers.dedup();
        assert_eq!(numbers.len(), count);
    }
}
