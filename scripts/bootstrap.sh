#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test sgs, then builds the
# release binary. Idempotent: packages already present are not fetched again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libopenblas-dev libpng-dev libjpeg62-turbo-dev libedit-dev pkg-config gifsicle)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "bootstrap: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
  [ -x /opt/swift/usr/bin/swift ] && export PATH="/opt/swift/usr/bin:$PATH"
fi
command -v swift >/dev/null || { echo "bootstrap: no swift toolchain on PATH" >&2; exit 1; }

swift build -c release --product sgs 2>&1 | tail -n 3
echo "bootstrap: built $(swift build -c release --show-bin-path)/sgs" >&2
