//! Start-up measurement (`tests/benches/startup.sh`): with `DPA_DESK_STARTUP_PROBE=1` the app
//! prints one line to stdout when the page first asks for the vault status, which is the
//! moment before the first screen is painted.

use std::sync::Once;

static FIRST: Once = Once::new();

pub fn first_status() {
    if std::env::var_os("DPA_DESK_STARTUP_PROBE").is_some() {
        FIRST.call_once(|| println!("startup-probe: first-screen"));
    }
}
