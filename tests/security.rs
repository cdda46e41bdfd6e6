//! The webview may call our commands and nothing else: the capability allows exactly the
//! commands the app registers (plus listening for its events), and the CSP is strict. A test
//! here fails when either is widened.

use std::collections::BTreeSet;

fn config() -> serde_json::Value {
    serde_json::from_str(include_str!("../tauri.conf.json")).unwrap()
}

/// The commands the app registers, read the same way build.rs reads them.
fn registered_commands() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for entry in
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src-tauri/commands")).unwrap()
    {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut pending = false;
        for line in source.lines().map(str::trim) {
            if line.starts_with("#[tauri::command") {
                pending = true;
            } else if pending && line.contains("fn ") {
                let name: String = line
                    .split("fn ")
                    .nth(1)
                    .unwrap()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                names.insert(name);
                pending = false;
            }
        }
    }
    names
}

#[test]
fn the_one_capability_allows_exactly_our_commands() {
    let config = config();
    let capabilities = config["app"]["security"]["capabilities"]
        .as_array()
        .unwrap();
    assert_eq!(capabilities.len(), 1, "exactly one capability");
    let capability = &capabilities[0];
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert!(
        capability.get("remote").is_none(),
        "no remote origin may call commands"
    );
    let permissions: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_str()
                .expect("plain permission identifiers only")
                .to_string()
        })
        .collect();
    let mut expected: BTreeSet<String> = registered_commands()
        .into_iter()
        .map(|name| format!("allow-{}", name.replace('_', "-")))
        .collect();
    expected.insert("core:event:allow-listen".into());
    expected.insert("core:event:allow-unlisten".into());
    assert!(registered_commands().len() >= 10);
    assert_eq!(permissions, expected);
}

#[test]
fn the_csp_allows_nothing_remote_and_no_eval_or_inline_script() {
    let config = config();
    let csp = &config["app"]["security"]["csp"];
    let expected = serde_json::json!({
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "ipc: http://ipc.localhost",
        "object-src": "'none'",
        "base-uri": "'none'",
        "form-action": "'none'",
        "frame-ancestors": "'none'"
    });
    assert_eq!(csp, &expected);
    let security = &config["app"]["security"];
    assert!(security
        .get("dangerousDisableAssetCspModification")
        .is_none());
    assert!(security.get("devCsp").is_none());
    assert_eq!(config["app"]["withGlobalTauri"], false);
}

#[test]
fn no_plugin_is_used() {
    let manifest = include_str!("../Cargo.toml");
    assert!(
        !manifest.contains("tauri-plugin"),
        "files go through our own commands"
    );
}
