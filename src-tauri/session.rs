//! The running app's hold on the vault: open or locked, failed unlock attempts with their
//! growing delay, and the idle time after which it locks itself.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Serialize;
use ts_rs::TS;

use crate::clock;
use crate::domain::customer::Language;
use crate::domain::passphrase::check_passphrase_change;
use crate::domain::settings::{check_new_vault, check_settings, NewVault, Settings};
use crate::domain::unlock::unlock_delay;
use crate::domain::validation::Errors;
use crate::error::{AppError, AppResult};
use crate::store::backup::{self, BackupFile, Restored};
use crate::store::{amendments, preferences, settings, Vault};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum VaultState {
    /// No vault yet: the app offers to create one.
    Absent,
    Locked,
    Unlocked,
}

/// What the locked screens need to know.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct VaultStatus {
    pub state: VaultState,
    pub interface_language: Language,
    /// Seconds before the next unlock attempt is accepted.
    pub retry_after_secs: u64,
}

pub struct Session {
    dir: PathBuf,
    state: Mutex<State>,
    /// Held for the whole of an unlock, so attempts cannot run side by side past the delay.
    unlocking: Mutex<()>,
    /// The automatic backup of the last unlock, while it is written.
    backup: Mutex<Option<std::thread::JoinHandle<()>>>,
}

struct State {
    vault: Option<Vault>,
    failures: u32,
    retry_at: Option<Instant>,
    last_activity: Instant,
    auto_lock: Duration,
}

/// A session that ends waits for the automatic backup it started: a process that exits
/// while SQLCipher is still writing it tears OpenSSL down under that thread.
impl Drop for Session {
    fn drop(&mut self) {
        let writing = self
            .backup
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(writing) = writing {
            let _ = writing.join();
        }
    }
}

impl Session {
    /// A locked session on the vault folder `dir`.
    pub fn new(dir: PathBuf) -> Session {
        Session {
            dir,
            state: Mutex::new(State {
                vault: None,
                failures: 0,
                retry_at: None,
                last_activity: Instant::now(),
                auto_lock: Duration::from_secs(600),
            }),
            unlocking: Mutex::new(()),
            backup: Mutex::new(None),
        }
    }

    /// Whether there is a vault, whether it is open, and how long an unlock must wait.
    pub fn status(&self, now: Instant) -> VaultStatus {
        let state = self.lock_state();
        let vault_state = if state.vault.is_some() {
            VaultState::Unlocked
        } else if Vault::exists(&self.dir) {
            VaultState::Locked
        } else {
            VaultState::Absent
        };
        VaultStatus {
            state: vault_state,
            interface_language: preferences::read(&self.dir).interface_language,
            retry_after_secs: retry_after(state.retry_at, now),
        }
    }

    /// Creates the vault from the first-run form and opens it.
    pub fn create(&self, input: &NewVault, now: Instant) -> AppResult<()> {
        let settings = check_new_vault(input)?;
        let vault = Vault::create(&self.dir, &input.passphrase, &settings)?;
        self.opened(vault, settings.auto_lock_minutes, now);
        Ok(())
    }

    /// Opens the vault, and writes an automatic backup of it in the background. After three
    /// failures each further attempt must wait longer; the wait is refused before the key
    /// derivation runs.
    pub fn unlock(&self, passphrase: &str, now: Instant) -> AppResult<()> {
        let _gate = self.unlocking.lock().unwrap_or_else(|e| e.into_inner());
        if self.lock_state().vault.is_some() {
            return Ok(());
        }
        let mut vault = self.try_passphrase(now, || Vault::open(&self.dir, passphrase))?;
        let settings = settings::get(vault.conn())?;
        let source = backup::source(&vault);
        self.opened(vault, settings.auto_lock_minutes, now);
        tracing::info!("vault unlocked");
        let writing = std::thread::spawn(move || {
            if let Err(error) =
                backup::write_automatic(source, settings.backups_to_keep, clock::now())
            {
                tracing::error!(error = %error, "automatic backup failed");
            }
        });
        let earlier = self
            .backup
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .replace(writing);
        if let Some(earlier) = earlier {
            let _ = earlier.join();
        }
        Ok(())
    }

    /// Makes a backup file the vault, if `passphrase` opens it and it is intact: only then is
    /// the vault locked, the one replaced kept aside, and the backup put in its place; the app
    /// stays locked. Wrong passphrases count as failed unlocks.
    pub fn restore(&self, backup: &Path, passphrase: &str, now: Instant) -> AppResult<Restored> {
        let _gate = self.unlocking.lock().unwrap_or_else(|e| e.into_inner());
        let prepared =
            self.try_passphrase(now, || backup::prepare(&self.dir, backup, passphrase))?;
        self.lock();
        prepared.commit(&self.dir, clock::now())
    }

    /// The backups in the vault folder, newest first.
    pub fn backups(&self) -> AppResult<Vec<BackupFile>> {
        backup::list(&self.dir.join(backup::FOLDER))
    }

    /// Runs `attempt` unless failed attempts make it wait; a wrong passphrase counts as a
    /// failure and sets the wait.
    fn try_passphrase<T>(
        &self,
        now: Instant,
        attempt: impl FnOnce() -> AppResult<T>,
    ) -> AppResult<T> {
        let wait = retry_after(self.lock_state().retry_at, now);
        if wait > 0 {
            return Err(AppError::UnlockThrottled {
                retry_after_secs: wait,
            });
        }
        match attempt() {
            Err(AppError::WrongPassphrase { .. }) => {
                let mut state = self.lock_state();
                state.failures = state.failures.saturating_add(1);
                let delay = unlock_delay(state.failures);
                state.retry_at = Some(now + delay);
                tracing::warn!(failures = state.failures, "passphrase refused");
                Err(AppError::WrongPassphrase {
                    retry_after_secs: delay.as_secs(),
                })
            }
            other => other,
        }
    }

    /// Closes the vault: the connection, and with it the key, is dropped.
    pub fn lock(&self) {
        if self.lock_state().vault.take().is_some() {
            tracing::info!("vault locked");
        }
    }

    /// Notes that the officer is at work, which postpones the automatic lock.
    pub fn touch(&self, now: Instant) {
        self.lock_state().last_activity = now;
    }

    /// Locks the vault when it has been idle for the auto-lock time; true if it did.
    pub fn lock_if_idle(&self, now: Instant) -> bool {
        let mut state = self.lock_state();
        let idle = now.saturating_duration_since(state.last_activity) >= state.auto_lock;
        if idle && state.vault.take().is_some() {
            tracing::info!("vault locked after idle time");
            return true;
        }
        false
    }

    /// Runs `work` on the open vault and counts it as activity; `Locked` if it is not open.
    pub fn with_vault<T>(
        &self,
        now: Instant,
        work: impl FnOnce(&mut Vault) -> AppResult<T>,
    ) -> AppResult<T> {
        let mut state = self.lock_state();
        state.last_activity = now;
        let vault = state.vault.as_mut().ok_or(AppError::Locked)?;
        // Amendments whose effective date has come take effect before anything is read or
        // done, so every deadline uses the terms that apply now (art. 10.2).
        amendments::apply_due(vault.conn(), clock::now())?;
        work(vault)
    }

    /// Saves validated settings and applies the new auto-lock time at once.
    pub fn save_settings(&self, input: &Settings, now: Instant) -> AppResult<Settings> {
        let valid = check_settings(input)?;
        self.with_vault(now, |vault| settings::save(vault.conn(), &valid))?;
        self.lock_state().auto_lock = minutes(valid.auto_lock_minutes);
        Ok(valid)
    }

    /// Changes the passphrase after checking the current one and the new one typed twice.
    pub fn change_passphrase(
        &self,
        current: &str,
        new: &str,
        confirm: &str,
        now: Instant,
    ) -> AppResult<()> {
        let mut errors = Errors::default();
        check_passphrase_change(&mut errors, current, new, confirm);
        errors.finish(())?;
        self.with_vault(now, |vault| vault.change_passphrase(current, new, |_| {}))
    }

    /// Saves the interface language for the locked screens too.
    pub fn set_interface_language(&self, language: Language) -> AppResult<()> {
        preferences::write(
            &self.dir,
            &preferences::Preferences {
                interface_language: language,
            },
        )
    }

    fn opened(&self, vault: Vault, auto_lock_minutes: u32, now: Instant) {
        let mut state = self.lock_state();
        state.vault = Some(vault);
        state.failures = 0;
        state.retry_at = None;
        state.last_activity = now;
        state.auto_lock = minutes(auto_lock_minutes);
    }

    fn lock_state(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere must not make the vault unreachable: take the state as it is.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn minutes(minutes: u32) -> Duration {
    Duration::from_secs(u64::from(minutes) * 60)
}

fn retry_after(retry_at: Option<Instant>, now: Instant) -> u64 {
    retry_at.map_or(0, |at| {
        let wait = at.saturating_duration_since(now);
        wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
    })
}
