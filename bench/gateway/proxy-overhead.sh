#!/usr/bin/env bash
# The cost of bench/gateway/rr-proxy.mjs itself: the shared fake provider at 0 ms latency, measured by
# load.mjs directly and through the proxy (one backend, the provider), 64 in flight, ROUNDS x SECONDS
# each, interleaved. Small (64x64) images by default; SIZE=realistic for 768x768 noise.
#
#   bench/gateway/proxy-overhead.sh        PERF_HARNESS=... ROUNDS=2 SECONDS_PER_RUN=6 SIZE=small|realistic
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PERF="$(cd "${PERF_HARNESS:-$ROOT/../shared/perf}" && pwd)"
ROUNDS="${ROUNDS:-2}"; SECS="${SECONDS_PER_RUN:-6}"; SIZE="${SIZE:-small}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PP="$(free_port)"; XP="$(free_port)"; TMP="$(mktemp -d /tmp/rr-proxy-XXXX)"
ARGS=(); VALIDATE=all
[ "$SIZE" = realistic ] && { ARGS=(--noise --image-size 768x768); VALIDATE=first; }
python3 "$PERF/fake_provider.py" --port "$PP" --latency-ms 0 ${ARGS[@]+"${ARGS[@]}"} > "$TMP/provider.log" 2>&1 & P1=$!
node "$ROOT/bench/gateway/rr-proxy.mjs" --listen "$XP" --to "127.0.0.1:$PP" 2> "$TMP/proxy.log" & P2=$!
trap 'kill $P1 $P2 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$PP/health" && curl -fs -o /dev/null "http://127.0.0.1:$XP/health" && break; sleep 0.2; done
echo "uptime: $(uptime)"
for r in $(seq 1 "$ROUNDS"); do
  for t in direct proxy; do
    port="$PP"; [ "$t" = proxy ] && port="$XP"
    node "$PERF/load.mjs" --url "http://127.0.0.1:$port/v1/images/generations" --concurrency 64 --requests 100000000 \
      --duration "$SECS" --warmup 64 --validate "$VALIDATE" --label "$t-r$r" \
      | python3 -c 'import json,sys; r=json.load(sys.stdin); l=r["latency_ms"]; print("%-10s ok=%-6d err=%-3d rps=%-8.1f p50=%-7s p99=%s" % (r["label"], r["ok"], r["errors"], r["throughput_rps"], l["p50"], l["p99"]))'
  done
done
echo "uptime: $(uptime)"
