#!/usr/bin/env bash
# Prepares a fast-starting copy of the executable jar: extracts it (plain jars on the class path
# instead of nested ones) and records the JVM's ahead-of-time cache of the classes Atelier loads
# at start-up, with one training start that stops as soon as the application context is ready.
#
#   scripts/aot-cache.sh [DEST]          # DEST defaults to config/target/aot
#
# Then start the service with the command it prints, e.g.
#   java -XX:AOTCache=config/target/aot/atelier.aot -jar config/target/aot/atelier.jar
#
# JDK 25 or newer: the AOT cache (JEP 483/514/515: classes loaded, linked and profiled ahead of
# time). JDK 21-24: a class-data-sharing archive (-XX:ArchiveClassesAtExit), which helps less.
# The cache belongs to exactly this jar and this JDK: rebuild it after either changes (the JVM
# ignores a stale cache with a warning and starts normally). The training start uses a throw-away
# data directory and never opens a port; nothing of it is kept but the cache.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/config/target/atelier.jar"
DEST="${1:-$ROOT/config/target/aot}"
# shellcheck source=scripts/lib-java.sh
. "$ROOT/scripts/lib-java.sh"
feature="$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')"

rm -rf "$DEST"
mkdir -p "$DEST"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$DEST" --force >/dev/null
TRAIN="$(mktemp -d /tmp/atelier-aot-train-XXXX)"
trap 'rm -rf "$TRAIN"' EXIT
# spring.context.exit=onRefresh: stop once every bean exists (the migrations ran, nothing listens).
common=(-Datelier.data-dir="$TRAIN/data" -Dspring.context.exit=onRefresh -Dlogging.threshold.console=WARN)
if [ "$feature" -ge 25 ]; then
  "$JAVA" -XX:AOTCacheOutput="$DEST/atelier.aot" "${common[@]}" -jar "$DEST/atelier.jar" > "$TRAIN/train.log" 2>&1 \
    || { tail -20 "$TRAIN/train.log" >&2; exit 1; }
  flag="-XX:AOTCache=$DEST/atelier.aot"
else
  "$JAVA" -XX:ArchiveClassesAtExit="$DEST/atelier.jsa" "${common[@]}" -jar "$DEST/atelier.jar" > "$TRAIN/train.log" 2>&1 \
    || { tail -20 "$TRAIN/train.log" >&2; exit 1; }
  flag="-XX:SharedArchiveFile=$DEST/atelier.jsa"
fi
echo "Java $feature: start with"
echo "  $JAVA $flag -jar $DEST/atelier.jar"
