#!/usr/bin/env bash
# make load-burst-loser: the cost of one burst loser's request (docs/performance.md, ADR 0015). Needs the
# database a `make drill` left in .data/drill (its burst agent's slots are taken). Starts that drill's
# PostgreSQL and Redis and one Release web process as the drill does, signs a drill usager in, then runs
# wrk POSTing a confirmation of a taken slot with the usager's cookie and antiforgery token: 30 s of
# warm-up (the tiered JIT), then LOAD_DURATION measured. Stops what it started.
#   PERF=1 scripts/load-burst-loser.sh   also records a `perf` profile of the measured part (.data/drill/loser.perf)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo; $sudo_cmd apt-get install -y -qq wrk >/dev/null; }
export RDVSP_PG_PORT=${DRILL_PG_PORT:-5440} RDVSP_REDIS_PORT=${DRILL_REDIS_PORT:-6390} RDVSP_DATA_DIR="$PWD/.data/drill"
PORT=${LOAD_PORT:-5183}
DURATION=${LOAD_DURATION:-10s}
DB=rdvsp_drill
PG="Host=127.0.0.1;Port=$RDVSP_PG_PORT;Username=rdvsp;Password=rdvsp;Database=$DB"
WORK=$(mktemp -d)
export PGPASSWORD=rdvsp
[ -d "$RDVSP_DATA_DIR/pg" ] || { echo "No drill database: run make drill first." >&2; exit 1; }

cleanup() {
  [ -f "$WORK/web.pid" ] && kill "$(cat "$WORK/web.pid")" 2>/dev/null || true
  scripts/services.sh stop >/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
dotnet build src/Web -c Release --nologo -v quiet >/dev/null
scripts/services.sh start >/dev/null
sql() { psql -h 127.0.0.1 -p "$RDVSP_PG_PORT" -U rdvsp -d "$DB" -qtAX -c "$1"; }
# A taken slot of the burst agent (« Rafale ») and a drill usager who does not hold it.
read -r motif lieu starts holder < <(sql "select r.motif_id, r.lieu_id, to_char(r.starts_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), p.user_id
  from booking.rdvs r join booking.agents_rdvs ar on ar.rdv_id = r.id join organisations.agents a on a.id = ar.agent_id
  join booking.participations p on p.rdv_id = r.id where a.last_name = 'Rafale' and r.cancelled_at is null limit 1" | tr '|' ' ')
[ -n "${motif:-}" ] || { echo "The drill's burst agent has no rdv: run make drill first." >&2; exit 1; }
read -r usager email < <(sql "select id, email from usagers.users where email like 'exercice%' and id <> $holder order by id limit 1" | tr '|' ' ')

ASPNETCORE_ENVIRONMENT=Production FORCE_HTTPS=false LOG_LEVEL=Warning DOTNET_PerfMapEnabled=${PERF:-0} \
  ConnectionStrings__Postgres="$PG" ConnectionStrings__Redis="127.0.0.1:$RDVSP_REDIS_PORT" \
  dotnet src/Web/bin/Release/net10.0/RdvSP.Web.dll --urls "http://127.0.0.1:$PORT" --contentRoot "$PWD/src/Web" >"$WORK/web.log" 2>&1 </dev/null &
echo $! >"$WORK/web.pid"
disown $! 2>/dev/null || true
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/health/live" >/dev/null && break; sleep 0.2; done

jar="$WORK/jar"
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
t=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/users/sign_in" | token)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=Exercice-fiabilite-2027!" \
  --data-urlencode "__RequestVerificationToken=$t" "http://127.0.0.1:$PORT/users/sign_in"
export LOSER_TOKEN; LOSER_TOKEN=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/users/rdvs" | token)
export LOSER_COOKIE; LOSER_COOKIE=$(awk '!/^#/ || /^#HttpOnly_/ {sub(/^#HttpOnly_/, ""); if (NF >= 7) printf "%s=%s; ", $6, $7}' "$jar")
url="http://127.0.0.1:$PORT/users/rdv_wizard_step?step=3&motif_id=$motif&lieu_id=$lieu&starts_at=${starts//:/%3A}&participant_ids=$usager"
cat >"$WORK/post.lua" <<'LUA'
local function enc(s) return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
wrk.method = "POST"
wrk.body = "__RequestVerificationToken=" .. enc(os.getenv("LOSER_TOKEN"))
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("LOSER_COOKIE")
LUA
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $LOSER_COOKIE" --data-urlencode "__RequestVerificationToken=$LOSER_TOKEN" "$url")
[ "$status" = 409 ] || { echo "The confirmation of a taken slot answered $status, not 409." >&2; exit 1; }
echo "== Loser's POST (slot $starts taken), one web process on :$PORT; warm-up 30 s"
wrk -t2 -c32 -d30s -s "$WORK/post.lua" "$url" >/dev/null
echo "== Measured ($DURATION, wrk -t2 -c32)"
if [ "${PERF:-0}" = 1 ]; then
  perf record -e cpu-clock -F 999 -g -p "$(cat "$WORK/web.pid")" -o "$RDVSP_DATA_DIR/loser.perf" -- sleep 8 >/dev/null 2>&1 &
fi
wrk -t2 -c32 -d"$DURATION" --latency -s "$WORK/post.lua" "$url" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
wait
