#!/usr/bin/env bash
# Load test of the public search on the seeded demo data (make load): wrk against the slot grid, the
# lieu list with next availability, and the bare /hello endpoint of the same app, in the same run.
# Prints a Markdown table for docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo; $sudo_cmd apt-get install -y -qq wrk >/dev/null; }

PORT=${LOAD_PORT:-5080}
DURATION=${LOAD_DURATION:-20s}
CONNECTIONS=${LOAD_CONNECTIONS:-32}
PG="Host=127.0.0.1;Port=5433;Username=rdvsp;Password=rdvsp;Database=rdvsp"
export PGPASSWORD=rdvsp

# The app as in production, minus HTTPS (no TLS locally) and with rate limits out of the way.
ASPNETCORE_ENVIRONMENT=Production FORCE_HTTPS=false LOG_LEVEL=Warning \
RATE_LIMIT_PUBLIC_SEARCH_PER_MINUTE=100000000 RATE_LIMIT_API_PER_MINUTE=100000000 \
ConnectionStrings__Postgres="$PG" \
  dotnet src/Web/bin/Release/net10.0/RdvSP.Web.dll --urls "http://127.0.0.1:$PORT" --contentRoot "$(pwd)/src/Web" > /tmp/rdvsp-load-app.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/hello" >/dev/null && break; sleep 0.2; done

psql_q() { psql -h 127.0.0.1 -p 5433 -U rdvsp -d rdvsp -Atc "$1"; }
service=$(psql_q "select service_id from organisations.motifs where name = 'Consultation prénatale' limit 1")
lieu=$(psql_q "select l.id from organisations.lieux l where l.name = 'MDS Valence Centre' limit 1")
slug="consultation_prenatale-public_office"
today=$(date +%F)
base="http://127.0.0.1:$PORT"
lieux_url="$base/prendre_rdv?departement=26&service_id=$service&motif_name_with_location_type=$slug"
grid_url="$lieux_url&lieu_id=$lieu&date=$today"

run() { # name url
  curl -sf -o /dev/null "$2" || { echo "$2 does not answer 200" >&2; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s -s scripts/wrk-report.lua "$2" 2>&1 | grep '^RESULT' | sed "s/^RESULT/$1/"
}

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores; .NET $(dotnet --version); wrk -t2 -c$CONNECTIONS -d$DURATION; date $(date -u +%FT%TZ)"
run hello "$base/hello"
run lieux "$lieux_url"
run grid "$grid_url"
