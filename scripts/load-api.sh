#!/usr/bin/env bash
# Load test of the JSON API v1 (make load-api, issue 11 acceptance 5): wrk against
# GET /api/v1/organisations/{id}/rdvs over one month of the 30-agent organisation (≈100 000 RDVs a
# year; `seed-agent-load`), beside the bare /hello endpoint of the same app in the same run.
# Authenticated as an admin of that organisation through POST /api/v1/auth/sign_in (token headers).
#   LOAD_CONNECTIONS (32), LOAD_DURATION (20s), LOAD_PORT (5082), LOAD_APP_DLL (the Release build)
DEFAULT_PORT=5082 DEFAULT_CONNECTIONS=32
# shellcheck source=scripts/load-common.sh
source "$(dirname "$0")/load-common.sh"

ConnectionStrings__Postgres="$PG" dotnet "$APP_DLL" seed-agent-load >/dev/null

ASPNETCORE_ENVIRONMENT=Production FORCE_HTTPS=false LOG_LEVEL=Warning RATE_LIMIT_API_PER_MINUTE=100000000 \
ConnectionStrings__Postgres="$PG" ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
  dotnet "$APP_DLL" --urls "http://127.0.0.1:$PORT" --contentRoot "$(pwd)/src/Web" > /tmp/rdvsp-load-api-app.log 2>&1 &
APP=$!
HEADERS=$(mktemp)
trap 'kill $APP 2>/dev/null || true; rm -f "$HEADERS"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/hello" >/dev/null && break; sleep 0.2; done

psql_q() { psql -h 127.0.0.1 -p "$PG_PORT" -U rdvsp -d "$DB" -Atc "$1"; }
base="http://127.0.0.1:$PORT"
email="agent00@charge-agents.rdv-sp.fr"
organisation=$(psql_q "select id from organisations.organisations where name = 'Solidarités Ardennes'")

curl -sf -o /dev/null -D "$HEADERS" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"Charge-Agent-2026!\"}" "$base/api/v1/auth/sign_in" \
  || { echo "API sign-in failed" >&2; exit 1; }
header() { awk -v name="$1" 'BEGIN { IGNORECASE = 1 } tolower($1) == tolower(name) ":" { sub(/\r$/, "", $2); print $2 }' "$HEADERS"; }
access_token=$(header access-token); client=$(header client); uid=$(header uid)
[ -n "$access_token" ] && [ -n "$client" ] || { echo "no token headers in the sign-in answer" >&2; exit 1; }

month_start=$(date +%Y-%m-01)
month_end=$(date -d "$month_start +1 month -1 day" +%F)
rdvs_url="$base/api/v1/organisations/$organisation/rdvs?starts_after=$month_start&starts_before=$month_end"
auth=(-H "access-token: $access_token" -H "client: $client" -H "uid: $uid")

run() { # name url
  curl -sf -o /dev/null "${auth[@]}" "$2" || { echo "$2 does not answer 200" >&2; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d3s "${auth[@]}" "$2" >/dev/null 2>&1 || true
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s "${auth[@]}" -s scripts/wrk-report.lua "$2" 2>&1 | grep '^RESULT' | sed "s/^RESULT/$1/"
}

rows=$(psql_q "select count(*) from booking.rdvs where organisation_id = $organisation and starts_at >= '$month_start' and starts_at < date '$month_end' + 1")
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); .NET $(dotnet --version); wrk -t2 -c$CONNECTIONS -d$DURATION; $(date -u +%FT%TZ); $rows RDVs in the month, pages of $(curl -sf "${auth[@]}" "$rdvs_url" | grep -o '"per_page":[0-9]*' | head -1)"
run hello "$base/hello"
run api-rdvs-month-page1 "$rdvs_url"
run api-rdvs-month-page5 "$rdvs_url&page=5"
