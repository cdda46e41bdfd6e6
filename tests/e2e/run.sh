#!/usr/bin/env bash
# Runs the real-webview tests: tauri-driver with WebKitWebDriver, under a virtual display.
# Expects the debug binary (target/debug/dpa-desk) to be built.
set -euo pipefail
cd "$(dirname "$0")"
driver_log=$(mktemp)
# One temporary folder for the whole suite, the app's own temporary files included: after the
# tests, leaks.mjs scans all of it for the personal data the tests typed.
TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/dpa-desk-e2e-suite.XXXXXX")
export TMPDIR
# The desktop's opener and its defaults, as stand-ins that record what the app opens.
PATH="$PWD/bin:$PATH"
export PATH
tauri-driver --port 4444 --native-driver /usr/bin/WebKitWebDriver >"$driver_log" 2>&1 &
driver=$!
trap 'kill $driver 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -s http://127.0.0.1:4444/status >/dev/null 2>&1 && break
  sleep 0.2
done
node --test --test-concurrency=1 --test-reporter=spec app.test.mjs breach.test.mjs ap_form.test.mjs amendments.test.mjs oversight.test.mjs requests.test.mjs import.test.mjs records.test.mjs sub_processing.test.mjs mail.test.mjs trust.test.mjs scale.test.mjs || { echo "--- tauri-driver log"; tail -50 "$driver_log"; exit 1; }
node leaks.mjs "$TMPDIR"
rm -rf "$TMPDIR"
