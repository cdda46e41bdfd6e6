#!/usr/bin/env bash
# Checks the Debian package `make package` built: the release binary is under 15 MB, every
# shared library it needs comes from a package its Depends pull in, and, with --install, it
# installs with apt-get and starts (under Xvfb) to the create-vault screen's process.
set -euo pipefail
deb=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -x "$deb" "$work/root"
binary="$work/root/usr/bin/dpa-desk"
size=$(stat -c %s "$binary")
echo "binary: $((size / 1024)) KiB"
[ "$size" -lt 15000000 ] || { echo "the release binary is 15 MB or more"; exit 1; }

depends=$(dpkg-deb -f "$deb" Depends | tr -d ' ' | tr ',' ' ')
echo "Depends: $depends"
# Every package the Depends pull in, recursively.
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $depends 2>/dev/null | grep -v '^ ' | sort -u >"$work/closure"
ldconfig -p >"$work/libraries"
for lib in $(objdump -p "$binary" | awk '/NEEDED/ {print $2}'); do
  path=$(awk -v l="$lib" '$1 == l {print $NF; exit}' "$work/libraries")
  [ -n "$path" ] || { echo "$lib: not found on this machine"; exit 1; }
  owner=$({ dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path" 2>/dev/null || true; } | sed -n '1s/:.*//p')
  if grep -qx "$owner" "$work/closure"; then
    echo "$lib: $owner (declared)"
  else
    echo "$lib: $owner is not among the package's dependencies"
    exit 1
  fi
done

if [ "${2:-}" = "--install" ]; then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$(readlink -f "$deb")" >/dev/null
  dpkg -s dpa-desk | grep -E '^(Status|Version)'
  data=$(mktemp -d)
  xvfb-run -a timeout 8 /usr/bin/dpa-desk --data-dir "$data" >"$work/run.log" 2>&1 || status=$?
  # `timeout` ends a program that is still running after 8 s with status 124: it started.
  [ "${status:-0}" = 124 ] || { cat "$work/run.log"; echo "the installed app did not stay up"; exit 1; }
  echo "installed app started and ran for 8 s"
  rm -rf "$data"
fi
echo "package ok"
