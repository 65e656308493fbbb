#!/usr/bin/env bash
# make drill: the reliability drill (docs/reliability.md). Builds Release, starts a PostgreSQL cluster
# and a Redis of its own (ports 5440/6390 unless DRILL_PG_PORT/DRILL_REDIS_PORT, data in .data/drill)
# and two web processes on one database, then runs tools/Drill: Redis flush and outage, PostgreSQL
# immediate stop, a web process killed, 1 000 concurrent confirmations. Exits non-zero when a check
# fails; stops everything it started, also on failure. The last run's output: .data/drill/last-run.txt.
#   scripts/drill.sh            run every drill (DRILL_ONLY=ce: only drills c and e; DRILL_LOG_LEVEL=Information: verbose web logs)
#   scripts/drill.sh ctl ACTION used by the drill itself (redis-flush|redis-stop|redis-start|pg-crash|pg-start|web-kill X|web-start X)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export RDVSP_PG_PORT=${DRILL_PG_PORT:-5440} RDVSP_REDIS_PORT=${DRILL_REDIS_PORT:-6390}
export RDVSP_DATA_DIR="$ROOT/.data/drill"
WEB_A_PORT=${DRILL_WEB_A_PORT:-5181}
WEB_B_PORT=${DRILL_WEB_B_PORT:-5182}
DB=rdvsp_drill
PG="Host=127.0.0.1;Port=$RDVSP_PG_PORT;Username=rdvsp;Password=rdvsp;Database=$DB"
REDIS="127.0.0.1:$RDVSP_REDIS_PORT"
WEB_DLL=src/Web/bin/Release/net10.0/RdvSP.Web.dll
LOGS="$RDVSP_DATA_DIR/logs"
mkdir -p "$LOGS"

web_port() { if [ "$1" = A ]; then echo "$WEB_A_PORT"; else echo "$WEB_B_PORT"; fi; }

# A web process as in production, minus HTTPS (no TLS locally) and with rate limits out of the way.
web_start() {
  local name=$1 port; port=$(web_port "$1")
  ASPNETCORE_ENVIRONMENT=Production FORCE_HTTPS=false LOG_LEVEL="${DRILL_LOG_LEVEL:-Warning}" \
  RATE_LIMIT_PUBLIC_SEARCH_PER_MINUTE=100000000 RATE_LIMIT_API_PER_MINUTE=100000000 \
  ConnectionStrings__Postgres="$PG" ConnectionStrings__Redis="$REDIS" \
    dotnet "$WEB_DLL" --urls "http://127.0.0.1:$port" --contentRoot "$ROOT/src/Web" >>"$LOGS/web-$name.log" 2>&1 </dev/null &
  echo $! >"$RDVSP_DATA_DIR/web-$name.pid"
  disown $! 2>/dev/null || true  # killed on purpose later: no "Killed" line from bash
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$port/health/live" >/dev/null && return 0
    sleep 0.2
  done
  echo "web process $name did not start (see $LOGS/web-$name.log)" >&2
  return 1
}

web_kill() {
  local pidfile="$RDVSP_DATA_DIR/web-$1.pid"
  if [ -f "$pidfile" ]; then kill -9 "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; fi
}

ctl() {
  case "$1" in
    redis-flush) redis-cli -h 127.0.0.1 -p "$RDVSP_REDIS_PORT" flushall >/dev/null ;;
    redis-stop) redis-cli -h 127.0.0.1 -p "$RDVSP_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true ;;
    redis-start | pg-start) scripts/services.sh start >/dev/null ;;
    pg-crash) scripts/services.sh crash-pg ;;
    web-kill) web_kill "$2" ;;
    web-start) web_start "$2" ;;
    *) echo "unknown drill action: $1" >&2; return 2 ;;
  esac
}

if [ "${1:-}" = ctl ]; then shift; ctl "$@"; exit; fi

cleanup() {
  web_kill A
  web_kill B
  scripts/services.sh stop >/dev/null
}
trap cleanup EXIT
trap "exit 130" INT TERM

echo "== Build (Release)"
dotnet build src/Web -c Release --nologo -v quiet >/dev/null
dotnet build tools/Drill -c Release --nologo -v quiet >/dev/null
echo "== PostgreSQL 127.0.0.1:$RDVSP_PG_PORT and Redis $REDIS of the drill (data in .data/drill)"
scripts/services.sh start >/dev/null
redis-cli -h 127.0.0.1 -p "$RDVSP_REDIS_PORT" flushall >/dev/null
# A fresh database every run; it keeps the crash-safe defaults (the drill checks durability).
PGPASSWORD=rdvsp psql -h 127.0.0.1 -p "$RDVSP_PG_PORT" -U rdvsp -d postgres -qtAX \
  -c "drop database if exists $DB with (force)" >/dev/null
scripts/services.sh createdb "$DB"
echo "== Migrate and seed $DB"
ConnectionStrings__Postgres="$PG" dotnet "$WEB_DLL" seed >"$LOGS/seed.log" 2>&1 || { cat "$LOGS/seed.log"; exit 1; }
echo "== Two web processes: A http://127.0.0.1:$WEB_A_PORT, B http://127.0.0.1:$WEB_B_PORT (logs in .data/drill/logs)"
rm -f "$LOGS"/web-*.log
web_start A
web_start B

set +e
DRILL_PG="$PG" DRILL_WEB_A="http://127.0.0.1:$WEB_A_PORT" DRILL_WEB_B="http://127.0.0.1:$WEB_B_PORT" DRILL_CTL="$ROOT/scripts/drill.sh" \
  timeout 900 dotnet tools/Drill/bin/Release/net10.0/RdvSP.Drill.dll 2>&1 | tee "$RDVSP_DATA_DIR/last-run.txt"
status=${PIPESTATUS[0]}
[ "$status" -eq 124 ] && echo "The drill did not finish within 15 minutes."
exit "$status"
