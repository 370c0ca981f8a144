#!/usr/bin/env bash
# Atelier vs the Portkey AI gateway vs direct, through POST /v1/images/generations with b64_json,
# using the shared gateway harness (fake OpenAI provider, load.mjs, compare.sh, aggregate.py).
#
#   bench/gateway/compare-with-portkey.sh latency    [small|realistic]   # 1 s provider latency, 1/64/256 in flight
#   bench/gateway/compare-with-portkey.sh throughput [small|realistic]   # 0 ms provider latency, 64 in flight
#   bench/gateway/compare-with-portkey.sh smoke      [small|realistic]   # a few seconds, to check the set-up
#   DB=pg      ... (PostgreSQL, database `test`, a fresh schema created and dropped by this script)
#   DB=pg2     ... (PostgreSQL, two instances behind bench/gateway/rr-proxy.mjs, a loopback round-robin TCP proxy)
#   Any further arguments are passed to compare.sh (e.g. --rounds 1, --no-portkey, --out DIR).
#
# Environment (defaults in brackets):
#   PERF_HARNESS        the shared harness folder [../shared/perf relative to the repository root]
#   ATELIER_JAVA_OPTS   JVM options of each Atelier instance [none: the JVM's defaults]
#   ATELIER_JFR=1       also record a JFR profile per instance into the results folder
#   JAVA                a Java 21+ `java` [JAVA_HOME, else /usr/lib/jvm/temurin-25-jdk-amd64]
#   PG_URL              PostgreSQL JDBC URL [jdbc:postgresql://127.0.0.1:5432/test], user PG_USER [postgres]
#   PRESTART=1          start Atelier before compare.sh (no 60 s start limit; for a loaded machine)
#   ATELIER_OPTS        further Atelier settings (-Dname=value ...) [none]
#
# Atelier runs as `java -jar config/target/atelier.jar` on a fresh data directory under /tmp in its
# default configuration: only the OpenAI-compatible provider's URL and key (the fake provider,
# $PROVIDER_URL from compare.sh), an admin bootstrap key and the rate limit off. Everything is
# persisted as always (generation, job row, credits, content-addressed image).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PERF="${PERF_HARNESS:-$ROOT/../shared/perf}"
PERF="$(cd "$PERF" && pwd)" || { echo "no harness at $PERF (set PERF_HARNESS)" >&2; exit 2; }
MODE="${1:-latency}"; shift || true
SIZE="small"
case "${1:-}" in small|realistic) SIZE="$1"; shift ;; esac
DB="${DB:-h2}"
JAR="$ROOT/config/target/atelier.jar"
KEY="bench-admin-key-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
JAVA_OPTS="${ATELIER_JAVA_OPTS:-}"
EXTRA_OPTS="${ATELIER_OPTS:-}"
PG_URL="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}"; PG_USER="${PG_USER:-postgres}"

# shellcheck source=scripts/lib-java.sh
. "$ROOT/scripts/lib-java.sh"

STAMP="$(date +%Y%m%d-%H%M%S)"
DATA="$(mktemp -d "/tmp/atelier-bench-$STAMP-XXXX")"
OUT_DEFAULT="/tmp/perf-results/atelier-$STAMP-$MODE-$SIZE-$DB"
SCHEMA=""
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"

psql_do() { psql -h 127.0.0.1 -U "$PG_USER" -d test -v ON_ERROR_STOP=1 -qc "SET client_min_messages = warning; $1"; }
cleanup() {
  set +e
  if [ -n "$SCHEMA" ]; then psql_do "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" && echo "dropped schema $SCHEMA" >&2; fi
  rm -rf "$DATA"
}
trap cleanup EXIT

# The command compare.sh runs (in its own process group) once the fake provider is up.
common="-Datelier.data-dir=$DATA/data -Datelier.bootstrap-api-key=$KEY -Datelier.rate-limit.per-key=0"
common+=" -Datelier.providers.openai.base-url=\$PROVIDER_URL -Datelier.providers.openai.api-key=sk-bench-fake"
common+=" $EXTRA_OPTS"
jfr() { [ "${ATELIER_JFR:-0}" = 1 ] && echo "-XX:StartFlightRecording=filename=$OUT/atelier-@I@.jfr,settings=profile,dumponexit=true" || true; }

case "$DB" in
  h2) dbopts="" ;;
  pg|pg2)
    SCHEMA="bench_gw_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')"
    psql_do "CREATE SCHEMA $SCHEMA"
    dbopts="-Dspring.datasource.url=$PG_URL?currentSchema=$SCHEMA -Dspring.datasource.username=$PG_USER -Dspring.flyway.schemas=$SCHEMA" ;;
  *) echo "DB must be h2, pg or pg2" >&2; exit 2 ;;
esac

OUT="$OUT_DEFAULT"
for a in "$@"; do [ "${prev:-}" = --out ] && OUT="$a"; prev="$a"; done
mkdir -p "$OUT"

start_one() { # INSTANCE PORT  -> a shell command line
  local line="exec $JAVA $JAVA_OPTS $(jfr) $common $dbopts -Dserver.port=$2 -jar $JAR"
  echo "${line//@I@/$1}"
}
if [ "$DB" = pg2 ]; then
  P1="$(free_port)"; P2="$(free_port)"
  # Instance 1 first (it runs the migrations and creates the admin key), then instance 2, then the proxy.
  START="$(start_one 1 "$P1") & A=\$!
for i in \$(seq 1 300); do curl -fs -o /dev/null http://127.0.0.1:$P1/actuator/health && break; sleep 0.2; done
$(start_one 2 "$P2") & B=\$!
for i in \$(seq 1 300); do curl -fs -o /dev/null http://127.0.0.1:$P2/actuator/health && break; sleep 0.2; done
exec node $ROOT/bench/gateway/rr-proxy.mjs --listen $PORT --to 127.0.0.1:$P1,127.0.0.1:$P2"
else
  START="$(start_one 1 "$PORT")"
fi

# Sizes: small = the harness default 64x64 PNG; realistic = 768x768 noise (2.36 MB of base64 per image).
SIZE_ARGS=()
[ "$SIZE" = realistic ] && SIZE_ARGS=(--noise --image-size 768x768 --validate first)
case "$MODE" in
  latency)    MODE_ARGS=(--latency-ms 1000 --concurrency "1 64 256") ;;
  throughput) MODE_ARGS=(--latency-ms 0 --throughput-concurrency 64) ;;
  smoke)      MODE_ARGS=(--latency-ms 0 --throughput-seconds 2 --throughput-rounds 1 --warm-seconds 1) ;;
  *) echo "mode must be latency, throughput or smoke" >&2; exit 2 ;;
esac

# Peak resident set of the Atelier JVMs (VmHWM, read every second while they run) into rss.txt.
rss_sampler() {
  while :; do
    for pid in $(grep -lsa -- "$DATA" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3); do
      [ "$(cat /proc/$pid/comm 2>/dev/null)" = java ] || continue
      hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null) && [ -n "$hwm" ] && echo "$pid $hwm" >> "$OUT/rss-samples.txt"
    done
    sleep 1
  done
}
rss_sampler & RSS_PID=$!

echo "uptime before: $(uptime)" | tee "$OUT/uptime.txt" >&2
echo "atelier: DB=$DB java $JAVA_OPTS $EXTRA_OPTS data=$DATA" | tee -a "$OUT/uptime.txt" >&2
if [ "${PRESTART:-0}" = 1 ]; then
  # compare.sh waits 60 s for --atelier-start; on a loaded box two instances (or one) can take longer.
  # So start Atelier here, in its own process group, pointed at a provider port chosen now, wait for
  # it (up to 300 s), and give compare.sh that port and the group for CPU accounting.
  PROVIDER_PORT="$(free_port)"
  PROVIDER_URL="http://127.0.0.1:$PROVIDER_PORT/v1" PROVIDER_BASE="http://127.0.0.1:$PROVIDER_PORT" \
    setsid bash -c "$START" > "$OUT/atelier-prestart.log" 2>&1 < /dev/null &
  APGID=$!
  for _ in $(seq 1 1500); do curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/actuator/health" && break; sleep 0.2; done
  echo "atelier up (process group $APGID) at $(date -u +%H:%M:%S)" >&2
  # "-G PGID" is compare.sh's own form for summing the CPU time of a process group.
  "$PERF/compare.sh" "${MODE_ARGS[@]}" ${SIZE_ARGS[@]+"${SIZE_ARGS[@]}"} --out "$OUT" --provider-port "$PROVIDER_PORT" \
    --atelier "http://127.0.0.1:$PORT" --atelier-key "$KEY" --atelier-pid "-G $APGID" "$@" || rc=$?
  kill -- "-$APGID" 2>/dev/null || true
else
  "$PERF/compare.sh" "${MODE_ARGS[@]}" ${SIZE_ARGS[@]+"${SIZE_ARGS[@]}"} --out "$OUT" \
    --atelier "http://127.0.0.1:$PORT" --atelier-key "$KEY" --atelier-start "$START" "$@" || rc=$?
fi
# compare.sh sends SIGTERM and returns; wait for the JVMs (graceful shutdown, JFR dump) to exit.
for _ in $(seq 1 120); do
  grep -qsl -- "$DATA" /proc/[0-9]*/cmdline 2>/dev/null || break
  sleep 0.5
done
kill "$RSS_PID" 2>/dev/null || true
if [ -s "$OUT/rss-samples.txt" ]; then
  awk '{ if ($2 > peak[$1]) peak[$1] = $2 } END { for (p in peak) printf "atelier pid %s: peak RSS (VmHWM) %.0f MB\n", p, peak[p] / 1024 }' \
    "$OUT/rss-samples.txt" | tee "$OUT/rss.txt" >&2
fi
echo "uptime after: $(uptime)" | tee -a "$OUT/uptime.txt" >&2
cp "$DATA"/atelier-*.log "$OUT/" 2>/dev/null || true
[ -f "$OUT/table.txt" ] && cat "$OUT/uptime.txt" >> "$OUT/table.txt"
[ -f "$OUT/table.txt" ] && [ -f "$OUT/rss.txt" ] && cat "$OUT/rss.txt" >> "$OUT/table.txt"
echo "results: $OUT (table.txt, summary.json, uptime.txt, atelier-*.log)" >&2
exit "${rc:-0}"
