//! The webview may call our commands and nothing else: the capability allows exactly the
//! commands the app registers (plus listening for its events), and the CSP is strict. A test
//! here fails when either is widened.

use std::collections::BTreeSet;

fn config() -> serde_json::Value {
    serde_json::from_str(include_str!("../tauri.conf.json")).unwrap()
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
    let mut expected: BTreeSet<String> = dpa_desk::COMMANDS
        .iter()
        .map(|name| format!("allow-{}", name.replace('_', "-")))
        .collect();
    expected.insert("core:event:allow-listen".into());
    expected.insert("core:event:allow-unlisten".into());
    assert!(dpa_desk::COMMANDS.len() >= 20);
    assert!(dpa_desk::COMMANDS.contains(&"unlock_vault"));
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
