#!/usr/bin/env python3
"""Summarises the CPU samples (jdk.ExecutionSample) of a JFR recording.

    python3 bench/gateway/jfr-summary.py atelier-1.jfr [--skip-seconds 30] [--jfr /path/to/jfr]

Prints (1) the share of samples whose top frame is in each package (3 name segments), and
(2) the inclusive share of the Atelier methods (io.atelier.*) seen anywhere on the stack, i.e. where
the application's own code spends time, callees included. --skip-seconds leaves out the first seconds
of the recording (start-up, warm-up)."""
import argparse, collections, json, os, subprocess, sys
from datetime import datetime

ap = argparse.ArgumentParser()
ap.add_argument("recording")
ap.add_argument("--skip-seconds", type=float, default=0)
ap.add_argument("--jfr", default=os.environ.get("JFR", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr"))
ap.add_argument("--top", type=int, default=25)
a = ap.parse_args()
out = subprocess.run([a.jfr, "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", a.recording],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
def ts(e): return datetime.fromisoformat(e["values"]["startTime"].replace("Z", "+00:00")).timestamp()
if events and a.skip_seconds:
    t0 = min(ts(e) for e in events)
    events = [e for e in events if ts(e) >= t0 + a.skip_seconds]
n = len(events)
top, incl, frames_by_pkg = collections.Counter(), collections.Counter(), collections.Counter()
for e in events:
    frames = (e["values"].get("stackTrace") or {}).get("frames") or []
    names = ["%s.%s" % (f["method"]["type"]["name"].replace("/", "."), f["method"]["name"]) for f in frames]
    names = [x for x in names if "$$Lambda" not in x and not x.startswith("java.lang.invoke.")]
    if names:
        top[".".join(names[0].split(".")[:3])] += 1
    for m in set(x for x in names if x.startswith("io.atelier.")):
        incl[m] += 1
    for p in set(".".join(x.split(".")[:3]) for x in names if not x.startswith(("java.", "jdk.", "sun."))):
        frames_by_pkg[p] += 1
print("%d CPU samples (after skipping %.0f s)" % (n, a.skip_seconds))
print("\nTop frame by package:")
for k, v in top.most_common(a.top):
    print("  %5.1f%%  %s" % (100.0 * v / max(n, 1), k))
print("\nPackages anywhere on the stack (inclusive):")
for k, v in frames_by_pkg.most_common(a.top):
    print("  %5.1f%%  %s" % (100.0 * v / max(n, 1), k))
print("\nAtelier methods anywhere on the stack (inclusive):")
for k, v in incl.most_common(a.top):
    print("  %5.1f%%  %s" % (100.0 * v / max(n, 1), k))
