//! The settings row inside the vault.

use rusqlite::Connection;

use crate::domain::settings::{Processor, Settings};
use crate::error::AppResult;

/// The vault's settings (there is always exactly one row after creation).
pub fn get(conn: &Connection) -> AppResult<Settings> {
    Ok(conn.query_row(
        "SELECT officer_name, processor_name, processor_address, processor_kvk_number,
                processor_privacy_contact, processor_email, auto_lock_minutes, export_folder,
                first_notice_target_hours, backups_to_keep, covering_text_nl, covering_text_en
         FROM settings WHERE id = 1",
        [],
        |row| {
            Ok(Settings {
                officer_name: row.get(0)?,
                processor: Processor {
                    name: row.get(1)?,
                    address: row.get(2)?,
                    kvk_number: row.get(3)?,
                    privacy_contact: row.get(4)?,
                    email: row.get(5)?,
                },
                auto_lock_minutes: row.get(6)?,
                export_folder: row.get(7)?,
                first_notice_target_hours: row.get(8)?,
                backups_to_keep: row.get(9)?,
                covering_text_nl: row.get(10)?,
                covering_text_en: row.get(11)?,
            })
        },
    )?)
}

/// Saves validated settings.
pub fn save(conn: &Connection, settings: &Settings) -> AppResult<()> {
    let p = &settings.processor;
    conn.execute(
        "INSERT INTO settings (id, officer_name, processor_name, processor_address,
            processor_kvk_number, processor_privacy_contact, processor_email, auto_lock_minutes,
            export_folder, first_notice_target_hours, backups_to_keep, covering_text_nl,
            covering_text_en)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (id) DO UPDATE SET officer_name = ?1, processor_name = ?2,
            processor_address = ?3, processor_kvk_number = ?4, processor_privacy_contact = ?5,
            processor_email = ?6, auto_lock_minutes = ?7, export_folder = ?8,
            first_notice_target_hours = ?9, backups_to_keep = ?10, covering_text_nl = ?11,
            covering_text_en = ?12",
        (
            &settings.officer_name,
            &p.name,
            &p.address,
            &p.kvk_number,
            &p.privacy_contact,
            &p.email,
            settings.auto_lock_minutes,
            &settings.export_folder,
            settings.first_notice_target_hours,
            settings.backups_to_keep,
            &settings.covering_text_nl,
            &settings.covering_text_en,
        ),
    )?;
    Ok(())
}
