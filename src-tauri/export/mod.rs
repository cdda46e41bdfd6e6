//! Exports: per customer (agreement PDF and JSON), all customers into a folder, and CSV
//! registers. Exported files are plaintext by nature: exporting is always the officer's
//! explicit act, to a place the officer chose.

pub mod amendments;
pub mod announcements;
pub mod audits;
pub mod breach_register;
pub mod csv;
pub mod customer;
pub mod disclosures;
pub mod documents;
pub mod drafts;
pub mod instructions;
pub mod letters;
pub mod notices;
pub mod processing_records;
pub mod registers;
pub mod security_documents;
pub mod service_ends;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use rusqlite::Connection;

use crate::domain::settings::export_destination;
use crate::error::{AppError, AppResult};
use crate::store::files::write_atomically;
use crate::store::settings;

/// Where a save goes: the folder the officer chose, else the export folder of the settings;
/// refused when neither is set.
pub fn destination(conn: &Connection, chosen: Option<&str>) -> AppResult<PathBuf> {
    let configured = settings::get(conn)?.export_folder;
    export_destination(chosen, &configured)?.ok_or(AppError::NoExportFolder)
}

/// Writes `bytes` as `name` into the folder the officer chose or the export folder (made
/// when missing), whole or not at all; returns its path.
pub fn save_file(
    conn: &Connection,
    chosen: Option<&str>,
    name: &str,
    bytes: &[u8],
) -> AppResult<PathBuf> {
    let target = destination(conn, chosen)?;
    std::fs::create_dir_all(&target)?;
    write_atomically(&target, name, bytes)?;
    Ok(target.join(name))
}

/// The number of cores.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Applies `work` to every item on all cores, reporting (done, total) as items finish; the
/// results keep the order of `items`.
pub fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    progress: &(impl Fn(u32, u32) + Sync),
) -> Vec<R> {
    on_threads(cores(), items, work, progress)
}

/// As [`on_every_core`], on `workers` threads: more than the cores when the work also waits
/// for the disk, so a core is not idle while its thread waits.
pub fn on_threads<T: Sync, R: Send>(
    workers: usize,
    items: &[T],
    work: impl Fn(&T) -> R + Sync,
    progress: &(impl Fn(u32, u32) + Sync),
) -> Vec<R> {
    let total = items.len() as u32;
    let done = AtomicU32::new(0);
    let chunk = items.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let (done, work) = (&done, &work);
                scope.spawn(move || {
                    part.iter()
                        .map(|item| {
                            let result = work(item);
                            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                            result
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}
