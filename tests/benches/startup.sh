#!/usr/bin/env bash
# Cold start to the first screen, and idle memory (PSS of the app and its WebKit processes),
# of DPA Desk against an empty Tauri 2 window built the same way (release, custom-protocol),
# plus the unlock time. Run under a display (the Makefile's `make bench` uses xvfb-run).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -n "${DISPLAY:-}" ] || exec xvfb-run -a "$0" "$@"
RUNS=${RUNS:-7}
cargo build --release --features tauri/custom-protocol --bin dpa-desk --example empty_window --example vault_timing 2>&1 | tail -1
bin=target/release
vault=$(mktemp -d)
$bin/examples/vault_timing "$vault" > /tmp/dpa-vault-timing.txt

descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
pss_kib() {
  local total=0 p v
  for p in "$1" $(descendants "$1"); do
    v=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

# measure NAME CMD...: prints "NAME start_ms pss_kib" per run
measure() {
  local name=$1; shift
  for _ in $(seq "$RUNS"); do
    local out; out=$(mktemp)
    local t0; t0=$(date +%s%N)
    DPA_DESK_STARTUP_PROBE=1 "$@" >"$out" 2>/dev/null &
    local pid=$!
    local waited=0
    until grep -q 'startup-probe: first-screen' "$out"; do
      sleep 0.005; waited=$((waited + 1))
      [ "$waited" -lt 6000 ] || { echo "$name never showed its first screen" >&2; kill "$pid"; exit 1; }
    done
    local t1; t1=$(date +%s%N)
    sleep "${IDLE_SECONDS:-5}"
    echo "$name $(( (t1 - t0) / 1000000 )) $(pss_kib $pid)"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -f "$out"
  done
}

results=$(mktemp)
measure app $bin/dpa-desk --data-dir "$vault" >>"$results"
measure empty $bin/examples/empty_window >>"$results"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
app_ms=$(awk '$1=="app" {print $2}' "$results" | median)
empty_ms=$(awk '$1=="empty" {print $2}' "$results" | median)
app_kib=$(awk '$1=="app" {print $3}' "$results" | median)
empty_kib=$(awk '$1=="empty" {print $3}' "$results" | median)
size=$(stat -c %s $bin/dpa-desk)

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"); median of $RUNS runs"
printf '%-34s %10s %10s %8s\n' "measure" "DPA Desk" "empty" "ratio"
printf '%-34s %10s %10s %8s\n' "start to first screen (ms)" "$app_ms" "$empty_ms" "$(awk "BEGIN {printf \"%.2f\", $app_ms/$empty_ms}")"
printf '%-34s %10s %10s %8s\n' "idle PSS, app + WebKit (MiB)" "$((app_kib/1024))" "$((empty_kib/1024))" "$(awk "BEGIN {printf \"%.2f\", $app_kib/$empty_kib}")"
printf '%-34s %10s\n' "Argon2id key derivation (ms)" "$(awk '/kdf_ms/ {print $2}' /tmp/dpa-vault-timing.txt)"
printf '%-34s %10s\n' "unlock: KDF + open + migrate (ms)" "$(awk '/unlock_ms/ {print $2}' /tmp/dpa-vault-timing.txt)"
printf '%-34s %10s\n' "release binary (MB)" "$(awk "BEGIN {printf \"%.1f\", $size/1000000}")"
rm -rf "$vault" "$results"
