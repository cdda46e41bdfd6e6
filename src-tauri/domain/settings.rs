//! The processor's details, the officer and the app's settings, and creating a vault.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::covering_text::check_covering_text;
use super::passphrase::check_new_passphrase;
use super::validation::{Errors, FieldCode, FieldError};

pub const AUTO_LOCK_MINUTES: std::ops::RangeInclusive<u32> = 1..=240;
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 10;
/// Hours from discovery to the first breach notice, when an agreement names none.
pub const FIRST_NOTICE_TARGET_HOURS: std::ops::RangeInclusive<u32> = 1..=720;
pub const DEFAULT_FIRST_NOTICE_TARGET_HOURS: u32 = 24;
/// How many automatic backups (one per unlock) are kept.
pub const BACKUPS_TO_KEEP: std::ops::RangeInclusive<u32> = 1..=100;
pub const DEFAULT_BACKUPS_TO_KEEP: u32 = 10;

/// The organisation using the app: the processor (*verwerker*).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Processor {
    pub name: String,
    pub address: String,
    pub kvk_number: String,
    /// Privacy contact or data protection officer.
    pub privacy_contact: String,
    pub email: String,
}

impl Processor {
    /// The domain of the processor's e-mail address (`wolkwerk.example`), which names us
    /// in Message-IDs and to the mail server; `None` without an address.
    pub fn mail_domain(&self) -> Option<&str> {
        self.email.rsplit_once('@').map(|(_, domain)| domain.trim())
    }
}

/// The settings kept inside the vault.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    pub officer_name: String,
    pub processor: Processor,
    pub auto_lock_minutes: u32,
    /// Our internal target for the first breach notice, for customers whose agreement terms
    /// name none.
    pub first_notice_target_hours: u32,
    /// Where exports go without asking; empty means "ask every time".
    pub export_folder: String,
    /// The newest automatic backups kept; older ones are removed.
    pub backups_to_keep: u32,
    /// The officer's covering text for e-mailed documents in Dutch and in English, with
    /// `{subject}`, `{processor}` and `{contact}`; empty means the built-in text.
    pub covering_text_nl: String,
    pub covering_text_en: String,
}

/// The create-vault form.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewVault {
    pub officer_name: String,
    pub passphrase: String,
    pub passphrase_confirm: String,
    pub processor: Processor,
}

/// Checks settings and returns them cleaned up.
pub fn check_settings(input: &Settings) -> Result<Settings, Vec<FieldError>> {
    let mut errors = Errors::default();
    let settings = settings_fields(&mut errors, input);
    errors.finish(settings)
}

/// Checks the create-vault form; returns the settings the vault starts with.
pub fn check_new_vault(input: &NewVault) -> Result<Settings, Vec<FieldError>> {
    let mut errors = Errors::default();
    check_new_passphrase(
        &mut errors,
        "passphrase",
        &input.passphrase,
        &input.passphrase_confirm,
    );
    let settings = settings_fields(
        &mut errors,
        &Settings {
            officer_name: input.officer_name.clone(),
            processor: input.processor.clone(),
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            first_notice_target_hours: DEFAULT_FIRST_NOTICE_TARGET_HOURS,
            export_folder: String::new(),
            backups_to_keep: DEFAULT_BACKUPS_TO_KEEP,
            covering_text_nl: String::new(),
            covering_text_en: String::new(),
        },
    );
    errors.finish(settings)
}

/// Checks every setting into `errors`; the settings as they are to be kept.
fn settings_fields(errors: &mut Errors, input: &Settings) -> Settings {
    if !AUTO_LOCK_MINUTES.contains(&input.auto_lock_minutes) {
        errors.add("auto_lock_minutes", FieldCode::OutOfRange);
    }
    if !FIRST_NOTICE_TARGET_HOURS.contains(&input.first_notice_target_hours) {
        errors.add("first_notice_target_hours", FieldCode::OutOfRange);
    }
    if !BACKUPS_TO_KEEP.contains(&input.backups_to_keep) {
        errors.add("backups_to_keep", FieldCode::OutOfRange);
    }
    let p = &input.processor;
    Settings {
        officer_name: errors.text("officer_name", &input.officer_name, true, 200),
        processor: Processor {
            name: errors.text("processor.name", &p.name, true, 200),
            address: errors.text("processor.address", &p.address, false, 500),
            kvk_number: errors.kvk("processor.kvk_number", &p.kvk_number),
            privacy_contact: errors.text(
                "processor.privacy_contact",
                &p.privacy_contact,
                false,
                200,
            ),
            email: errors.email("processor.email", &p.email, false),
        },
        auto_lock_minutes: input.auto_lock_minutes,
        first_notice_target_hours: input.first_notice_target_hours,
        backups_to_keep: input.backups_to_keep,
        export_folder: check_folder(errors, "export_folder", &input.export_folder),
        covering_text_nl: check_covering_text(errors, "covering_text_nl", &input.covering_text_nl),
        covering_text_en: check_covering_text(errors, "covering_text_en", &input.covering_text_en),
    }
}

/// The folder an export goes to: required, and an absolute path.
pub fn export_target(field: &str, value: &str) -> Result<std::path::PathBuf, Vec<FieldError>> {
    let mut errors = Errors::default();
    let folder = check_folder(&mut errors, field, value);
    if folder.is_empty() && !errors.has(field) {
        errors.add(field, FieldCode::Required);
    }
    errors.finish(std::path::PathBuf::from(folder))
}

/// Where an export goes: the folder the officer chose for it, else the export folder of the
/// settings; `None` when neither is set.
pub fn export_destination(
    chosen: Option<&str>,
    configured: &str,
) -> Result<Option<std::path::PathBuf>, Vec<FieldError>> {
    match chosen.filter(|folder| !folder.trim().is_empty()) {
        Some(folder) => export_target("folder", folder).map(Some),
        None if configured.is_empty() => Ok(None),
        None => Ok(Some(std::path::PathBuf::from(configured))),
    }
}

/// An optional folder, which must be an absolute path.
fn check_folder(errors: &mut Errors, field: &str, value: &str) -> String {
    let folder = errors.text(field, value, false, 1000);
    if !folder.is_empty() && !std::path::Path::new(&folder).is_absolute() {
        errors.add(field, FieldCode::NotAbsolutePath);
    }
    folder
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_vault() -> NewVault {
        NewVault {
            officer_name: "Fatima El Amrani".into(),
            passphrase: "lang genoeg wachtwoord".into(),
            passphrase_confirm: "lang genoeg wachtwoord".into(),
            processor: Processor {
                name: "Wolkwerk B.V.".into(),
                address: "Kade 4, Zwolle".into(),
                kvk_number: "87654321".into(),
                privacy_contact: "FG: J. Jansen".into(),
                email: "privacy@wolkwerk.example".into(),
            },
        }
    }

    use crate::domain::validation::codes;

    #[test]
    fn a_complete_form_gives_default_settings() {
        let settings = check_new_vault(&new_vault()).unwrap();
        assert_eq!(settings.auto_lock_minutes, DEFAULT_AUTO_LOCK_MINUTES);
        assert_eq!(settings.processor.name, "Wolkwerk B.V.");
    }

    #[test]
    fn officer_and_processor_name_are_required() {
        let mut input = new_vault();
        input.officer_name = "".into();
        input.processor.name = " ".into();
        assert_eq!(
            codes(check_new_vault(&input)),
            vec![
                ("officer_name".into(), FieldCode::Required),
                ("processor.name".into(), FieldCode::Required)
            ]
        );
    }

    #[test]
    fn passphrase_and_processor_details_are_checked_together() {
        let mut input = new_vault();
        input.passphrase = "short".into();
        input.processor.kvk_number = "123".into();
        input.processor.email = "privacy at wolkwerk".into();
        assert_eq!(
            codes(check_new_vault(&input)),
            vec![
                ("passphrase".into(), FieldCode::PassphraseTooShort),
                ("passphrase_confirm".into(), FieldCode::PassphraseMismatch),
                ("processor.kvk_number".into(), FieldCode::InvalidKvk),
                ("processor.email".into(), FieldCode::InvalidEmail),
            ]
        );
    }

    #[test]
    fn auto_lock_must_be_between_one_minute_and_four_hours() {
        let mut settings = check_new_vault(&new_vault()).unwrap();
        for bad in [0, 241] {
            settings.auto_lock_minutes = bad;
            assert_eq!(
                codes(check_settings(&settings)),
                vec![("auto_lock_minutes".into(), FieldCode::OutOfRange)]
            );
        }
        settings.auto_lock_minutes = 240;
        assert!(check_settings(&settings).is_ok());
    }

    #[test]
    fn an_export_needs_an_absolute_folder() {
        assert_eq!(
            codes(export_target("folder", "")),
            vec![("folder".into(), FieldCode::Required)]
        );
        assert_eq!(
            codes(export_target("folder", "exports")),
            vec![("folder".into(), FieldCode::NotAbsolutePath)]
        );
        assert_eq!(
            export_target("folder", " /tmp/x ").unwrap(),
            std::path::PathBuf::from("/tmp/x")
        );
    }

    #[test]
    fn a_chosen_folder_wins_over_the_settings_folder() {
        let to = |p: &str| Ok(Some(std::path::PathBuf::from(p)));
        assert_eq!(
            export_destination(Some("/chosen"), "/settings"),
            to("/chosen")
        );
        assert_eq!(export_destination(Some(" "), "/settings"), to("/settings"));
        assert_eq!(export_destination(None, "/settings"), to("/settings"));
        assert_eq!(export_destination(None, ""), Ok(None));
        assert_eq!(
            codes(export_destination(Some("relatief"), "/settings")),
            vec![("folder".into(), FieldCode::NotAbsolutePath)]
        );
    }

    #[test]
    fn the_export_folder_is_empty_or_absolute() {
        let mut settings = check_new_vault(&new_vault()).unwrap();
        settings.export_folder = "exports".into();
        assert_eq!(
            codes(check_settings(&settings)),
            vec![("export_folder".into(), FieldCode::NotAbsolutePath)]
        );
        settings.export_folder = "/home/fatima/Exports".into();
        assert!(check_settings(&settings).is_ok());
    }
}
