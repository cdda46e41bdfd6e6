//! `cargo bench --bench sending`: the breach notices of one incident affecting 1,000
//! customers sent through a real SMTP server on 127.0.0.1 (tests/smtp/server.py, Debian's
//! python3-aiosmtpd, writing every message to disk), as the app sends them: each message
//! marked in the vault before it leaves and settled with its sent log entry after. The target
//! is 10 s; saving the same 1,000 e-mails as drafts is printed beside it.

#[path = "breach_facts.rs"]
mod breach_facts;
#[path = "fixtures.rs"]
mod fixtures;
#[path = "../smtp/harness.rs"]
mod smtp;
#[path = "timing.rs"]
mod timing;

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Instant;

use chrono::Utc;
use dpa_desk::dispatch::send_documents;
use dpa_desk::domain::dispatch::DispatchState;
use dpa_desk::domain::mail_server::{MailServerInput, Security};
use dpa_desk::export::drafts::save_drafts;
use dpa_desk::export::notices::generate;
use dpa_desk::session::Session;
use dpa_desk::store::{incidents, mail_server, settings};
use fixtures::{vault_with_customers, CUSTOMERS};

const TARGET_S: f64 = 10.0;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = vault_with_customers(dir.path());
    let mut own = settings::get(vault.conn()).unwrap();
    own.processor.email = "privacy@wolkwerk.example".into();
    settings::save(vault.conn(), &own).unwrap();
    let now = Utc::now() - chrono::Duration::minutes(5);
    let facts = breach_facts::facts();
    let incident = incidents::create(vault.conn(), &facts, "Bench", now)
        .unwrap()
        .id;
    incidents::save_draft(vault.conn(), incident, &facts, 6, now).unwrap();
    let ids: Vec<i64> = (1..=CUSTOMERS as i64).collect();
    incidents::add_customers(vault.conn(), incident, &ids, now).unwrap();
    let notices = generate(vault.conn(), incident, &ids, false, now, |_, _| {}).unwrap();
    let server = smtp::Server::start(&[]);
    let input = MailServerInput {
        host: "127.0.0.1".into(),
        port: server.port.to_string(),
        security: Security::None,
        user: String::new(),
        password: None,
    };
    mail_server::save(vault.conn(), &input).unwrap();

    let drafts = tempfile::tempdir().unwrap();
    let drafts_s = timing::median_ms(3, || {
        save_drafts(vault.conn(), &notices, drafts.path(), Utc::now(), |_, _| {}).unwrap();
    }) / 1000.0;
    drop(vault);

    let session = Session::new(dir.path().to_path_buf());
    session
        .unlock("bench bench bench bench", std::time::Instant::now())
        .unwrap();
    let reported = AtomicU32::new(0);
    let start = Instant::now();
    let report = send_documents(
        &session,
        &notices,
        &[],
        |done, _| reported.store(done, Ordering::Relaxed),
        &AtomicBool::new(false),
    )
    .unwrap();
    let send_s = start.elapsed().as_secs_f64();
    assert_eq!(reported.load(Ordering::Relaxed), CUSTOMERS as u32);
    assert!(report
        .outcomes
        .iter()
        .all(|o| o.state == DispatchState::Accepted));
    assert_eq!(server.received().len(), CUSTOMERS);

    timing::print_head(60);
    println!(
        "{:<60} {:>10.2} s",
        format!("send {CUSTOMERS} notices through SMTP on 127.0.0.1"),
        send_s
    );
    println!(
        "{:<60} {:>10.0} /s",
        "messages accepted per second",
        CUSTOMERS as f64 / send_s
    );
    println!(
        "{:<60} {:>10.2}",
        format!("ratio: time / target ({TARGET_S} s)"),
        send_s / TARGET_S
    );
    println!(
        "{:<60} {:>10.2} s",
        format!("save the same {CUSTOMERS} e-mails as drafts (offline, median of 3)"),
        drafts_s
    );
}
