#!/usr/bin/env bash
# `npm test`: every tier this machine can run, in order. A tier that fails or cannot run fails the
# whole run (exit 1); the summary at the end names each tier and counts the tests.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d /tmp/croko-test-results.XXXXXX)
export CROKO_TEST_RESULTS="$results"
declare -a names=() statuses=() seconds=()

# run_tier NAME COMMAND... — runs one tier, records pass/fail and time.
run_tier() {
  local name=$1; shift
  echo
  echo "=== tier: $name"
  local start=$SECONDS
  if "$@"; then statuses+=(pass); else statuses+=(FAIL); fi
  names+=("$name"); seconds+=($((SECONDS - start)))
}

# vitest_in WORKSPACE TIER [extra args] — vitest with a JSON report for the summary.
vitest_in() {
  local ws=$1 tier=$2; shift 2
  npm run --silent test -w "$ws" -- --reporter=default --reporter=json \
    --outputFile.json="$CROKO_TEST_RESULTS/$tier.json" "$@"
}

run_tier typecheck npm run --silent typecheck
run_tier lint npm run --silent lint
run_tier format npx --no-install prettier --check . --log-level warn
# The repository scripts' own tests (the citation checker that the lint tier runs).
run_tier scripts npm run --silent test:scripts -- --reporter=default --reporter=json \
  --outputFile.json="$CROKO_TEST_RESULTS/scripts.json"
# The benchmarks' own code (statistics, result tables, query-plan checks); the benchmarks are not tests.
run_tier bench-units npm run --silent test:bench -- --reporter=default --reporter=json \
  --outputFile.json="$CROKO_TEST_RESULTS/bench-units.json"
run_tier shared vitest_in packages/shared shared
run_tier telnyx-sim scripts/with-loopback-netns.sh bash -c "$(declare -f vitest_in); vitest_in packages/telnyx-sim telnyx-sim"
run_tier api-pglite env -u DATABASE_URL bash -c "$(declare -f vitest_in); vitest_in apps/api api-pglite"
run_tier api-postgres scripts/with-postgres.sh bash -c "$(declare -f vitest_in); vitest_in apps/api api-postgres"
# The admin console end to end: built console, real API, telnyx-sim, Chromium (loopback only).
run_tier admin scripts/with-loopback-netns.sh bash -c "$(declare -f vitest_in); vitest_in apps/admin admin"
# The desktop's services and units run files in parallel; its end-to-end files (real Chromium, real
# SDK, npm start) measure time-sensitive behaviour, so they run one file at a time.
desktop_e2e=(test/e2e test/telephony test/start)
run_tier desktop scripts/with-loopback-netns.sh scripts/with-keyring.sh \
  bash -c "$(declare -f vitest_in); vitest_in apps/desktop desktop $(printf -- '--exclude %s/** ' "${desktop_e2e[@]}")"
run_tier desktop-e2e scripts/with-loopback-netns.sh scripts/with-keyring.sh \
  bash -c "$(declare -f vitest_in); vitest_in apps/desktop desktop-e2e --no-file-parallelism ${desktop_e2e[*]}"

echo
echo "=== summary"
failed_tiers=0
for i in "${!names[@]}"; do
  printf '  %-14s %-5s %4ss\n' "${names[$i]}" "${statuses[$i]}" "${seconds[$i]}"
  [ "${statuses[$i]}" = pass ] || failed_tiers=$((failed_tiers + 1))
done
node scripts/summarize-vitest.mjs "$results" || failed_tiers=$((failed_tiers + 1))
if [ "$failed_tiers" -gt 0 ]; then
  echo "$failed_tiers tier(s) failed"
  exit 1
fi
echo "all tiers passed"
