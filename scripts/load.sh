#!/usr/bin/env bash
# Load test of the public search (make load): wrk against the lieu list with next availability, the
# 7-day slot grid and the bare /hello endpoint of the same app, in the same run, on the load territory
# (département 07: one motif served by 60 lieux, 2 agents each, 6 weeks of rdvs; `seed-load`).
# Prints one line per endpoint for docs/performance.md.
#   LOAD_CONNECTIONS (100), LOAD_DURATION (20s), LOAD_PORT (5080), LOAD_APP_DLL (the Release build)
DEFAULT_PORT=5080 DEFAULT_CONNECTIONS=100
# shellcheck source=scripts/load-common.sh
source "$(dirname "$0")/load-common.sh"

ConnectionStrings__Postgres="$PG" dotnet src/Web/bin/Release/net10.0/RdvSP.Web.dll seed-load >/dev/null

# The app as in production, minus HTTPS (no TLS locally) and with rate limits out of the way.
ASPNETCORE_ENVIRONMENT=Production FORCE_HTTPS=false LOG_LEVEL=Warning \
RATE_LIMIT_PUBLIC_SEARCH_PER_MINUTE=100000000 RATE_LIMIT_API_PER_MINUTE=100000000 \
ConnectionStrings__Postgres="$PG" ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" \
  dotnet "$APP_DLL" --urls "http://127.0.0.1:$PORT" --contentRoot "$(pwd)/src/Web" > /tmp/rdvsp-load-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/hello" >/dev/null && break; sleep 0.2; done

psql_q() { psql -h 127.0.0.1 -p "$PG_PORT" -U rdvsp -d rdvsp -Atc "$1"; }
territory="t.departement_number = '07'"
service=$(psql_q "select m.service_id from organisations.motifs m join organisations.organisations o on o.id = m.organisation_id join organisations.territories t on t.id = o.territory_id where $territory limit 1")
lieu=$(psql_q "select l.id from organisations.lieux l join organisations.organisations o on o.id = l.organisation_id join organisations.territories t on t.id = o.territory_id where $territory order by l.id limit 1")
today=$(date +%F)
base="http://127.0.0.1:$PORT"
lieux_url="$base/prendre_rdv?departement=07&service_id=$service&motif_name_with_location_type=consultation_prenatale-public_office"
grid_url="$lieux_url&lieu_id=$lieu&date=$today"

run() { # name url
  curl -sf -o /dev/null "$2" || { echo "$2 does not answer 200" >&2; exit 1; }
  # Warm-up (JIT, caches, prepared statements), then the measured run.
  wrk -t2 -c"$CONNECTIONS" -d3s "$2" >/dev/null 2>&1 || true
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s scripts/wrk-report.lua "$2" 2>&1 | grep '^RESULT' | sed "s/^RESULT/$1/"
}

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); .NET $(dotnet --version); wrk -t2 -c$CONNECTIONS -d$DURATION; $(date -u +%FT%TZ); $APP_DLL"
run hello "$base/hello"
run lieux "$lieux_url"
run grid "$grid_url"
