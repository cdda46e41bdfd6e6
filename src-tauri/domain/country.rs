//! Countries where a sub-processor may keep data, and whether they lie in the EEA (a transfer
//! outside it needs the customer's approval, art. 2.5).

use serde::Serialize;
use ts_rs::TS;

/// A country the officer can pick: ISO 3166-1 alpha-2 code, names in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Country {
    pub code: &'static str,
    pub name_nl: &'static str,
    pub name_en: &'static str,
    pub eea: bool,
}

const fn c(code: &'static str, name_nl: &'static str, name_en: &'static str, eea: bool) -> Country {
    Country {
        code,
        name_nl,
        name_en,
        eea,
    }
}

/// The EEA (the 27 EU member states, Iceland, Liechtenstein, Norway) and the countries
/// outside it where processing services commonly keep data.
pub const COUNTRIES: &[Country] = &[
    c("NL", "Nederland", "Netherlands", true),
    c("BE", "België", "Belgium", true),
    c("BG", "Bulgarije", "Bulgaria", true),
    c("CY", "Cyprus", "Cyprus", true),
    c("DK", "Denemarken", "Denmark", true),
    c("DE", "Duitsland", "Germany", true),
    c("EE", "Estland", "Estonia", true),
    c("FI", "Finland", "Finland", true),
    c("FR", "Frankrijk", "France", true),
    c("GR", "Griekenland", "Greece", true),
    c("HU", "Hongarije", "Hungary", true),
    c("IE", "Ierland", "Ireland", true),
    c("IS", "IJsland", "Iceland", true),
    c("IT", "Italië", "Italy", true),
    c("HR", "Kroatië", "Croatia", true),
    c("LV", "Letland", "Latvia", true),
    c("LI", "Liechtenstein", "Liechtenstein", true),
    c("LT", "Litouwen", "Lithuania", true),
    c("LU", "Luxemburg", "Luxembourg", true),
    c("MT", "Malta", "Malta", true),
    c("NO", "Noorwegen", "Norway", true),
    c("AT", "Oostenrijk", "Austria", true),
    c("PL", "Polen", "Poland", true),
    c("PT", "Portugal", "Portugal", true),
    c("RO", "Roemenië", "Romania", true),
    c("SI", "Slovenië", "Slovenia", true),
    c("SK", "Slowakije", "Slovakia", true),
    c("ES", "Spanje", "Spain", true),
    c("CZ", "Tsjechië", "Czechia", true),
    c("SE", "Zweden", "Sweden", true),
    c("AR", "Argentinië", "Argentina", false),
    c("AU", "Australië", "Australia", false),
    c("BR", "Brazilië", "Brazil", false),
    c("CA", "Canada", "Canada", false),
    c("CN", "China", "China", false),
    c("FO", "Faeröer", "Faroe Islands", false),
    c("GG", "Guernsey", "Guernsey", false),
    c("IN", "India", "India", false),
    c("IM", "Isle of Man", "Isle of Man", false),
    c("IL", "Israël", "Israel", false),
    c("JP", "Japan", "Japan", false),
    c("JE", "Jersey", "Jersey", false),
    c("MY", "Maleisië", "Malaysia", false),
    c("MA", "Marokko", "Morocco", false),
    c("NZ", "Nieuw-Zeeland", "New Zealand", false),
    c("UA", "Oekraïne", "Ukraine", false),
    c("PH", "Filipijnen", "Philippines", false),
    c("RS", "Servië", "Serbia", false),
    c("SG", "Singapore", "Singapore", false),
    c("ZA", "Zuid-Afrika", "South Africa", false),
    c("KR", "Zuid-Korea", "South Korea", false),
    c("TR", "Turkije", "Turkey", false),
    c(
        "AE",
        "Verenigde Arabische Emiraten",
        "United Arab Emirates",
        false,
    ),
    c("GB", "Verenigd Koninkrijk", "United Kingdom", false),
    c("US", "Verenigde Staten", "United States", false),
    c("UY", "Uruguay", "Uruguay", false),
    c("CH", "Zwitserland", "Switzerland", false),
];

/// The country with this code (case-insensitive), if the app knows it.
pub fn country(code: &str) -> Option<&'static Country> {
    COUNTRIES
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eea_is_the_eu_plus_iceland_liechtenstein_and_norway() {
        assert_eq!(COUNTRIES.iter().filter(|c| c.eea).count(), 30);
        assert!(country("no").unwrap().eea);
        assert!(!country("CH").unwrap().eea);
        assert!(!country("GB").unwrap().eea);
        assert!(!country("US").unwrap().eea);
        assert_eq!(country("XX"), None);
        let mut codes: Vec<_> = COUNTRIES.iter().map(|c| c.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), COUNTRIES.len());
    }
}
