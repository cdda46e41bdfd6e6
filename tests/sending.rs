//! Sending notices through a real SMTP server on 127.0.0.1 (Debian's python3-aiosmtpd, started
//! by each test: `tests/smtp/server.py`), plain, with STARTTLS and with TLS from the first
//! byte (a certificate made for the test), with and without a login. What the server
//! received is read back from its files: envelope, headers, the attachment's bytes.

mod common;

#[path = "benches/breach_facts.rs"]
mod breach_facts;
#[path = "smtp/harness.rs"]
mod smtp;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use chrono::Utc;
use common::*;
use dpa_desk::dispatch::{send_documents, test_mail_server, SendReport};
use dpa_desk::domain::customer::{ContactInput, Language};
use dpa_desk::domain::dispatch::DispatchState;
use dpa_desk::domain::incident::IncidentStatus;
use dpa_desk::domain::mail_server::{MailProblem, MailServerInput, Security};
use dpa_desk::error::AppError;
use dpa_desk::export::notices::generate;
use dpa_desk::session::Session;
use dpa_desk::store::documents::sha256_hex;
use dpa_desk::store::{customers, dispatches, documents, incidents, mail_server, notices};
use mail_parser::{MessageParser, MimeHeaders};
use smtp::{certificate, Received, Server};

const USER: &str = "privacy@wolkwerk.example";
const PASSWORD: &str = "Kade-4-Zwolle-SMTP";

/// A vault with an incident at three customers and its initial notices, open in a session.
struct Desk {
    dir: tempfile::TempDir,
    session: Session,
    incident: i64,
    /// The notices, one per customer: Lindeboom (NL, two contacts receive notices), De
    /// Vlinder (NL), Nordic Freight (EN).
    notices: Vec<i64>,
}

fn contact(name: &str, email: &str, receives_notices: bool) -> ContactInput {
    ContactInput {
        id: None,
        name: name.into(),
        role: "Privacy".into(),
        email: email.into(),
        phone: String::new(),
        designated_for_instructions: true,
        receives_notices,
    }
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc::now() - chrono::Duration::hours(1);
    let mut vault = new_vault(dir.path());
    let specs = [
        (
            "Zorggroep Lindeboom",
            "11112222",
            Language::Nl,
            vec![
                contact("Anna de Vries", "anna@lindeboom.example", true),
                contact("Bert Kok", "bert@lindeboom.example", false),
                contact("Cor Smit", "cor@lindeboom.example", true),
            ],
        ),
        (
            "Basisschool De Vlinder",
            "33334444",
            Language::Nl,
            vec![contact("Dirk Bos", "dirk@vlinder.example", true)],
        ),
        (
            "Nordic Freight AB",
            "",
            Language::En,
            vec![contact("Eva Lund", "eva@nordic.example", true)],
        ),
    ];
    let mut ids = Vec::new();
    for (name, kvk, language, contacts) in specs {
        let mut input = customer(name, kvk);
        input.notice_language = language;
        input.contacts = contacts;
        ids.push(customers::create(vault.conn(), &input, now).unwrap().id);
    }
    let facts = breach_facts::facts();
    let incident = incidents::create(vault.conn(), &facts, "Fatima", now)
        .unwrap()
        .id;
    incidents::save_draft(vault.conn(), incident, &facts, 6, now).unwrap();
    incidents::add_customers(vault.conn(), incident, &ids, now).unwrap();
    generate(vault.conn(), incident, &ids, false, now, |_, _| {}).unwrap();
    let kept = notices::list_for_incident(vault.conn(), incident).unwrap();
    let notices: Vec<i64> = ids
        .iter()
        .map(|customer| kept.iter().find(|n| n.customer_id == *customer).unwrap().id)
        .collect();
    drop(vault);
    let session = Session::new(dir.path().to_path_buf());
    session.unlock(PASSPHRASE, Instant::now()).unwrap();
    Desk {
        dir,
        session,
        incident,
        notices,
    }
}

impl Desk {
    fn use_server(&self, port: u16, security: Security, login: Option<&str>) {
        let input = MailServerInput {
            host: "127.0.0.1".into(),
            port: port.to_string(),
            security,
            user: login.map_or("", |_| USER).into(),
            password: login.map(str::to_string),
        };
        self.session
            .with_vault(Instant::now(), |v| mail_server::save(v.conn(), &input))
            .unwrap();
    }

    fn send(&self, ids: &[i64], confirmed: &[i64]) -> Result<SendReport, AppError> {
        send_documents(
            &self.session,
            ids,
            confirmed,
            |_, _| {},
            &AtomicBool::new(false),
        )
    }

    fn states(&self, ids: &[i64]) -> Vec<DispatchState> {
        self.session
            .with_vault(Instant::now(), |v| dispatches::latest(v.conn(), ids))
            .unwrap()
            .iter()
            .map(|d| d.state)
            .collect()
    }
}

/// The problem a mail server error names (its detail printed, for when a test fails).
fn problem(result: Result<impl std::fmt::Debug, AppError>) -> MailProblem {
    match result {
        Err(AppError::MailServer { problem, detail }) => {
            eprintln!("{problem:?}: {detail}");
            problem
        }
        other => panic!("expected a mail server problem, got {other:?}"),
    }
}

#[test]
fn notices_go_out_over_starttls_with_a_login_and_the_sent_log_writes_itself() {
    let (cert, key) = certificate();
    let (cert, key) = (cert.to_str().unwrap(), key.to_str().unwrap());
    let server = Server::start(&["--starttls", cert, key, "--login", USER, PASSWORD]);
    let desk = desk();
    desk.use_server(server.port, Security::StartTls, Some(PASSWORD));
    test_mail_server(&desk.session).unwrap();

    let progress = std::sync::Mutex::new(Vec::new());
    let report = send_documents(
        &desk.session,
        &desk.notices,
        &[],
        |done, total| progress.lock().unwrap().push((done, total)),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(
        progress.into_inner().unwrap(),
        vec![(0, 3), (1, 3), (2, 3), (3, 3)]
    );
    assert!(!report.cancelled);
    assert_eq!(report.outcomes.len(), 3);

    let received = server.received();
    assert_eq!(received.len(), 3, "one message per customer");
    let expected_to = [
        vec!["anna@lindeboom.example", "cor@lindeboom.example"],
        vec!["dirk@vlinder.example"],
        vec!["eva@nordic.example"],
    ];
    let expected_subject = [
        "Melding datalek",
        "Melding datalek",
        "Personal data breach notice",
    ];
    desk.session
        .with_vault(Instant::now(), |v| {
            for (i, ((message, outcome), &id)) in received
                .iter()
                .zip(&report.outcomes)
                .zip(&desk.notices)
                .enumerate()
            {
                assert_eq!(outcome.document_id, id);
                assert_eq!(outcome.state, DispatchState::Accepted);
                assert!(outcome.server_reply.starts_with("250 "), "{outcome:?}");
                assert_eq!(message.from, USER);
                assert_eq!(message.to, expected_to[i]);

                let mail = MessageParser::default().parse(&message.bytes).unwrap();
                assert_eq!(mail.message_id(), Some(outcome.message_id.as_str()));
                assert!(mail.header_raw("X-Unsent").is_none(), "sent, not a draft");
                assert!(
                    mail.subject().unwrap().contains(expected_subject[i]),
                    "{:?}",
                    mail.subject()
                );
                let kept = documents::pdf(v.conn(), id)?;
                let attachment = mail.attachment(0).unwrap();
                assert_eq!(attachment.attachment_name(), Some(kept.file_name.as_str()));
                assert_eq!(attachment.contents(), kept.pdf.as_slice());
                assert_eq!(sha256_hex(attachment.contents()), kept.sha256);

                // The sent log entry, written by the sending itself.
                let summary = documents::list_for(
                    v.conn(),
                    &[dpa_desk::domain::notice::BREACH_NOTICE],
                    desk.incident,
                )?
                .into_iter()
                .find(|d| d.id == id)
                .unwrap();
                assert_eq!(summary.deliveries.len(), 1);
                let delivery = &summary.deliveries[0];
                assert_eq!(delivery.method.code(), "email");
                for address in &expected_to[i] {
                    assert!(delivery.recipients.contains(address));
                }
                assert!(delivery.recipients.contains(&outcome.message_id));
                assert_eq!(Some(delivery.sent_at), outcome.finished_at);
            }
            assert_eq!(
                incidents::get(v.conn(), desk.incident)?.status,
                IncidentStatus::CustomersNotified
            );
            Ok(())
        })
        .unwrap();
}

#[test]
fn tls_from_the_first_byte_and_a_plain_server_on_this_computer_work_too() {
    let (cert, key) = certificate();
    let (cert, key) = (cert.to_str().unwrap(), key.to_str().unwrap());
    let desk = desk();

    let smtps = Server::start(&["--smtps", cert, key, "--login", USER, PASSWORD]);
    desk.use_server(smtps.port, Security::Tls, Some(PASSWORD));
    desk.send(&desk.notices[..1], &[]).unwrap();
    assert_eq!(smtps.received().len(), 1);

    let plain = Server::start(&[]);
    desk.use_server(plain.port, Security::None, None);
    desk.send(&desk.notices[1..], &[]).unwrap();
    assert_eq!(plain.received().len(), 2);
    assert_eq!(desk.states(&desk.notices), [DispatchState::Accepted; 3]);
}

#[test]
fn a_wrong_password_no_server_and_no_tls_are_named_and_nothing_is_recorded_as_sent() {
    let (cert, key) = certificate();
    let (cert, key) = (cert.to_str().unwrap(), key.to_str().unwrap());
    let desk = desk();

    let server = Server::start(&["--starttls", cert, key, "--login", USER, PASSWORD]);
    desk.use_server(server.port, Security::StartTls, Some("wrong"));
    assert_eq!(problem(test_mail_server(&desk.session)), MailProblem::Login);
    // The first message meets the same refusal and the sending stops there.
    assert_eq!(problem(desk.send(&desk.notices, &[])), MailProblem::Login);
    assert_eq!(desk.states(&desk.notices), [DispatchState::Refused]);
    assert!(server.received().is_empty());

    // TLS from the first byte to a server that speaks plain SMTP.
    let plain = Server::start(&[]);
    desk.use_server(plain.port, Security::Tls, None);
    assert_eq!(problem(test_mail_server(&desk.session)), MailProblem::Tls);

    // Nothing listening.
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    desk.use_server(port, Security::None, None);
    assert_eq!(
        problem(test_mail_server(&desk.session)),
        MailProblem::Unreachable
    );

    desk.session
        .with_vault(Instant::now(), |v| {
            let log = documents::list_for(
                v.conn(),
                &[dpa_desk::domain::notice::BREACH_NOTICE],
                desk.incident,
            )?;
            assert!(log.iter().all(|d| d.deliveries.is_empty()));
            Ok(())
        })
        .unwrap();
}

#[test]
fn a_refused_recipient_is_listed_with_the_reason_and_can_be_sent_again() {
    let refusing = Server::start(&["--refuse", "dirk@vlinder.example"]);
    let desk = desk();
    desk.use_server(refusing.port, Security::None, None);
    let report = desk.send(&desk.notices, &[]).unwrap();
    let states: Vec<_> = report.outcomes.iter().map(|o| o.state).collect();
    assert_eq!(
        states,
        [
            DispatchState::Accepted,
            DispatchState::Refused,
            DispatchState::Accepted
        ]
    );
    assert!(
        report.outcomes[1].server_reply.contains("No such user"),
        "{:?}",
        report.outcomes[1]
    );
    assert_eq!(refusing.received().len(), 2);

    // Once the customer's address is right, the refused one goes without asking.
    let fixed = Server::start(&[]);
    desk.use_server(fixed.port, Security::None, None);
    let again = desk.send(&desk.notices[1..2], &[]).unwrap();
    assert_eq!(again.outcomes[0].state, DispatchState::Accepted);
    assert_eq!(fixed.received().len(), 1);
}

#[test]
fn an_accepted_notice_goes_again_only_when_the_officer_confirms_it() {
    let server = Server::start(&[]);
    let desk = desk();
    desk.use_server(server.port, Security::None, None);
    desk.send(&desk.notices[..1], &[]).unwrap();
    match desk.send(&desk.notices, &[]) {
        Err(AppError::MaybeSent { documents }) => {
            assert_eq!(documents.len(), 1);
            assert_eq!(documents[0].document_id, desk.notices[0]);
            assert_eq!(documents[0].customer_name, "Zorggroep Lindeboom");
            assert_eq!(documents[0].state, DispatchState::Accepted);
        }
        other => panic!("expected the officer to be asked, got {other:?}"),
    }
    assert_eq!(server.received().len(), 1, "nothing more was sent");
    desk.send(&desk.notices, &desk.notices[..1]).unwrap();
    assert_eq!(server.received().len(), 4);
}

#[test]
fn cancel_stops_before_the_next_message() {
    let server = Server::start(&[]);
    let desk = desk();
    desk.use_server(server.port, Security::None, None);
    let cancel = AtomicBool::new(false);
    let report = send_documents(
        &desk.session,
        &desk.notices,
        &[],
        |done, _| {
            if done == 1 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .unwrap();
    assert!(report.cancelled);
    assert_eq!(report.outcomes.len(), 1);
    assert_eq!(server.received().len(), 1);
}

#[test]
fn the_password_is_kept_in_the_vault_only_and_never_in_the_event_log() {
    let desk = desk();
    desk.use_server(2525, Security::None, Some(PASSWORD));
    desk.session
        .with_vault(Instant::now(), |v| {
            let view = mail_server::view(v.conn())?;
            assert!(view.has_password);
            let (_, password) = mail_server::get(v.conn())?.unwrap();
            assert_eq!(password.as_deref(), Some(PASSWORD));
            let logged: i64 = v.conn().query_row(
                "SELECT count(*) FROM events WHERE instr(coalesce(after, '') || coalesce(before, ''), ?1) > 0",
                [PASSWORD],
                |row| row.get(0),
            )?;
            assert_eq!(logged, 0);
            Ok(())
        })
        .unwrap();
    let on_disk: Vec<u8> = snapshot(desk.dir.path())
        .into_iter()
        .flat_map(|(_, bytes)| bytes)
        .collect();
    assert!(!on_disk
        .windows(PASSWORD.len())
        .any(|w| w == PASSWORD.as_bytes()));

    // Saving without a password keeps it; an empty one removes it.
    let mut input = MailServerInput {
        host: "localhost".into(),
        port: "2525".into(),
        security: Security::None,
        user: USER.into(),
        password: None,
    };
    let keep = input.clone();
    input.password = Some(String::new());
    let remove = input;
    desk.session
        .with_vault(Instant::now(), |v| {
            mail_server::save(v.conn(), &keep)?;
            assert!(mail_server::view(v.conn())?.has_password);
            mail_server::save(v.conn(), &remove)?;
            assert!(!mail_server::view(v.conn())?.has_password);
            Ok(())
        })
        .unwrap();
}

/// Runs in a child process only (see the kill test): sends every notice of the vault in
/// SEND_DIR and is killed while doing so.
#[test]
#[ignore = "child process of the kill test"]
fn child_sends_until_killed() {
    let dir = PathBuf::from(std::env::var("SEND_DIR").expect("SEND_DIR"));
    let ids: Vec<i64> = std::env::var("SEND_IDS")
        .unwrap()
        .split(',')
        .map(|id| id.parse().unwrap())
        .collect();
    let session = Session::new(dir);
    session.unlock(PASSPHRASE, Instant::now()).unwrap();
    println!("ready");
    let _ = send_documents(&session, &ids, &[], |_, _| {}, &AtomicBool::new(false));
    println!("done");
}

/// The notice whose message this is, from its Message-ID (`dpa-desk.<id>.…`).
fn document_of(message: &Received) -> i64 {
    let mail = MessageParser::default().parse(&message.bytes).unwrap();
    mail.message_id()
        .unwrap()
        .split('.')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn killed_while_a_message_is_on_the_server_it_is_unknown_and_never_sent_twice_unasked() {
    for killed_at in 1..=3usize {
        let server = Server::start(&["--hold"]);
        let desk = desk();
        desk.use_server(server.port, Security::None, None);
        let Desk {
            dir,
            session,
            notices,
            ..
        } = desk;
        drop(session); // the child opens the vault
        let ids: Vec<String> = notices.iter().map(i64::to_string).collect();
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_sends_until_killed",
                "--ignored",
                "--nocapture",
            ])
            .env("SEND_DIR", dir.path())
            .env("SEND_IDS", ids.join(","))
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        // Let the messages before the `killed_at`th through, then kill the sender while
        // that one is on the server but not yet acknowledged.
        for n in 1..=killed_at {
            server.wait_for(&format!("holding {n:04}"));
            if n < killed_at {
                std::fs::write(server.out.path().join("release"), b"").unwrap();
                server.wait_for(&format!("accepted {n:04}"));
                std::fs::remove_file(server.out.path().join("release")).unwrap();
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // The server kept the message it was given: the customer may have it.
        std::fs::write(server.out.path().join("release"), b"").unwrap();
        let on_server: Vec<i64> = server.received().iter().map(document_of).collect();
        assert_eq!(on_server, notices[..killed_at]);

        let session = Session::new(dir.path().to_path_buf());
        session.unlock(PASSPHRASE, Instant::now()).unwrap();
        let desk = Desk {
            dir,
            session,
            incident: 0,
            notices,
        };
        let mut expected = vec![DispatchState::Accepted; killed_at - 1];
        expected.push(DispatchState::Unknown);
        assert_eq!(desk.states(&desk.notices), expected);

        // Sending all again asks first about every one that may have arrived, and sends
        // nothing; the officer confirms only the unknown one.
        match desk.send(&desk.notices, &[]) {
            Err(AppError::MaybeSent { documents }) => {
                let held: Vec<i64> = documents.iter().map(|d| d.document_id).collect();
                assert_eq!(held, desk.notices[..killed_at]);
            }
            other => panic!("expected the officer to be asked, got {other:?}"),
        }
        assert_eq!(server.received().len(), killed_at);
        let unknown = desk.notices[killed_at - 1];
        let not_again = &desk.notices[..killed_at - 1];
        let rest: Vec<i64> = desk
            .notices
            .iter()
            .copied()
            .filter(|id| !not_again.contains(id))
            .collect();
        desk.send(&rest, &[unknown]).unwrap();
        let mut per_document: Vec<i64> = server.received().iter().map(document_of).collect();
        per_document.sort();
        let mut expected: Vec<i64> = desk.notices.clone();
        expected.push(unknown);
        expected.sort();
        assert_eq!(per_document, expected, "only the confirmed one twice");
    }
}
