//! A sub-processor's agreement with us (art. 8.3): what it imposes, its own notice term, the
//! file kept byte for byte, its review date on the dashboard, and bad input changing nothing.

use super::*;
use dpa_desk::domain::sub_processing::{flow_down_gaps, FlowDownGap, SubProcessingInput};
use dpa_desk::store::sub_processing;

fn agreement() -> SubProcessingInput {
    SubProcessingInput {
        signed_on: "01-03-2026".into(),
        reference: "SVO-2026-07".into(),
        confidentiality: true,
        breach_notification: true,
        notice_hours: "24".into(),
        security_measures: false,
        review_on: "01-03-2027".into(),
    }
}

#[test]
fn a_sub_processors_agreement_is_kept_with_its_file_and_its_review_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = new_vault(dir.path());
    let now = at("04-12-2026 10:00");
    let sub = subprocessors::create(
        vault.conn(),
        &SubProcessorInput {
            name: "Rekenwolk Inc.".into(),
            activities: "Back-ups van de database".into(),
            country: "US".into(),
            start_date: "01-03-2026".into(),
            ..Default::default()
        },
        now,
    )
    .unwrap();
    assert_eq!(
        flow_down_gaps(sub_processing::get(vault.conn(), sub).unwrap().as_ref()),
        [FlowDownGap::NoAgreement]
    );

    // A missing file is refused, and nothing is recorded.
    let missing = dir.path().join("niet-er.pdf");
    assert_eq!(
        refused(sub_processing::save(
            vault.conn(),
            sub,
            &agreement(),
            Some(&missing),
            now
        )),
        [("file".to_string(), FieldCode::FileNotFound)]
    );
    assert_eq!(sub_processing::get(vault.conn(), sub).unwrap(), None);

    let file = dir.path().join("Subverwerkersovereenkomst Rekenwolk.pdf");
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    std::fs::write(&file, &bytes).unwrap();
    let kept = sub_processing::save(vault.conn(), sub, &agreement(), Some(&file), now).unwrap();
    assert_eq!(kept.notice_hours, Some(24));
    assert_eq!(kept.file_name, "Subverwerkersovereenkomst Rekenwolk.pdf");
    assert_eq!(flow_down_gaps(Some(&kept)), [FlowDownGap::SecurityMeasures]);
    assert_eq!(
        sub_processing::file(vault.conn(), sub).unwrap(),
        (
            "Subverwerkersovereenkomst Rekenwolk.pdf".to_string(),
            bytes.clone()
        )
    );

    // A later save without a file keeps the file; bad input changes nothing.
    let mut better = agreement();
    better.security_measures = true;
    let kept = sub_processing::save(vault.conn(), sub, &better, None, now).unwrap();
    assert_eq!(flow_down_gaps(Some(&kept)), []);
    assert_eq!(sub_processing::file(vault.conn(), sub).unwrap().1, bytes);
    let mut wrong = better.clone();
    wrong.review_on = "01-01-2026".into();
    assert_eq!(
        refused(sub_processing::save(vault.conn(), sub, &wrong, None, now)),
        [("review_on".to_string(), FieldCode::ReviewBeforeSigning)]
    );
    assert_eq!(sub_processing::get(vault.conn(), sub).unwrap(), Some(kept));
    assert!(matches!(
        sub_processing::save(vault.conn(), 999, &better, None, now),
        Err(AppError::NotFound)
    ));

    // The review date is on the dashboard, opening the sub-processor.
    let board = dashboard::get(vault.conn(), now).unwrap();
    let review = board
        .deadlines
        .iter()
        .find(|d| d.kind == DeadlineKind::SubProcessingReview)
        .expect("the review is due");
    assert_eq!(review.title, "Rekenwolk Inc.");
    assert_eq!(review.target, Target::SubProcessor(sub));
    assert!(review.date_only);
    assert_eq!(
        dpa_desk::domain::time::local_date(review.due),
        chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
    );

    // The event log records the file's size, not its bytes.
    let logged: String = vault
        .conn()
        .query_row(
            "SELECT after FROM events WHERE entity = 'sub_processing_agreements'
             ORDER BY seq DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(logged.contains("\"file\":\"70000 bytes\""), "{logged}");
}
