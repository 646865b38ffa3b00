#!/usr/bin/env bash
# Runs every test project and prints one closing line 'N passed, N failed[, N skipped]'.
# Arguments are passed on to dotnet test (for example --logger trx, or --filter to run a part).
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
# Everything the tests write to the temp folder goes here, and goes when the run ends.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/reportminer-test-run.XXXXXX")
# mktemp makes it private (0700); tests that run the CLI as another user (UnlistableFolderTests
# as nobody) must be able to reach their folders inside it, as under /tmp.
chmod 755 "$scratch"
trap 'rm -f "$log"; rm -rf "$scratch"' EXIT
TMPDIR="$scratch" dotnet test ReportMiner.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Each test project prints: "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, ..."
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- Failed: ' "$log" | \
  sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' | \
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # build failure or crash
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
