#!/usr/bin/env bash
# Runs the whole test suite once under AddressSanitizer (docs/fuzzing.md), in its own build
# folder so the normal debug build is left alone. Ends with scripts/test.sh's summary line.
# Extra arguments go to `swift test` (e.g. --filter ImagingTests).
set -uo pipefail
cd "$(dirname "$0")/.."
exec bash scripts/test.sh --sanitize=address --build-path .build/asan "$@"
