#!/usr/bin/env bash
# Runs the whole test suite (debug build) and ends with one summary line for the
# whole run: `tests: N passed, N failed, N skipped`.
# Extra arguments go to `swift test` (e.g. --filter TensorTests).
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift test --disable-swift-testing "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Every test case ends with one "Test Case '...' passed|failed|skipped" line; counting
# those covers the whole run whatever the suites' "Executed" totals look like (a
# total with skips reads "Executed 235 tests, with 2 tests skipped and 0 failures").
passed=$(grep -cE "^Test Case '.*' passed" "$log" || true)
failed=$(grep -cE "^Test Case '.*' failed" "$log" || true)
skipped=$(grep -cE "^Test Case '.*' skipped" "$log" || true)
if [ $((passed + failed + skipped)) -gt 0 ]; then
  echo "tests: $passed passed, $failed failed, $skipped skipped"
elif [ "$status" -ne 0 ]; then
  echo "tests: 0 passed, 1 failed (the build or the test runner failed)"
fi
exit "$status"
