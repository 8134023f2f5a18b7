#!/usr/bin/env bash
# Runs the whole test suite (debug build) and ends with one summary line.
# Extra arguments go to `swift test` (e.g. --filter TensorTests).
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift test --disable-swift-testing "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# XCTest's last "Executed N tests, with F failures" line is the whole run's total.
# With skips the line reads "Executed N tests, with S tests skipped and F failures".
total=$(grep -E "Executed [0-9]+ tests?, with ([0-9]+ tests? skipped and )?[0-9]+ failures?" "$log" | tail -n 1)
if [ -n "$total" ]; then
  run=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$total")
  failed=$(sed -E 's/.* ([0-9]+) failures?.*/\1/' <<<"$total")
  skipped=$(grep -cE "Test Case .* skipped" "$log" || true)
  echo "tests: $((run - failed - skipped)) passed, $failed failed, $skipped skipped"
fi
exit "$status"
