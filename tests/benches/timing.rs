//! Shared by the bench binaries (each uses what it needs).
#![allow(dead_code)]

use std::time::Instant;

/// The median wall time of `runs` runs, in milliseconds.
pub fn median_ms(runs: usize, mut run: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// The machine and the table head every bench prints first; `width` is the measure column's.
pub fn print_head(width: usize) {
    println!(
        "machine: {} cores; release build",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("{:<width$} {:>12}", "measure", "result");
}
