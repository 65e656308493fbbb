#!/usr/bin/env bash
# Installs (when missing), starts and stops the project's own PostgreSQL 15 and Redis 7.
# Both listen on loopback only, with their data under .data/ (git-ignored) or $RDVSP_DATA_DIR.
# The cluster keeps PostgreSQL's safe defaults (an acknowledged commit survives a crash); test
# databases trade that for speed one by one (createdb NAME test).
#   scripts/services.sh install | start | stop | status | createdb NAME [test] | crash-pg
# (crash-pg: pg_ctl -m immediate stop, a simulated crash for scripts/drill.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA="${RDVSP_DATA_DIR:-$ROOT/.data}"
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
PGPORT="${RDVSP_PG_PORT:-5433}"
REDISPORT="${RDVSP_REDIS_PORT:-6380}"
PGUSER_APP="rdvsp"
PGPASS_APP="rdvsp"

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() {
  local d
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

install() {
  local missing=()
  pg_bin >/dev/null || missing+=(postgresql-15)
  command -v redis-server >/dev/null || missing+=(redis-server)
  # Browser tests drive Debian's Chromium (never a downloaded browser); the DSFR comes from npm.
  command -v chromium >/dev/null || command -v google-chrome >/dev/null || missing+=(chromium)
  command -v npm >/dev/null || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]}..."
  sudo_if_needed apt-get update -qq
  # Ubuntu runners may not carry postgresql-15: fall back to the distribution's default server.
  if ! sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
    missing=("${missing[@]/postgresql-15/postgresql}")
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Runs a command as the cluster owner: postgres when we are root (initdb refuses root), else ourselves.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Where the cluster lives: under $DATA, unless the postgres user cannot reach it (a clone in root's
# home, say); then in postgres's own /var/lib/postgresql, one folder per data dir.
PG_HOME=""
pg_home() {
  [ -n "$PG_HOME" ] && return 0
  if [ "$(id -u)" -ne 0 ] || runuser -u postgres -- test -x "$DATA" 2>/dev/null; then
    PG_HOME="$DATA"; return 0
  fi
  local fallback; fallback="/var/lib/postgresql/rdvsp-$(printf %s "$DATA" | sha256sum | cut -c1-12)"
  if ! runuser -u postgres -- test -w /var/lib/postgresql 2>/dev/null; then
    echo "The postgres user cannot enter $DATA (one of its parent folders is closed to other users)," >&2
    echo "nor write to /var/lib/postgresql. Move the clone under a folder others can enter (e.g. /srv or /opt)," >&2
    echo "or set RDVSP_DATA_DIR to such a folder, then run the command again." >&2
    exit 1
  fi
  mkdir -p "$fallback"; chown postgres:postgres "$fallback"
  [ -f "$fallback/pg/PG_VERSION" ] || echo "The postgres user cannot enter $DATA: the PostgreSQL cluster lives in $fallback instead." >&2
  PG_HOME="$fallback"
}

# Older clusters were initialised with fsync, synchronous_commit and full_page_writes off for every
# database: drop those lines so the whole cluster is crash-safe again (a reload applies them).
repair_conf() {
  local conf="$PG_HOME/pg/postgresql.conf"
  grep -qE '^(fsync|synchronous_commit|full_page_writes) = off' "$conf" || return 1
  sed -i -E '/^(fsync|synchronous_commit|full_page_writes) = off/d' "$conf"
  echo "PostgreSQL: removed fsync/synchronous_commit/full_page_writes = off from $conf (crash-safe defaults)"
}

start_pg() {
  local bin; bin=$(pg_bin)
  pg_home
  local pg="$PG_HOME/pg" run="$PG_HOME/pg-run" repaired=false
  if [ ! -f "$pg/PG_VERSION" ]; then
    mkdir -p "$pg" "$run"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg" "$run"
    chmod 700 "$pg"
    as_pg "$bin/initdb" -D "$pg" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$pg/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$run'
max_connections = 300
shared_buffers = 256MB
CONF
  fi
  repair_conf && repaired=true
  mkdir -p "$run"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$run"
  if ! as_pg "$bin/pg_ctl" -D "$pg" status >/dev/null 2>&1; then
    # The port asked now wins over the one written at initdb (a clone reused with other ports).
    as_pg "$bin/pg_ctl" -D "$pg" -l "$run/postgres.log" -o "-p $PGPORT" -w -t 60 start >/dev/null
  elif $repaired; then
    as_pg "$bin/pg_ctl" -D "$pg" reload >/dev/null
  fi
  # The application role (idempotent).
  as_pg "$bin/psql" -h "$run" -p "$PGPORT" -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1 <<SQL >/dev/null
do \$\$ begin
  if not exists (select from pg_roles where rolname = '$PGUSER_APP') then
    create role $PGUSER_APP login createdb password '$PGPASS_APP';
  end if;
end \$\$;
SQL
  echo "PostgreSQL on 127.0.0.1:$PGPORT"
}

start_redis() {
  mkdir -p "$DATA/redis"
  if ! redis-cli -h 127.0.0.1 -p "$REDISPORT" ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port "$REDISPORT" --dir "$DATA/redis" --daemonize yes \
      --pidfile "$DATA/redis/redis.pid" --logfile "$DATA/redis/redis.log" --save "" --appendonly no >/dev/null
    for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$REDISPORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  echo "Redis on 127.0.0.1:$REDISPORT"
}

stop() {
  local bin; bin=$(pg_bin) || true
  if [ -n "${bin:-}" ]; then
    pg_home
    [ -f "$PG_HOME/pg/PG_VERSION" ] && { as_pg "$bin/pg_ctl" -D "$PG_HOME/pg" -m fast stop >/dev/null 2>&1 || true; }
  fi
  redis-cli -h 127.0.0.1 -p "$REDISPORT" shutdown nosave >/dev/null 2>&1 || true
  echo "Services stopped"
}

# createdb NAME [test]: a test database also gets synchronous_commit off (fast, and losing its last
# commits in a crash does not matter); every other database keeps the crash-safe default.
createdb() {
  local name=$1 kind=${2:-} bin; bin=$(pg_bin)
  pg_home
  local psql=(as_pg "$bin/psql" -h "$PG_HOME/pg-run" -p "$PGPORT" -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1)
  "${psql[@]}" -c "select 1 from pg_database where datname = '$name'" | grep -q 1 \
    || as_pg "$bin/createdb" -h "$PG_HOME/pg-run" -p "$PGPORT" -U postgres -O "$PGUSER_APP" "$name"
  if [ "$kind" = test ]; then
    "${psql[@]}" -c "alter database \"$name\" set synchronous_commit = off" >/dev/null
  fi
}

case "${1:-}" in
  install) install ;;
  start) install; start_pg; start_redis ;;
  stop) stop ;;
  createdb) createdb "$2" "${3:-}" ;;
  crash-pg) pg_home; as_pg "$(pg_bin)/pg_ctl" -D "$PG_HOME/pg" -m immediate stop >/dev/null ;;
  status)
    redis-cli -h 127.0.0.1 -p "$REDISPORT" ping || true
    pg_home
    as_pg "$(pg_bin)/pg_ctl" -D "$PG_HOME/pg" status || true ;;
  *) echo "usage: $0 install|start|stop|status|createdb NAME [test]|crash-pg" >&2; exit 2 ;;
esac
