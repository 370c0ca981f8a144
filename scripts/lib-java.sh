# Sourced by scripts/aot-cache.sh and bench/gateway/*.sh (needs ROOT and JAR set): sets JAVA to a
# Java 21+ `java` (the jar is Java 21 bytecode; the `java` on the PATH may be older, e.g. Maven's
# Java 17) and builds JAR when it is missing.
JAVA="${JAVA:-}"
if [ -z "$JAVA" ]; then
  for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    [ -n "$j" ] && [ -x "$j/bin/java" ] && "$j/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' && { JAVA="$j/bin/java"; break; }
  done
fi
[ -n "$JAVA" ] || { echo "no Java 21+ found: set JAVA=/path/to/bin/java" >&2; exit 2; }
if [ ! -f "$JAR" ]; then
  echo "building $JAR" >&2
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl config -am package)
fi
