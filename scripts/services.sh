#!/usr/bin/env bash
# Installs (when missing), starts and stops the project's own PostgreSQL 15 and Redis 7.
# Both listen on loopback only, with their data under .data/ (git-ignored).
#   scripts/services.sh install | start | stop | status | createdb NAME
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA="$ROOT/.data"
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

start_pg() {
  local bin; bin=$(pg_bin)
  mkdir -p "$DATA"
  if [ ! -f "$DATA/pg/PG_VERSION" ]; then
    mkdir -p "$DATA/pg" "$DATA/pg-run"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DATA/pg" "$DATA/pg-run"
    chmod 700 "$DATA/pg"
    as_pg "$bin/initdb" -D "$DATA/pg" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$DATA/pg/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$DATA/pg-run'
max_connections = 300
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  fi
  mkdir -p "$DATA/pg-run"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$DATA/pg-run"
  if ! as_pg "$bin/pg_ctl" -D "$DATA/pg" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$DATA/pg" -l "$DATA/pg-run/postgres.log" -w -t 60 start >/dev/null
  fi
  # The application role (idempotent).
  as_pg "$bin/psql" -h "$DATA/pg-run" -p "$PGPORT" -U postgres -d postgres -qtAX -v ON_ERROR_STOP=1 <<SQL >/dev/null
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
  if [ -n "${bin:-}" ] && [ -f "$DATA/pg/PG_VERSION" ]; then
    as_pg "$bin/pg_ctl" -D "$DATA/pg" -m fast stop >/dev/null 2>&1 || true
  fi
  redis-cli -h 127.0.0.1 -p "$REDISPORT" shutdown nosave >/dev/null 2>&1 || true
  echo "Services stopped"
}

createdb() {
  local name=$1 bin; bin=$(pg_bin)
  as_pg "$bin/psql" -h "$DATA/pg-run" -p "$PGPORT" -U postgres -d postgres -qtAX \
    -c "select 1 from pg_database where datname = '$name'" | grep -q 1 \
    || as_pg "$bin/createdb" -h "$DATA/pg-run" -p "$PGPORT" -U postgres -O "$PGUSER_APP" "$name"
}

case "${1:-}" in
  install) install ;;
  start) install; start_pg; start_redis ;;
  stop) stop ;;
  createdb) createdb "$2" ;;
  status)
    redis-cli -h 127.0.0.1 -p "$REDISPORT" ping || true
    as_pg "$(pg_bin)/pg_ctl" -D "$DATA/pg" status || true ;;
  *) echo "usage: $0 install|start|stop|status|createdb NAME" >&2; exit 2 ;;
esac
