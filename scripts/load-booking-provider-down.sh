#!/usr/bin/env bash
# Issue 10 acceptance 3: usager booking latency while the e-mail and SMS providers are healthy, hang, or
# answer errors. Runs the app (web, OUTBOX_DISPATCH_IN_WEB=false) and the `jobs` process (the outbox
# dispatcher) against scripts/provider-stub.py (SMTP + Brevo SMS API), three times: ok, hang, fail.
# Each run books LOAD_BOOKINGS distinct slots one after the other as the demo usager Léa (each booking
# queues her e-mail + SMS and the agent's e-mail in the same transaction), timing the POST of the
# confirmation (step 3 of the wizard, a 302 when booked), and prints one line per scenario with
# p50/p95/max and what the outbox did meanwhile (sent, pending with failed attempts). The three scenarios
# run LOAD_ROUNDS times in turn, so a noisy machine weighs on each of them alike.
#   LOAD_BOOKINGS (40), LOAD_ROUNDS (2), LOAD_PORT (5083), LOAD_DATABASE (rdvsp_booking_load, recreated with
#   the demo seed), LOAD_APP_DLL (the Release build). Needs python3.
DEFAULT_PORT=5083 DEFAULT_CONNECTIONS=1
LOAD_DATABASE=${LOAD_DATABASE:-rdvsp_booking_load}
# shellcheck source=scripts/load-common.sh
source "$(dirname "$0")/load-common.sh"

BOOKINGS=${LOAD_BOOKINGS:-40}
ROUNDS=${LOAD_ROUNDS:-2}
SMTP_PORT=$((PORT + 100)) SMS_PORT=$((PORT + 101))
base="http://127.0.0.1:$PORT"
work=$(mktemp -d)
pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; pids=(); wait 2>/dev/null || true; }
trap 'stop_all; rm -rf "$work"' EXIT

psql_q() { psql -h 127.0.0.1 -p "$PG_PORT" -U rdvsp -d "$DB" -Atc "$1"; }
psql -h 127.0.0.1 -p "$PG_PORT" -U rdvsp -d postgres -qc "drop database if exists $DB" >/dev/null
scripts/services.sh createdb "$DB" >/dev/null
ConnectionStrings__Postgres="$PG" dotnet "$APP_DLL" seed >/dev/null

usager=$(psql_q "select id from usagers.users where email = 'lea.martin@demo.rdv-sp.fr'")
# Consultation prénatale at MDS Valence centre: plage Monday–Friday 09:00–12:00, 30-minute slots.
motif=$(psql_q "select id from organisations.motifs where name = 'Consultation prénatale' order by id limit 1")
lieu=$(psql_q "select p.lieu_id from availability.plage_ouvertures p join availability.motifs_plage_ouvertures mp on mp.plage_ouverture_id = p.id where mp.motif_id = $motif and p.lieu_id is not null order by p.id limit 1")

# Candidate starts (UTC), weekdays from the day after tomorrow, 09:00–11:30 Paris; taken ones and holidays are refused and skipped.
slots=()
for day in $(seq 2 89); do
  d=$(date -d "+$day day" +%F)
  [ "$(date -d "$d" +%u)" -le 5 ] || continue
  for t in 09:00 09:30 10:00 10:30 11:00 11:30; do slots+=("$(date -u -d "TZ=\"Europe/Paris\" $d $t" +%Y-%m-%dT%H:%M:%SZ)"); done
done
next_slot=0

token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }

scenario() { # mode
  local mode=$1 jar="$work/cookies-$1" times="$work/times-$1" refused=0
  rm -f "$jar" # a fresh session each time (signed in, the sign-in page would only redirect)
  python3 scripts/provider-stub.py "$mode" "$SMTP_PORT" "$SMS_PORT" > "$work/stub-$mode.log" 2>&1 &
  pids+=($!)
  local providers=(ASPNETCORE_ENVIRONMENT=Production FORCE_HTTPS=false LOG_LEVEL=Warning OUTBOX_DISPATCH_IN_WEB=false
    EMAIL_TRANSPORT=smtp SMTP_HOST=127.0.0.1 SMTP_PORT="$SMTP_PORT" FORCE_SMS_PROVIDER=send_in_blue BREVO_API_URL="http://127.0.0.1:$SMS_PORT"
    BREVO_API_KEY=stub "ConnectionStrings__Postgres=$PG" "ConnectionStrings__Redis=127.0.0.1:$REDIS_PORT")
  env "${providers[@]}" dotnet "$APP_DLL" --urls "$base" --contentRoot "$(pwd)/src/Web" > "$work/app-$mode.log" 2>&1 &
  pids+=($!)
  env "${providers[@]}" dotnet "$APP_DLL" jobs > "$work/jobs-$mode.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do curl -sf "$base/hello" >/dev/null && break; sleep 0.2; done
  local outbox_before; outbox_before=$(psql_q "select coalesce(max(id), 0) from notifications.outbox")

  local signin; signin=$(curl -sf -c "$jar" -b "$jar" "$base/users/sign_in" | token_of)
  [ -n "$signin" ] || { echo "$mode: no sign-in form" >&2; exit 1; }
  curl -sf -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=lea.martin@demo.rdv-sp.fr" \
    --data-urlencode "Input.Password=Demo-Usager-2026!" --data-urlencode "__RequestVerificationToken=$signin" "$base/users/sign_in"
  local token; token=$(curl -sf -c "$jar" -b "$jar" "$base/users/rdvs" | token_of)
  [ -n "$token" ] || { echo "$mode: sign-in failed" >&2; exit 1; }

  : > "$times"
  local warm=3 booked=0
  while [ "$booked" -lt $((BOOKINGS + warm)) ] && [ "$next_slot" -lt "${#slots[@]}" ]; do
    local start=${slots[$next_slot]}; next_slot=$((next_slot + 1))
    local url="$base/users/rdv_wizard_step?step=3&motif_id=$motif&lieu_id=$lieu&participant_ids=$usager&starts_at=$start"
    local out; out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -c "$jar" -b "$jar" --data-urlencode "__RequestVerificationToken=$token" "$url")
    if [ "${out%% *}" = 302 ]; then
      booked=$((booked + 1))
      [ "$booked" -gt "$warm" ] && echo "${out#* }" >> "$times"
    else
      refused=$((refused + 1))
    fi
  done
  # Longer than the SMTP (10 s) and SMS (5 s) timeouts: a hanging provider has cost failed attempts by now.
  sleep 12
  local outbox; outbox=$(psql_q "select count(*) filter (where status = 'sent') || ' sent, ' || count(*) filter (where status = 'pending' and attempts > 0) || ' pending after failed attempts, ' || count(*) filter (where status = 'pending' and attempts = 0) || ' pending untried' from notifications.outbox where id > $outbox_before and not reminder")
  local hits; hits=$(grep -c -E 'smtp|sms' "$work/stub-$mode.log" || true)
  sort -n "$times" | awk -v mode="$mode" -v refused="$refused" -v outbox="$outbox" -v hits="$hits" '
    { t[NR] = $1 * 1000 }
    END { if (NR == 0) { print mode ": no booking succeeded"; exit 1 }
          printf "%s: bookings=%d p50=%.1fms p95=%.1fms max=%.1fms (refused slots skipped: %d); outbox: %s; provider stub saw %d connection(s)/request(s)\n",
            mode, NR, t[int(NR * 0.5 + 0.5)], t[int(NR * 0.95 + 0.5)], t[NR], refused, outbox, hits - 1 }'
  stop_all
}

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); .NET $(dotnet --version); $BOOKINGS sequential bookings per scenario (+3 warm-up), $ROUNDS round(s); $(date -u +%FT%TZ)"
for _ in $(seq 1 "$ROUNDS"); do
  scenario ok
  scenario hang
  scenario fail
done
