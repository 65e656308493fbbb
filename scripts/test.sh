#!/usr/bin/env bash
# Builds once, runs every test project against its own database (so projects never truncate each
# other's data), and prints one summary line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results=$(mktemp -d)
# Test hosts and browsers each take inotify instances; Debian's default of 128 per user is tight.
[ "$(id -u)" -eq 0 ] && [ "$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 1024)" -lt 1024 ] \
  && sysctl -qw fs.inotify.max_user_instances=1024 2>/dev/null || true

echo "== Build"
if ! dotnet build RdvSP.sln -c Release --nologo -v quiet; then
  echo "0 passed, 1 failed"
  exit 1
fi

run_project() { # project, database
  local project=$1 db=$2
  [ -n "$db" ] && scripts/services.sh createdb "$db" test
  echo "== $project"
  RDVSP_TEST_DATABASE="$db" dotnet test "tests/$project" -c Release --no-build --nologo \
    --logger "console;verbosity=normal" --logger "trx;LogFileName=$project.trx" --results-directory "$results" \
    2>&1 | tee "$results/$project.log" | grep -E -A4 "^\s*Failed |error CS|Error Message" | grep -v "^\s*at " || true
  grep -E "Failed!|Passed!" "$results/$project.log" || true
}

run_project Domain.UnitTests ""
run_project ArchitectureTests ""
run_project Application.IntegrationTests rdvsp_it
run_project Web.FunctionalTests rdvsp_ft
run_project Web.BrowserTests rdvsp_bt

# Sum the counts from the TRX files (one per project); a project that did not run counts as a failure.
passed=0; failed=0
for project in Domain.UnitTests ArchitectureTests Application.IntegrationTests Web.FunctionalTests Web.BrowserTests; do
  trx="$results/$project.trx"
  if [ ! -f "$trx" ]; then
    echo "!! $project produced no results"; failed=$((failed + 1)); continue
  fi
  p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')
  f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')
  e=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' error="[0-9]*"' | grep -o '[0-9]*')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
  echo "   $project: ${p:-0} passed, ${f:-0} failed"
done
rm -rf "$results"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
