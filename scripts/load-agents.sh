#!/usr/bin/env bash
# Load test of the agent space (make load-agents, issue 8): wrk against an agent's week feed of the
# agenda and the RDV list, beside the bare /hello endpoint of the same app in the same run, on the
# 30-agent organisation with one year of RDVs (≈100 000; `seed-agent-load`). Signed in as a basic
# agent through the real sign-in form; prints one line per endpoint for docs/performance.md, and the
# plans of the feed's and the list's main queries.
#   LOAD_CONNECTIONS (32), LOAD_DURATION (20s), LOAD_PORT (5081), LOAD_APP_DLL (the Release build)
DEFAULT_PORT=5081 DEFAULT_CONNECTIONS=32
# shellcheck source=scripts/load-common.sh
source "$(dirname "$0")/load-common.sh"

ConnectionStrings__Postgres="$PG" dotnet src/Web/bin/Release/net10.0/RdvSP.Web.dll seed-agent-load >/dev/null

ASPNETCORE_ENVIRONMENT=Production FORCE_HTTPS=false LOG_LEVEL=Warning \
ConnectionStrings__Postgres="$PG" ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
  dotnet "$APP_DLL" --urls "http://127.0.0.1:$PORT" --contentRoot "$(pwd)/src/Web" > /tmp/rdvsp-load-agents-app.log 2>&1 &
APP=$!
JAR=$(mktemp)
trap 'kill $APP 2>/dev/null || true; rm -f "$JAR"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/hello" >/dev/null && break; sleep 0.2; done

psql_q() { psql -h 127.0.0.1 -p "$PG_PORT" -U rdvsp -d "$DB" -Atc "$1"; }
base="http://127.0.0.1:$PORT"
email="agent05@charge-agents.rdv-sp.fr"
organisation=$(psql_q "select id from organisations.organisations where name = 'Solidarités Ardennes'")
agent=$(psql_q "select id from organisations.agents where email = '$email'")

# Sign in through the form (antiforgery token + cookie), then hand the agent cookie to wrk.
token=$(curl -sf -c "$JAR" -b "$JAR" "$base/agents/sign_in" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
curl -sf -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=Charge-Agent-2026!" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/agents/sign_in"
cookie=$(awk '$6 == "rdvsp.agent" { print $6 "=" $7 }' "$JAR")
[ -n "$cookie" ] || { echo "agent sign-in failed" >&2; exit 1; }

monday=$(date -d "$(date +%F) -$(( $(date +%u) - 1 )) days" +%F)
sunday=$(date -d "$monday +7 days" +%F)
feed_url="$base/admin/organisations/$organisation/agent_agendas/$agent?handler=Rdvs&start=${monday}T00:00:00&end=${sunday}T00:00:00"
background_url="$base/admin/organisations/$organisation/agent_agendas/$agent?handler=Background&start=${monday}T00:00:00&end=${sunday}T00:00:00"
list_url="$base/admin/organisations/$organisation/rdvs"

run() { # name url
  curl -sf -o /dev/null -H "Cookie: $cookie" "$2" || { echo "$2 does not answer 200" >&2; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d3s -H "Cookie: $cookie" "$2" >/dev/null 2>&1 || true
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -H "Cookie: $cookie" -s scripts/wrk-report.lua "$2" 2>&1 | grep '^RESULT' | sed "s/^RESULT/$1/"
}

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); .NET $(dotnet --version); wrk -t2 -c$CONNECTIONS -d$DURATION; $(date -u +%FT%TZ); $(psql_q "select count(*) from booking.rdvs where organisation_id = $organisation") RDVs in the organisation"
run hello "$base/hello"
run agenda-week-rdvs "$feed_url"
run agenda-week-background "$background_url"
run rdv-list "$list_url"
