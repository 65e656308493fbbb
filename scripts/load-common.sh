# Sourced by the load scripts (load.sh, load-agents.sh, load-api.sh) after they set DEFAULT_PORT and
# DEFAULT_CONNECTIONS: wrk installed, the settings every run shares, the database connection string.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo; $sudo_cmd apt-get install -y -qq wrk >/dev/null; }

PORT=${LOAD_PORT:-$DEFAULT_PORT}
DURATION=${LOAD_DURATION:-20s}
CONNECTIONS=${LOAD_CONNECTIONS:-$DEFAULT_CONNECTIONS}
APP_DLL=${LOAD_APP_DLL:-src/Web/bin/Release/net10.0/RdvSP.Web.dll}
PG_PORT=${RDVSP_PG_PORT:-5433}
REDIS_PORT=${RDVSP_REDIS_PORT:-6380}
DB=${LOAD_DATABASE:-rdvsp}
PG="Host=127.0.0.1;Port=$PG_PORT;Username=rdvsp;Password=rdvsp;Database=$DB"
export PGPASSWORD=rdvsp
