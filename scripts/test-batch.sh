#!/usr/bin/env bash
# `sgs batch` on GNU parallel, for real: three tiny trainings, one input corrupt, two
# jobs at a time. The corrupt one fails alone, a second run skips the finished jobs,
# and `sgs report` lists all three. Installs Debian's `parallel` when missing (as root).
source "$(dirname "$0")/batch-fixture.sh"
trap 'rm -rf "$WORK"' EXIT

if ! command -v parallel >/dev/null || ! parallel --version 2>/dev/null | grep -q "GNU parallel"; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "test-batch: skipped: GNU parallel is not installed and installing it needs root" >&2
        exit 0
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq parallel >/dev/null \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq parallel >/dev/null; }
fi

make_inputs 10
RUNS="$WORK/runs"
cd "$WORK"
set +e
"$SGS" batch tiny.sgs a.png corrupt.png b.png --out runs --jobs 2 > first.txt 2>&1
status=$?
set -e
cat first.txt
[ $status -eq 70 ] || fail "a batch with a failed job exits 70, got $status"
grep -q "with GNU parallel, 2 at a time" first.txt || fail "GNU parallel was not used"
[ "$(status_of "$RUNS" a)" = done ] || fail "a is not done"
[ "$(status_of "$RUNS" b)" = done ] || fail "b is not done"
[ "$(status_of "$RUNS" corrupt)" = failed ] || fail "corrupt did not fail"
grep -q "corrupt or truncated PNG" "$RUNS/corrupt/log.txt" || fail "the corrupt job's log does not say why"
grep -q "3 jobs: 2 done, 1 failed" first.txt || fail "no summary table"
pass "the corrupt input failed alone"

set +e
"$SGS" batch tiny.sgs a.png corrupt.png b.png --out runs --jobs 2 > second.txt 2>&1
status=$?
set -e
[ $status -eq 70 ] || fail "the second run exits 70, got $status"
[ "$(grep -c "skipped (done before)" second.txt)" -eq 2 ] || { cat second.txt; fail "the finished jobs were not skipped"; }
[ "$(attempts_of "$RUNS" a)" -eq 1 ] || fail "a ran again"
[ "$(attempts_of "$RUNS" corrupt)" -eq 2 ] || fail "the failed job was not tried again"
pass "done jobs are skipped, failed ones tried again"

"$SGS" report runs > report.txt
cat report.txt
[ "$(wc -l < report.txt)" -eq 4 ] || fail "the report has a header and three rows"
grep -Eq "^a +done +[0-9.]+ +4/4 +[0-9.]+" report.txt || fail "a's row lacks its scales and score"
grep -Eq "^corrupt +failed" report.txt || fail "the failed job is not in the report"
[ -s runs/report.png ] || fail "no contact sheet"
"$SGS" report runs --csv | grep -q "^b,done," || fail "CSV report"
"$SGS" report runs --json | grep -q '"swd"' || fail "JSON report"
set +e
"$SGS" batch --status runs > /dev/null
status=$?
set -e
[ $status -eq 70 ] || fail "--status exits 70 while a job has failed, got $status"
pass "report: table, CSV, JSON and contact sheet"
