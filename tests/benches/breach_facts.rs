//! The facts of a ransomware incident, as the benches register it.

use dpa_desk::domain::breach::{
    AffectedInput, BreachFactsInput, Consequence, DataInput, DataKind, IncidentKind, Nature,
    Occurrence, SubjectCategory, SubjectsInput,
};

pub fn facts() -> BreachFactsInput {
    BreachFactsInput {
        title: "Ransomware op de bestandsserver".into(),
        discovered_at: "20-11-2026 07:40".into(),
        occurred: Occurrence::Period,
        occurred_from: "19-11-2026 23:10".into(),
        occurred_to: "20-11-2026 06:55".into(),
        how_found: "Monitoring sloeg alarm op versleutelde bestanden.".into(),
        reported_by: "Beheerteam".into(),
        summary: "Een aanvaller heeft via een kwetsbare VPN-server toegang gekregen tot een \
                  bestandsserver en bestanden versleuteld. Het is niet uit te sluiten dat \
                  bestanden zijn gekopieerd voordat ze werden versleuteld."
            .into(),
        kind: Some(IncidentKind::HackingMalware),
        nature: vec![Nature::Copied, Nature::DeletedDestroyed],
        cause: "Ongepatchte VPN-server".into(),
        systems: "Bestandsserver, VPN".into(),
        shared: AffectedInput {
            subjects: SubjectsInput {
                categories: vec![SubjectCategory::Employees, SubjectCategory::Clients],
                other: String::new(),
            },
            data: DataInput {
                kinds: vec![DataKind::NameAddress, DataKind::Email, DataKind::Financial],
                other: String::new(),
            },
            ..Default::default()
        },
        consequences: vec![Consequence::IdentityFraud, Consequence::FinancialLoss],
        consequences_explanation: "Gegevens kunnen worden gebruikt voor gerichte phishing.".into(),
        measures_taken: "Server geïsoleerd, back-up teruggezet, VPN gepatcht.".into(),
        measures_proposed: "Forensisch onderzoek naar uitgelekte bestanden.".into(),
        mitigation: "Betrokkenen waarschuwen voor phishing.".into(),
        contact_name: "J. Jansen".into(),
        contact_email: "privacy@wolkwerk.example".into(),
        // Discovered in November 2026: a notice made later comes after our 24-hour target.
        late_reason: "De omvang werd pas na forensisch onderzoek duidelijk.".into(),
        ..Default::default()
    }
}
