#!/usr/bin/env bash
# Runs the whole test suite once under AddressSanitizer (docs/fuzzing.md), in its own build
# folder so the normal debug build is left alone. Ends with scripts/test.sh's summary line.
# Extra arguments go to `swift test` (e.g. --filter ImagingTests).
set -uo pipefail
cd "$(dirname "$0")/.."
# Memory errors only: LeakSanitizer reports the Swift runtime's never-freed caches as leaks
# at the exit of every sgs the tests start, which turns their exit statuses into 1.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
exec bash scripts/test.sh --sanitize=address --build-path .build/asan "$@"
