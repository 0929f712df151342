#!/usr/bin/env bash
# Load benchmark on the scale data set (issue 10). See docs/performance.md, "Scale data set and load benchmark".
#
#   bench/load/run.sh                       # builds Release, seeds /tmp/trainingportal-scale-10000.db if missing, runs
#   bench/load/run.sh /tmp/scale.db         # uses (or seeds) that database file
#   PG_SERVER="Host=127.0.0.1;Port=5432;Username=postgres" bench/load/run.sh
#                                           # the same on PostgreSQL: database tp_scale_<trainees> on that server
#   SCALE_DB=/tmp/scale.db TRAINEES=2000 THREADS=2 CONNECTIONS=20 DURATION=10s WARMUP=30s TIMEOUT=10s HEAVY_CONNECTIONS=200 \
#     PORT=5190 bench/load/run.sh
#
# What it does: dotnet build -c Release; seed-scale into an empty file unless the file exists (seeding 10,000
# trainees takes minutes); starts the app from the Release build on http://127.0.0.1:$PORT; signs in with curl as
# trainee1, trainer1 and the administrator (second step: a TOTP code from the published bench key, computed with
# python3); runs wrk --latency on each page; prints req/s, p50 and p99, the goal ratios and one 200-connection run;
# stops the app (trap).
#
# Environment of the app: Development, because the app only serves plain http there (outside Development the
# cookies are Secure/__Host- and antiforgery refuses plain http; Portal:PublicBaseUrl must be https), with
# Portal:SeedDemoData=false so no demo account is added to the scale data. The public verification pages are
# rate-limited to 30 requests a minute per address; the bench raises the limit (Verification:PermitsPerMinute),
# otherwise wrk would measure 429 answers. The notification sender is off (Notifications:Background=false): the seed's
# certificates and at-risk standings would otherwise be e-mailed (written to the pickup folder) while pages are measured.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TRAINEES="${TRAINEES:-10000}"
SCALE_DB="${1:-${SCALE_DB:-/tmp/trainingportal-scale-${TRAINEES}.db}}"
PG_SERVER="${PG_SERVER:-}"   # a PostgreSQL server (connection string without a database): run there instead of SQLite
if [[ -n "$PG_SERVER" ]]; then
  PG_DATABASE="tp_scale_${TRAINEES}"
  export Database__Provider=PostgreSql
  export ConnectionStrings__Portal="${PG_SERVER};Database=${PG_DATABASE}"
  SCALE_DB="PostgreSQL database $PG_DATABASE"
else
  export Database__Provider=Sqlite
  export ConnectionStrings__Portal="Data Source=$SCALE_DB"
fi
PORT="${PORT:-5190}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-20}"
DURATION="${DURATION:-10s}"
HEAVY_CONNECTIONS="${HEAVY_CONNECTIONS:-200}"
# Each request is loaded this long before it is measured. The runtime optimises hot methods in the background
# (tiered compilation with dynamic PGO) for tens of seconds under load: right after start the group page served
# 605 req/s in its first 10 s and 1,570 by its sixth. A 3 s warm-up measured pages still being compiled, above all
# the first ones of a run (health, the light page), which skewed the ratios (docs/performance.md).
# Warm-up + duration must stay under a minute (the cookie's security-stamp check, below).
WARMUP="${WARMUP:-30s}"
TIMEOUT="${TIMEOUT:-10s}" # wrk's own default (2 s) would drop slow answers instead of measuring them
BASE="http://127.0.0.1:${PORT}"
WORK="$(mktemp -d /tmp/tp-load.XXXXXX)"
APP_PID=""

cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

if ! command -v wrk >/dev/null; then
  echo "wrk is missing: installing the Debian package"
  apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
for tool in curl python3 dotnet; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done

echo "== build (Release)"
dotnet build "$ROOT/src/TrainingPortal.Web" -c Release -v q -nologo >/dev/null
APP_DIR="$ROOT/src/TrainingPortal.Web"
DLL="$APP_DIR/bin/Release/net10.0/TrainingPortal.Web.dll"

app_command() { # runs a command of the app on the scale database (content root = the project folder)
  (cd "$APP_DIR" && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning dotnet "$DLL" "$@")
}

seeded() { # the scale database exists and has people in it
  if [[ -n "$PG_SERVER" ]]; then
    app_command seed-scale --describe 2>/dev/null | grep -qE "^  trainees +[1-9]"
  else
    [[ -f "$SCALE_DB" ]]
  fi
}
if seeded; then
  echo "== using the scale database $SCALE_DB (delete it to seed again)"
else
  echo "== seed-scale --trainees $TRAINEES into $SCALE_DB"
  start=$(date +%s)
  app_command seed-scale --trainees "$TRAINEES"
  echo "seeding took $(( $(date +%s) - start )) s (wall clock, including start-up)"
fi
app_command seed-scale --describe > "$WORK/describe.txt"
pointer() { grep "^bench.$1=" "$WORK/describe.txt" | head -1 | cut -d= -f2-; }
PASSWORD="$(pointer password)"; ADMIN="$(pointer admin)"; TOTP_KEY="$(pointer admin_totp_key)"
TRAINER="$(pointer trainer)"; TRAINEE="$(pointer trainee)"; GROUP="$(pointer group)"
MEETING="$(pointer meeting)"; MEETINGS="$(pointer meetings)"; CERTIFICATE="$(pointer certificate)"
grep -E "^  (trainees|enrollments|consultation groups|meetings|attendance|certificates|audit rows) " "$WORK/describe.txt" || true
[[ -n "$GROUP" && -n "$MEETING" && -n "$CERTIFICATE" ]] || { echo "the database lacks a current group, meeting or certificate" >&2; cat "$WORK/describe.txt" >&2; exit 1; }

echo "== start the app on $BASE (Release, Development environment, no demo data)"
(cd "$APP_DIR" && ASPNETCORE_ENVIRONMENT=Development \
  Portal__SeedDemoData=false Verification__PermitsPerMinute=1000000000 Logging__LogLevel__Default=Warning \
  Notifications__Background=false \
  exec env "Logging__LogLevel__TrainingPortal.Web.Standings.StandingRefreshService=Information" \
  dotnet "$DLL" --urls "$BASE") > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fs "$BASE/health/live" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; exit 1; }
  sleep 1
done
curl -fs "$BASE/health/live" >/dev/null || { echo "the app did not start" >&2; cat "$WORK/app.log" >&2; exit 1; }
# A build re-evaluates verdicts stored by another build at start (8,933 at 10,000 trainees, ~10-20 s) and pages
# evaluate live until then: measure only after the start-up refresh has said it is done.
echo "== waiting for the start-up refresh of the stored standings"
for _ in $(seq 1 120); do
  grep -q "Start-up refresh of the standings done" "$WORK/app.log" && break
  sleep 1
done
grep -h "Start-up refresh of the standings done" "$WORK/app.log" | sed 's/^ */    /' || echo "    (not reported within 120 s; measuring anyway)"

token_of() { # the antiforgery token in an HTML page
  grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'
}
sign_in() { # $1 = e-mail, $2 = cookie jar; prints nothing, fails loudly
  local jar="$2" page="$WORK/page.html"
  curl -fs -c "$jar" -b "$jar" "$BASE/account/login" -o "$page"
  curl -s -o /dev/null -w '%{http_code} %{redirect_url}\n' -c "$jar" -b "$jar" "$BASE/account/login" \
    --data-urlencode "Email=$1" --data-urlencode "Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$(token_of "$page")" > "$WORK/login.txt"
  read -r status location < "$WORK/login.txt"
  if [[ "$location" == *"/account/two-factor/sign-in"* ]]; then
    # Second step: RFC 6238 from the published key (HMAC-SHA1, 30 s, 6 digits). A code is accepted once,
    # so this is done once per run.
    curl -fs -c "$jar" -b "$jar" "$location" -o "$page"
    local code
    code="$(python3 -c 'import base64,hmac,hashlib,struct,sys,time
k=base64.b32decode(sys.argv[1]); h=hmac.new(k,struct.pack(">Q",int(time.time())//30),hashlib.sha1).digest()
o=h[-1]&15; print("%06d"%((struct.unpack(">I",h[o:o+4])[0]&0x7fffffff)%1000000))' "$TOTP_KEY")"
    curl -s -o /dev/null -w '%{http_code} %{redirect_url}\n' -c "$jar" -b "$jar" "$BASE/account/two-factor/sign-in" \
      --data-urlencode "Code=$code" --data-urlencode "__RequestVerificationToken=$(token_of "$page")" > "$WORK/login.txt"
    read -r status location < "$WORK/login.txt"
  fi
  [[ "$status" == 302 ]] || { echo "sign-in of $1 failed (HTTP $status)" >&2; exit 1; }
}
cookie_header() { # the jar's cookies as one Cookie header value (HttpOnly lines start with #HttpOnly_)
  awk -F'\t' '/^#HttpOnly_/ { sub(/^#HttpOnly_/, "", $1) } !/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$1"
}

# wrk sends one fixed cookie. Identity re-checks a signed-in cookie's security stamp once it is a minute
# old and answers with a fresh cookie, which a browser keeps and wrk ignores: with a stale cookie every
# request would pay the full stamp check (about 5 queries). So each measurement signs in just before it
# runs (warm-up + duration stay under a minute), as a browser's cookie would be renewed.
fresh_cookie() { # $1 = e-mail, $2 = jar name; sets COOKIE_VALUE
  rm -f "$WORK/$2.jar"
  sign_in "$1" "$WORK/$2.jar"
  COOKIE_VALUE="$(cookie_header "$WORK/$2.jar")"
}
echo "== sign in: $TRAINEE, $TRAINER, $ADMIN (authenticator code from the bench key); again before each measurement"
fresh_cookie "$TRAINEE" trainee; TRAINEE_COOKIE="$COOKIE_VALUE"
fresh_cookie "$TRAINER" trainer; TRAINER_COOKIE="$COOKIE_VALUE"

check() { # $1 = path, $2 = cookie: the page must answer 200 before it is measured
  local status
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $2" "$BASE$1")"
  [[ "$status" == 200 ]] || { echo "GET $1 answered $status, not 200" >&2; exit 1; }
}

to_ms() { # wrk latency ("812.00us", "1.23ms", "2.01s") in ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

declare -A RPS P50 P99
printf '\n%-34s %12s %10s %10s  %s\n' "request" "req/s" "p50 ms" "p99 ms" "errors"
measure() { # $1 = key, $2 = label, $3 = path, $4 = cookie, $5 = connections, extra wrk args after
  local key="$1" label="$2" path="$3" cookie="$4" connections="$5"; shift 5
  local out="$WORK/wrk-$key.txt" args=(-t"$THREADS" -c"$connections" -d"$DURATION" --timeout "$TIMEOUT" --latency)
  local headers=()
  [[ -n "$cookie" ]] && headers=(-H "Cookie: $cookie")
  wrk -t"$THREADS" -c"$connections" -d"$WARMUP" "${headers[@]}" "$@" "$BASE$path" >/dev/null 2>&1 || true
  wrk "${args[@]}" "${headers[@]}" "$@" "$BASE$path" > "$out" 2>&1
  RPS[$key]="$(awk '/^Requests\/sec:/ { print $2 }' "$out")"
  P50[$key]="$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")"
  P99[$key]="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")"
  local errors
  errors="$(grep -E 'Non-2xx|Socket errors' "$out" | tr -s ' ' | tr '\n' ';' || true)"
  printf '%-34s %12s %10s %10s  %s\n' "$label" "${RPS[$key]}" "${P50[$key]}" "${P99[$key]}" "${errors:-none}"
}

for page in /account/change-password /profile /; do check "$page" "$TRAINEE_COOKIE"; done
check "/groups/$GROUP" "$TRAINER_COOKIE"
check "/groups/$GROUP/meetings/$MEETING/attendance" "$TRAINER_COOKIE"
check /verify ""
check "/verify/$CERTIFICATE" ""

measure health "GET /health/live" /health/live "" "$CONNECTIONS"
fresh_cookie "$TRAINEE" trainee
measure light "GET /account/change-password" /account/change-password "$COOKIE_VALUE" "$CONNECTIONS"
fresh_cookie "$TRAINEE" trainee
measure profile "GET /profile" /profile "$COOKIE_VALUE" "$CONNECTIONS"
fresh_cookie "$TRAINEE" trainee
measure home "GET / (trainee home)" / "$COOKIE_VALUE" "$CONNECTIONS"
fresh_cookie "$TRAINER" trainer
measure group "GET /groups/$GROUP (trainer)" "/groups/$GROUP" "$COOKIE_VALUE" "$CONNECTIONS"
fresh_cookie "$TRAINER" trainer
measure attendance "GET attendance screen" "/groups/$GROUP/meetings/$MEETING/attendance" "$COOKIE_VALUE" "$CONNECTIONS"
# Saves: one connection per thread, each thread on its own meeting (see attendance-save.lua); GET + POST pairs.
fresh_cookie "$TRAINER" trainer
export GROUP MEETINGS COOKIE="$COOKIE_VALUE"
measure save "attendance save (GET+POST pairs)" "/groups/$GROUP/meetings/$MEETING/attendance" "" "$THREADS" -s "$ROOT/bench/load/attendance-save.lua"
grep -h "^attendance saves:" "$WORK/wrk-save.txt" | sed 's/^/  /'
# The administrator signs in once (an authenticator code is accepted once), right before the queue is measured.
fresh_cookie "$ADMIN" admin
check /admin/approvals "$COOKIE_VALUE"
measure queue "GET /admin/approvals (admin)" /admin/approvals "$COOKIE_VALUE" "$CONNECTIONS"
measure verify "GET /verify" /verify "" "$CONNECTIONS"
measure verifycode "GET /verify/{code}" "/verify/$CERTIFICATE" "" "$CONNECTIONS"
fresh_cookie "$TRAINEE" trainee
measure heavy "GET / (trainee home), ${HEAVY_CONNECTIONS} conn." / "$COOKIE_VALUE" "$HEAVY_CONNECTIONS"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }'; }
verdict() { awk -v r="$1" -v g="$2" 'BEGIN { print (r + 0 >= g + 0 ? "met" : "NOT met") }'; }
echo
echo "Goals (ratios of req/s in this one run, wrk -t$THREADS -c$CONNECTIONS -d$DURATION):"
r="$(ratio "${RPS[light]}" "${RPS[health]}")"; printf '  %-44s %8s  goal >= 0.15  %s\n' "light page / health" "$r" "$(verdict "$r" 0.15)"
for key in home group profile; do
  r="$(ratio "${RPS[$key]}" "${RPS[light]}")"; printf '  %-44s %8s  goal >= 0.5   %s\n' "$key / light page" "$r" "$(verdict "$r" 0.5)"
done
printf '  %-44s %8s  goal < 250 ms %s\n' "p99 of the trainee home at ${HEAVY_CONNECTIONS} connections" "${P99[heavy]} ms" \
  "$(awk -v p="${P99[heavy]}" 'BEGIN { print (p + 0 < 250 ? "met" : "NOT met") }')"
echo "  (attendance saves per second = half of its req/s: each save is a GET of the screen and a POST)"
if grep -qiE "fail|exception" "$WORK/app.log"; then
  echo; echo "The app logged errors or warnings:"; grep -iE "fail|exception" "$WORK/app.log" | head -20
fi
