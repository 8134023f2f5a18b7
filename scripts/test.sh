#!/usr/bin/env bash
# Runs the whole test suite (debug build). Extra arguments go to `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift test "$@"
