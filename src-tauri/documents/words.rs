//! The words every document and register uses, in the customer's language (Dutch or
//! English): dates, numbers, yes and no, the KvK number, and the name of every kind, status
//! and outcome. One place, so a notice, the agreement export and a CSV register never call
//! the same thing by two names.

use chrono::NaiveDate;

use crate::domain::agreement::AgreementStatus;
use crate::domain::amendment::{AmendmentKind, AmendmentState};
use crate::domain::assistance::{AssistanceKind, AssistanceStatus};
use crate::domain::audit::{AuditStatus, MeasureOwner};
use crate::domain::breach::{
    Answer, Consequence, DataKind, IncidentKind, Nature, Protection, SubjectCategory,
};
use crate::domain::customer::Language;
use crate::domain::disclosure::{DisclosureOutcome, InformedStatus};
use crate::domain::document::SendMethod;
use crate::domain::instruction::InstructionStatus;
use crate::domain::notice::Topic;
use crate::domain::service_end::EndChoice;
use crate::domain::subprocessor::{Outcome, SubProcessorStatus};
use crate::domain::transfer::TransferMechanism;

/// A date as `24-11-2026`.
pub fn day(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// `1000000` as `1.000.000` (Dutch) or `1,000,000` (English).
pub fn thousands(value: u64, separator: char) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A party's name with its KvK number, when it has one.
pub fn with_kvk(name: &str, kvk: &str, w: Words) -> String {
    if kvk.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({} {kvk})", w.t("KvK", "Chamber of Commerce"))
    }
}

/// The fixed words of a notice in one language.
#[derive(Clone, Copy)]
pub struct Words(pub Language);

impl Words {
    pub fn t(self, nl: &'static str, en: &'static str) -> &'static str {
        match self.0 {
            Language::Nl => nl,
            Language::En => en,
        }
    }

    pub fn unknown(self) -> String {
        self.t("Onbekend", "Unknown").into()
    }

    pub fn number(self, n: u64) -> String {
        thousands(n, self.t(".", ",").chars().next().unwrap_or('.'))
    }

    /// Hundredths with two decimals: `1.250,50` in Dutch, `1,250.50` in English.
    pub fn hundredths(self, n: u64) -> String {
        format!("{}{}{:02}", self.number(n / 100), self.t(",", "."), n % 100)
    }

    /// An amount in euros: `€ 1.250,50`.
    pub fn euros(self, cents: u64) -> String {
        format!("€ {}", self.hundredths(cents))
    }

    /// What a breach notice is: `eerste melding`, `vervolgmelding 2`, or `eindmelding`.
    pub fn notice_kind(self, sequence: u32, final_notice: bool) -> String {
        match sequence {
            _ if final_notice => self.t("eindmelding", "final notice").into(),
            0 => self.t("eerste melding", "initial notice").into(),
            n => match self.0 {
                Language::Nl => format!("vervolgmelding {n}"),
                Language::En => format!("update {n}"),
            },
        }
    }

    pub fn answer(self, answer: Answer) -> String {
        match answer {
            Answer::Yes => self.t("Ja", "Yes").into(),
            Answer::No => self.t("Nee", "No").into(),
            Answer::Unknown => self.unknown(),
        }
    }

    pub fn affected(self, answer: Answer) -> String {
        match answer {
            Answer::Yes => self.t("Ja, aangetast", "Yes, affected").into(),
            Answer::No => self.t("Nee, niet aangetast", "No, not affected").into(),
            Answer::Unknown => self.unknown(),
        }
    }

    pub fn topic(self, topic: Topic) -> &'static str {
        match topic {
            Topic::Timeline => self.t("Tijdlijn", "Timeline"),
            Topic::WhatHappened => self.t("Aard van de inbreuk", "Nature of the breach"),
            Topic::Subjects => self.t("Categorieën betrokkenen", "Categories of data subjects"),
            Topic::Data => self.t("Soorten persoonsgegevens", "Kinds of personal data"),
            Topic::Numbers => self.t(
                "Aantallen betrokkenen en persoonsgegevensregisters",
                "Numbers of data subjects and personal data records",
            ),
            Topic::Protection => self.t(
                "Versleuteling of andere bescherming",
                "Encryption or other protection",
            ),
            Topic::Consequences => self.t("Waarschijnlijke gevolgen", "Likely consequences"),
            Topic::Measures => self.t("Maatregelen", "Measures"),
            Topic::Contact => self.t("Contactpersoon", "Contact person"),
            Topic::Informed => self.t("Anderen geïnformeerd", "Others informed"),
        }
    }

    pub fn kind(self, kind: IncidentKind) -> &'static str {
        match kind {
            IncidentKind::HackingMalware => self.t(
                "Hacking, malware of ransomware",
                "Hacking, malware or ransomware",
            ),
            IncidentKind::Phishing => self.t("Phishing", "Phishing"),
            IncidentKind::LostStolenDevice => self.t(
                "Verloren of gestolen apparaat of gegevensdrager",
                "Lost or stolen device or data carrier",
            ),
            IncidentKind::LostStolenPaper => {
                self.t("Verloren of gestolen papier", "Lost or stolen paper")
            }
            IncidentKind::WronglySent => {
                self.t("Verkeerd verstuurd", "Sent to the wrong recipient")
            }
            IncidentKind::PublishedByMistake => {
                self.t("Per ongeluk gepubliceerd", "Published by mistake")
            }
            IncidentKind::Other => self.t("Anders", "Other"),
        }
    }

    pub fn nature(self, nature: Nature) -> &'static str {
        match nature {
            Nature::Read => self.t("ingezien", "read"),
            Nature::Copied => self.t("gekopieerd", "copied"),
            Nature::Changed => self.t("gewijzigd", "changed"),
            Nature::DeletedDestroyed => self.t("verwijderd of vernietigd", "deleted or destroyed"),
            Nature::Stolen => self.t("gestolen", "stolen"),
            Nature::Unknown => self.t("nog onbekend", "not known yet"),
        }
    }

    pub fn subject(self, category: SubjectCategory) -> &'static str {
        match category {
            SubjectCategory::Employees => self.t("Werknemers", "Employees"),
            SubjectCategory::Clients => self.t("Klanten of cliënten", "Clients or customers"),
            SubjectCategory::Patients => self.t("Patiënten", "Patients"),
            SubjectCategory::Students => self.t("Leerlingen of studenten", "Pupils or students"),
            SubjectCategory::Children => self.t("Kinderen", "Children"),
            SubjectCategory::Users => self.t("Gebruikers", "Users"),
            SubjectCategory::JobApplicants => self.t("Sollicitanten", "Job applicants"),
            SubjectCategory::Other => self.t("Anders", "Other"),
        }
    }

    pub fn data(self, kind: DataKind) -> &'static str {
        match kind {
            DataKind::NameAddress => self.t("Naam- en adresgegevens", "Name and address"),
            DataKind::Phone => self.t("Telefoonnummers", "Telephone numbers"),
            DataKind::Email => self.t("E-mailadressen", "E-mail addresses"),
            DataKind::LoginData => self.t("Inloggegevens", "Login data"),
            DataKind::Financial => self.t("Financiële gegevens", "Financial data"),
            DataKind::CitizenServiceNumber => {
                self.t("Burgerservicenummer (BSN)", "Citizen service number (BSN)")
            }
            DataKind::IdentityDocuments => self.t(
                "Kopieën van identiteitsbewijzen",
                "Copies of identity documents",
            ),
            DataKind::SexBirthAge => self.t(
                "Geslacht, geboortedatum of leeftijd",
                "Sex, date of birth or age",
            ),
            DataKind::Health => self.t("Gezondheid", "Health"),
            DataKind::Religion => self.t("Religie of levensovertuiging", "Religion or belief"),
            DataKind::Race => self.t("Ras of etnische afkomst", "Racial or ethnic origin"),
            DataKind::Politics => self.t("Politieke opvattingen", "Political opinions"),
            DataKind::SexLife => self.t(
                "Seksueel leven of seksuele gerichtheid",
                "Sex life or sexual orientation",
            ),
            DataKind::TradeUnion => {
                self.t("Lidmaatschap van een vakbond", "Trade union membership")
            }
            DataKind::CriminalRecords => self.t("Strafrechtelijke gegevens", "Criminal records"),
            DataKind::Other => self.t("Anders", "Other"),
        }
    }

    pub fn method(self, method: SendMethod) -> &'static str {
        match method {
            SendMethod::Email => self.t("e-mail", "e-mail"),
            SendMethod::Post => self.t("post", "post"),
            SendMethod::Portal => self.t("portaal", "portal"),
            SendMethod::Phone => self.t("telefoon", "phone"),
        }
    }

    pub fn protection(self, protection: Protection) -> &'static str {
        match protection {
            Protection::NotProtected => self.t("Nee, leesbaar", "No, readable"),
            Protection::Encrypted => self.t("Versleuteld", "Encrypted"),
            Protection::Hashed => self.t("Gehasht", "Hashed"),
            Protection::OtherwiseUnintelligible => {
                self.t("Anderszins onleesbaar", "Otherwise unintelligible")
            }
            Protection::Unknown => self.t("Onbekend", "Unknown"),
        }
    }

    pub fn consequence(self, consequence: Consequence) -> &'static str {
        match consequence {
            Consequence::IdentityFraud => self.t("Identiteitsfraude", "Identity fraud"),
            Consequence::FinancialLoss => self.t("Financiële schade", "Financial loss"),
            Consequence::Discrimination => self.t("Discriminatie", "Discrimination"),
            Consequence::ReputationalDamage => self.t("Reputatieschade", "Reputational damage"),
            Consequence::LossOfConfidentiality => self.t(
                "Verlies van vertrouwelijkheid van geheime gegevens",
                "Loss of confidentiality of secret data",
            ),
            Consequence::LossOfControl => self.t(
                "Verlies van controle over hun persoonsgegevens",
                "Loss of control over their personal data",
            ),
            Consequence::LimitationOfRights => {
                self.t("Beperking van hun rechten", "Limitation of their rights")
            }
            Consequence::ReversalOfPseudonymisation => self.t(
                "Ongeoorloofde ongedaanmaking van pseudonimisering",
                "Unauthorised reversal of pseudonymisation",
            ),
            Consequence::Other => self.t("Anders", "Other"),
        }
    }

    /// A country's name by its code (the code itself when the app does not know it).
    pub fn country(self, code: &str) -> String {
        match crate::domain::country::country(code) {
            Some(c) => self.t(c.name_nl, c.name_en).to_string(),
            None => code.to_string(),
        }
    }

    /// `Ja` or `Nee`.
    pub fn yes_no(self, value: bool) -> &'static str {
        if value {
            self.t("Ja", "Yes")
        } else {
            self.t("Nee", "No")
        }
    }

    pub fn agreement_status(self, status: AgreementStatus) -> &'static str {
        match status {
            AgreementStatus::Draft => self.t("concept", "draft"),
            AgreementStatus::Signed => self.t("ondertekend", "signed"),
            AgreementStatus::Superseded => self.t("vervangen", "superseded"),
            AgreementStatus::Ended => self.t("beëindigd", "ended"),
        }
    }

    pub fn amendment_kind(self, kind: AmendmentKind) -> &'static str {
        match kind {
            AmendmentKind::ByConsent => self.t(
                "met toestemming van beide partijen (artikel 10.2)",
                "with the consent of both parties (article 10.2)",
            ),
            AmendmentKind::RequiredByLaw => self.t(
                "noodzakelijk voor het privacyrecht (artikel 10.2)",
                "necessary for privacy law (article 10.2)",
            ),
        }
    }

    pub fn amendment_state(self, state: AmendmentState) -> &'static str {
        match state {
            AmendmentState::AwaitingAnswer => self.t("wacht op antwoord", "awaiting an answer"),
            AmendmentState::Consented => self.t("ingestemd", "consented"),
            AmendmentState::Refused => self.t("niet ingestemd", "did not consent"),
            AmendmentState::Announced => self.t("aangekondigd", "announced"),
            AmendmentState::Moved => self.t("overgegaan", "moved"),
            AmendmentState::NotMoved => self.t("niet overgegaan", "not moved"),
        }
    }

    pub fn mechanism(self, mechanism: TransferMechanism) -> &'static str {
        match mechanism {
            TransferMechanism::Adequacy => self.t("adequaatheidsbesluit", "adequacy decision"),
            TransferMechanism::StandardContractualClauses => self.t(
                "modelcontractbepalingen (SCC)",
                "standard contractual clauses (SCC)",
            ),
            TransferMechanism::BindingCorporateRules => self.t(
                "bindende bedrijfsvoorschriften (BCR)",
                "binding corporate rules (BCR)",
            ),
            TransferMechanism::Other => self.t("anders", "other"),
        }
    }

    /// Who carries out an agreed audit measure.
    pub fn measure_owner(self, owner: MeasureOwner) -> &'static str {
        match owner {
            MeasureOwner::Processor => self.t("verwerker", "processor"),
            MeasureOwner::Customer => self.t("klant", "customer"),
            MeasureOwner::Both => self.t("verwerker en klant", "processor and customer"),
        }
    }

    pub fn sub_processor_status(self, status: SubProcessorStatus) -> &'static str {
        match status {
            SubProcessorStatus::Planned => self.t("gepland", "planned"),
            SubProcessorStatus::Active => self.t("actief", "active"),
            SubProcessorStatus::Ended => self.t("beëindigd", "ended"),
        }
    }

    pub fn audit_status(self, status: AuditStatus) -> &'static str {
        match status {
            AuditStatus::Received => self.t("ontvangen", "received"),
            AuditStatus::Planned => self.t("gepland", "planned"),
            AuditStatus::InProgress => self.t("in uitvoering", "in progress"),
            AuditStatus::FindingsDiscussed => self.t("bevindingen besproken", "findings discussed"),
            AuditStatus::MeasuresAgreed => self.t("maatregelen afgesproken", "measures agreed"),
            AuditStatus::Closed => self.t("afgesloten", "closed"),
        }
    }

    /// Where a customer stands on a sub-processor change (art. 8.2).
    pub fn outcome(self, outcome: Outcome) -> &'static str {
        match outcome {
            Outcome::NotSent => self.t("nog niet verzonden", "not sent yet"),
            Outcome::Pending => self.t("termijn loopt", "window open"),
            Outcome::ConsentRequired => self.t(
                "geen overeenkomst: toestemming nodig",
                "no agreement: consent needed",
            ),
            Outcome::Consented => self.t("akkoord", "consented"),
            Outcome::DeemedConsent => self.t("geacht akkoord", "deemed consent"),
            Outcome::Objected => self.t("bezwaar, besluit nodig", "objected, decision needed"),
            Outcome::Resolved => self.t("bezwaar opgelost", "objection resolved"),
            Outcome::ServiceEnds => self.t("dienst eindigt", "service ends"),
        }
    }

    pub fn end_choice(self, choice: EndChoice) -> &'static str {
        match choice {
            EndChoice::Erase => self.t("wissen", "erase"),
            EndChoice::Transfer => self.t("overdragen, daarna wissen", "transfer, then erase"),
        }
    }

    pub fn instruction_status(self, status: InstructionStatus) -> &'static str {
        match status {
            InstructionStatus::Followed => self.t("uitgevoerd", "followed"),
            InstructionStatus::Suspended => {
                self.t("opgeschort wegens twijfel", "suspended over a doubt")
            }
            InstructionStatus::Resolved => self.t("twijfel opgelost", "doubt resolved"),
        }
    }

    pub fn disclosure_outcome(self, outcome: DisclosureOutcome) -> &'static str {
        match outcome {
            DisclosureOutcome::Pending => self.t("in behandeling", "pending"),
            DisclosureOutcome::Disclosed => self.t("verstrekt", "disclosed"),
            DisclosureOutcome::Declined => self.t("geweigerd", "declined"),
        }
    }

    /// Whether a customer was told of a disclosure request (art. 3.2).
    pub fn informed(self, status: InformedStatus) -> &'static str {
        match status {
            InformedStatus::ToInform => self.t("nog te informeren", "to inform"),
            InformedStatus::Informed => self.t("geïnformeerd", "informed"),
            InformedStatus::InformedAfterDisclosure => self.t(
                "geïnformeerd na verstrekking",
                "informed after the disclosure",
            ),
            InformedStatus::LegallyBarred => self.t("wettelijk verbod", "barred by law"),
        }
    }

    pub fn assistance_kind(self, kind: AssistanceKind) -> &'static str {
        match kind {
            AssistanceKind::Access => self.t("inzage", "access"),
            AssistanceKind::Rectification => self.t("rectificatie", "rectification"),
            AssistanceKind::Erasure => self.t("verwijdering", "erasure"),
            AssistanceKind::Portability => self.t("overdraagbaarheid", "portability"),
            AssistanceKind::Restriction => self.t("beperking", "restriction"),
            AssistanceKind::Objection => self.t("bezwaar", "objection"),
            AssistanceKind::ApInvestigation => self.t(
                "onderzoek Autoriteit Persoonsgegevens",
                "investigation by the Dutch DPA",
            ),
            AssistanceKind::Complaint => self.t("klacht of vordering", "complaint or claim"),
        }
    }

    pub fn assistance_status(self, status: AssistanceStatus) -> &'static str {
        match status {
            AssistanceStatus::Open => self.t("open", "open"),
            AssistanceStatus::ToInvoice => self.t("te factureren", "to invoice"),
            AssistanceStatus::Done => self.t("afgerond", "done"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_dates_and_names_in_each_language() {
        assert_eq!(thousands(0, '.'), "0");
        assert_eq!(thousands(999, '.'), "999");
        assert_eq!(thousands(1000, '.'), "1.000");
        assert_eq!(thousands(1234567, ','), "1,234,567");
        let (nl, en) = (Words(Language::Nl), Words(Language::En));
        assert_eq!(nl.euros(125_050), "€ 1.250,50");
        assert_eq!(en.euros(125_050), "€ 1,250.50");
        assert_eq!(
            day(NaiveDate::from_ymd_opt(2026, 11, 4).unwrap()),
            "04-11-2026"
        );
        assert_eq!(
            with_kvk("Klant B.V.", "12345678", nl),
            "Klant B.V. (KvK 12345678)"
        );
        assert_eq!(with_kvk("Nordic AB", "", en), "Nordic AB");
        assert_eq!(nl.notice_kind(2, false), "vervolgmelding 2");
        assert_eq!(en.notice_kind(0, false), "initial notice");
        assert_eq!(nl.notice_kind(3, true), "eindmelding");
        assert_eq!(en.outcome(Outcome::DeemedConsent), "deemed consent");
    }
}
