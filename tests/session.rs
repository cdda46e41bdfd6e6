//! The running session: unlock delays after failures, locking by hand and after idle time.

mod common;

use std::time::{Duration, Instant};

use common::*;
use dpa_desk::domain::settings::NewVault;
use dpa_desk::error::AppError;
use dpa_desk::session::{Session, VaultState};

fn created(dir: &std::path::Path) -> Session {
    let session = Session::new(dir.to_path_buf());
    assert_eq!(session.status(Instant::now()).state, VaultState::Absent);
    let s = settings();
    session
        .create(
            &NewVault {
                officer_name: s.officer_name,
                passphrase: PASSPHRASE.into(),
                passphrase_confirm: PASSPHRASE.into(),
                processor: s.processor,
            },
            Instant::now(),
        )
        .unwrap();
    session
}

#[test]
fn creating_opens_the_vault_and_locking_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let session = created(dir.path());
    assert_eq!(session.status(Instant::now()).state, VaultState::Unlocked);
    session.lock();
    assert_eq!(session.status(Instant::now()).state, VaultState::Locked);
    assert!(matches!(
        session.with_vault(Instant::now(), |_| Ok(())),
        Err(AppError::Locked)
    ));
}

#[test]
fn a_bad_create_form_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::new(dir.path().to_path_buf());
    let result = session.create(
        &NewVault {
            officer_name: "".into(),
            passphrase: "short".into(),
            passphrase_confirm: "short".into(),
            processor: settings().processor,
        },
        Instant::now(),
    );
    assert!(matches!(result, Err(AppError::Validation { .. })));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn after_three_failures_attempts_must_wait_longer_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let session = created(dir.path());
    session.lock();
    let t0 = Instant::now();
    for _ in 0..2 {
        assert!(matches!(
            session.unlock("wrong passphrase!", t0),
            Err(AppError::WrongPassphrase {
                retry_after_secs: 0
            })
        ));
    }
    assert!(matches!(
        session.unlock("wrong passphrase!", t0),
        Err(AppError::WrongPassphrase {
            retry_after_secs: 2
        })
    ));
    // Even the right passphrase waits: the delay is refused before the key is derived.
    assert!(matches!(
        session.unlock(PASSPHRASE, t0),
        Err(AppError::UnlockThrottled {
            retry_after_secs: 2
        })
    ));
    assert_eq!(session.status(t0).retry_after_secs, 2);
    let t1 = t0 + Duration::from_secs(2);
    assert!(matches!(
        session.unlock("wrong passphrase!", t1),
        Err(AppError::WrongPassphrase {
            retry_after_secs: 4
        })
    ));
    let t2 = t1 + Duration::from_secs(4);
    session.unlock(PASSPHRASE, t2).unwrap();
    assert_eq!(session.status(t2).state, VaultState::Unlocked);
    // Success resets the count.
    session.lock();
    assert!(matches!(
        session.unlock("wrong passphrase!", t2),
        Err(AppError::WrongPassphrase {
            retry_after_secs: 0
        })
    ));
}

#[test]
fn the_vault_locks_itself_after_the_idle_time_and_activity_postpones_it() {
    let dir = tempfile::tempdir().unwrap();
    let session = created(dir.path());
    let t0 = Instant::now();
    session.touch(t0);
    assert!(!session.lock_if_idle(t0 + Duration::from_secs(9 * 60)));
    session.touch(t0 + Duration::from_secs(9 * 60));
    assert!(!session.lock_if_idle(t0 + Duration::from_secs(18 * 60)));
    assert!(session.lock_if_idle(t0 + Duration::from_secs(19 * 60)));
    assert_eq!(session.status(Instant::now()).state, VaultState::Locked);
    assert!(
        !session.lock_if_idle(t0 + Duration::from_secs(60 * 60)),
        "locks only once"
    );
}

#[test]
fn a_new_auto_lock_time_applies_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let session = created(dir.path());
    let t0 = Instant::now();
    let mut s = settings();
    s.auto_lock_minutes = 1;
    session.save_settings(&s, t0).unwrap();
    assert!(session.lock_if_idle(t0 + Duration::from_secs(61)));
    session.unlock(PASSPHRASE, t0).unwrap();
    s.auto_lock_minutes = 0;
    assert!(matches!(
        session.save_settings(&s, t0),
        Err(AppError::Validation { .. })
    ));
}

#[test]
fn changing_the_passphrase_checks_both_forms_of_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let session = created(dir.path());
    let now = Instant::now();
    let codes = |result: Result<(), AppError>| match result {
        Err(AppError::Validation { fields }) => {
            fields.into_iter().map(|f| f.field).collect::<Vec<_>>()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(
        codes(session.change_passphrase(PASSPHRASE, "short", "short", now)),
        ["new_passphrase"]
    );
    assert_eq!(
        codes(session.change_passphrase(PASSPHRASE, "long enough one", "long enough two", now)),
        ["new_passphrase_confirm"]
    );
    assert_eq!(
        codes(session.change_passphrase(PASSPHRASE, PASSPHRASE, PASSPHRASE, now)),
        ["new_passphrase"]
    );
    assert!(matches!(
        session.change_passphrase(
            "wrong passphrase!",
            "long enough one",
            "long enough one",
            now
        ),
        Err(AppError::WrongPassphrase { .. })
    ));
    session
        .change_passphrase(PASSPHRASE, "long enough one", "long enough one", now)
        .unwrap();
    session.lock();
    session.unlock("long enough one", now).unwrap();
}

#[test]
fn the_interface_language_is_remembered_while_locked() {
    let dir = tempfile::tempdir().unwrap();
    let session = created(dir.path());
    session.lock();
    session
        .set_interface_language(dpa_desk::domain::customer::Language::En)
        .unwrap();
    let fresh = Session::new(dir.path().to_path_buf());
    assert_eq!(
        fresh.status(Instant::now()).interface_language,
        dpa_desk::domain::customer::Language::En
    );
}
