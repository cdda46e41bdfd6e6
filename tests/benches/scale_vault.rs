//! `cargo run --example scale_vault -- DIR`: fills a new vault in DIR at the size of a large
//! processor (see `scale.rs`), for the real-webview smoke test at scale. The passphrase is
//! `scale::PASSPHRASE`.

#[path = "scale.rs"]
mod scale;

fn main() {
    let dir = std::env::args_os().nth(1).expect("usage: scale_vault DIR");
    let start = std::time::Instant::now();
    drop(scale::generate_vault(
        std::path::Path::new(&dir),
        scale::FULL,
    ));
    println!("vault generated in {:.1} s", start.elapsed().as_secs_f64());
}
