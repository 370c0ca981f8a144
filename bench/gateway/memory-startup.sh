#!/usr/bin/env bash
# Start-up time and resident memory of the executable jar.
#
#   bench/gateway/memory-startup.sh                 # 5 start-ups + 1,000 queued generations
#   RUNS=3 QUEUED=1000 bench/gateway/memory-startup.sh
#
# 1. Start to healthy: from the fork of `java -jar config/target/atelier.jar` (fresh H2 data directory
#    each time, so Flyway migrates an empty database) until GET /actuator/health answers {"status":"UP"};
#    polled every 20 ms. RUNS runs, median printed.
# 2. Resident set with QUEUED generations waiting: one instance with local/preview slowed to 10 minutes
#    per image (atelier.providers.local.latency=600s) and a local lane of one, so the first generation blocks
#    the only place and the others stay QUEUED; QUEUED generations are submitted through
#    POST /api/v1/generations (no wait); then VmRSS/VmHWM are read from /proc/PID/status, the heap in
#    use from /actuator/metrics (jvm.memory.used, area heap) after the load, and the queue is checked.
#
# Environment: ATELIER_JAVA_OPTS [empty: JVM defaults] is applied to every start; RUNS [5]; QUEUED [1000];
# AOT=1 starts the extracted jar with the JVM's ahead-of-time cache made by scripts/aot-cache.sh
# (built first when config/target/aot is missing or older than the jar).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/config/target/atelier.jar"
RUNS="${RUNS:-5}"; QUEUED="${QUEUED:-1000}"
JAVA_OPTS="${ATELIER_JAVA_OPTS:-}"
KEY="bench-admin-key-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
# shellcheck source=scripts/lib-java.sh
. "$ROOT/scripts/lib-java.sh"
LAUNCH=(-jar "$JAR")
if [ "${AOT:-0}" = 1 ]; then
  AOT_DIR="$ROOT/config/target/aot"
  if [ ! -f "$AOT_DIR/atelier.aot" ] || [ "$JAR" -nt "$AOT_DIR/atelier.aot" ]; then
    JAVA="$JAVA" "$ROOT/scripts/aot-cache.sh" "$AOT_DIR" >&2
  fi
  LAUNCH=(-XX:AOTCache="$AOT_DIR/atelier.aot" -jar "$AOT_DIR/atelier.jar")
fi
WORK="$(mktemp -d /tmp/atelier-memstart-XXXX)"
PID=""
cleanup() { set +e; [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

start() { # DATA PORT EXTRA... -> sets PID
  local data="$1" port="$2"; shift 2
  # shellcheck disable=SC2086
  "$JAVA" $JAVA_OPTS -Datelier.data-dir="$data" -Datelier.bootstrap-api-key="$KEY" -Datelier.rate-limit.per-key=0 \
    -Dserver.port="$port" -Dlogging.file.name="$data.log" -Dlogging.threshold.console=WARN "$@" \
    "${LAUNCH[@]}" > "$data.out" 2>&1 &
  PID=$!
}
wait_up() { # PORT TIMEOUT_S
  local end=$(( $(now_ms) + $2 * 1000 ))
  while [ "$(now_ms)" -lt "$end" ]; do
    if curl -fs --max-time 1 "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then return 0; fi
    sleep 0.02
  done
  return 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }

echo "uptime: $(uptime)"
echo "java: $("$JAVA" -version 2>&1 | head -1); JAVA_OPTS='${JAVA_OPTS}'; launch: ${LAUNCH[*]}"
times=()
for i in $(seq 1 "$RUNS"); do
  port="$(free_port)"
  t0="$(now_ms)"; start "$WORK/start$i" "$port"
  wait_up "$port" 120 || { echo "run $i did not become healthy"; tail -20 "$WORK/start$i.out"; exit 1; }
  t1="$(now_ms)"; rss="$(awk '/VmRSS/{print $2}' /proc/$PID/status)"
  times+=($(( t1 - t0 )))
  echo "start $i: healthy after $(( t1 - t0 )) ms (RSS at healthy $(( rss / 1024 )) MB; load $(cut -d' ' -f1-3 /proc/loadavg))"
  stop
done
median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')"
echo "start to healthy: median ${median} ms over $RUNS runs (${times[*]})"

port="$(free_port)"
start "$WORK/queued" "$port" -Datelier.providers.local.latency=600s -Datelier.generation.in-flight-limits.local=1
wait_up "$port" 120 || { echo "queue instance did not start"; tail -20 "$WORK/queued.out"; exit 1; }
rss0="$(awk '/VmRSS/{print $2}' /proc/$PID/status)"
node - "$port" "$KEY" "$QUEUED" <<'JS'
// Submits N generations with 16 in flight; each POST returns once the generation is stored QUEUED.
const [port, key, n] = [process.argv[2], process.argv[3], parseInt(process.argv[4], 10)];
let next = 0, ok = 0, bad = 0;
async function worker() {
  while (next < n) {
    const i = next++;
    const r = await fetch(`http://127.0.0.1:${port}/api/v1/generations`, { method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: `queued benchmark ${i}: a lighthouse at dusk`, aspectRatio: '1:1' }) });
    if (r.status >= 200 && r.status < 300) ok++; else { bad++; if (bad < 3) console.error(r.status, await r.text()); }
    await r.arrayBuffer().catch(() => {});
  }
}
const t0 = Date.now();
await Promise.all(Array.from({ length: 16 }, worker));
console.log(`submitted ${ok} generations (${bad} refused) in ${Date.now() - t0} ms`);
JS
sleep 2
pending="$(curl -sS -H "X-API-Key: $KEY" "http://127.0.0.1:$port/api/v1/generations?status=pending&limit=1" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); p=d.get("pagination") or {}; print(p.get("total", p))' || true)"
processing="$(curl -sS -H "X-API-Key: $KEY" "http://127.0.0.1:$port/api/v1/generations?status=processing&limit=1" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); p=d.get("pagination") or {}; print(p.get("total", p))' || true)"
heap="$(curl -fs "http://127.0.0.1:$port/actuator/metrics/jvm.memory.used?tag=area:heap" | python3 -c 'import json,sys; print(round(json.load(sys.stdin)["measurements"][0]["value"]/1048576))' || true)"
rss="$(awk '/VmRSS/{print $2}' /proc/$PID/status)"; hwm="$(awk '/VmHWM/{print $2}' /proc/$PID/status)"
echo "generations pending: ${pending}; processing: ${processing}"
echo "RSS idle after start: $(( rss0 / 1024 )) MB; with $QUEUED generations submitted: RSS $(( rss / 1024 )) MB, peak (VmHWM) $(( hwm / 1024 )) MB, heap in use ${heap} MB"
echo "uptime: $(uptime)"
