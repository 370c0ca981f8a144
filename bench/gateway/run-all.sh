#!/usr/bin/env bash
# Every measurement of the bench/README.md gateway table, one after another (~20 min).
# Results: $RESULTS (default /tmp/perf-results/atelier-all-<stamp>)/<name>/ and <name>.log.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RESULTS="${RESULTS:-/tmp/perf-results/atelier-all-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$RESULTS"
export PRESTART="${PRESTART:-1}"   # start Atelier before compare.sh (its 60 s start limit is too short on a loaded box)
run() { # NAME COMMAND...
  local name="$1"; shift
  echo "== $name $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/index.txt"
  "$@" > "$RESULTS/$name.log" 2>&1
  echo "   exit $? $(date -u +%H:%M:%S) $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/index.txt"
}
run throughput-small-h2     "$HERE/compare-with-portkey.sh" throughput small --throughput-rounds 2 --out "$RESULTS/throughput-small-h2"
run throughput-real-h2      env ATELIER_JFR=1 "$HERE/compare-with-portkey.sh" throughput realistic --throughput-rounds 2 --out "$RESULTS/throughput-real-h2"
run latency-small-h2        "$HERE/compare-with-portkey.sh" latency small --rounds 1 --out "$RESULTS/latency-small-h2"
run latency-real-h2         env ATELIER_JFR=1 "$HERE/compare-with-portkey.sh" latency realistic --rounds 1 --out "$RESULTS/latency-real-h2"
run throughput-small-pg2    env DB=pg2 "$HERE/compare-with-portkey.sh" throughput small --throughput-rounds 2 --no-portkey --out "$RESULTS/throughput-small-pg2"
run throughput-real-pg2     env DB=pg2 "$HERE/compare-with-portkey.sh" throughput realistic --throughput-rounds 2 --no-portkey --out "$RESULTS/throughput-real-pg2"
run proxy-overhead-small    "$HERE/proxy-overhead.sh"
run memory-startup          env RUNS=3 "$HERE/memory-startup.sh"
run memory-startup-capped   env RUNS=3 ATELIER_JAVA_OPTS="-Xmx256m -XX:+UseSerialGC" "$HERE/memory-startup.sh"
run memory-startup-aot      env RUNS=3 AOT=1 ATELIER_JAVA_OPTS="-Xmx256m -XX:+UseSerialGC" "$HERE/memory-startup.sh"
echo "done $(date -u +%H:%M:%S)" | tee -a "$RESULTS/index.txt"
