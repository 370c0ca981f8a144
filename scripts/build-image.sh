#!/usr/bin/env bash
# Builds Atelier's container image as a tarball, config/target/jib-image.tar, with Jib and without a
# Docker daemon or a container registry:
#   1. a small base image (docker-save format) made here from the local JDK: a jlink'ed Java runtime
#      in /opt/java, the C libraries it links, a non-root user `atelier` (uid 10001), /data and /tmp;
#   2. `./mvnw -pl config -am package jib:buildTar` puts the application on it (config/pom.xml: user
#      10001, port 8080, volume /data, ECS JSON logs);
#   3. checks the image's configuration: entrypoint, user, exposed port, volume.
# Load it with `docker load -i config/target/jib-image.tar` (or podman, or any OCI tool).
# Needs root (or fakeroot) to give /data to uid 10001 inside the tarball. Usage: scripts/build-image.sh [--skip-build]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BASE_DIR="$ROOT/config/target/base-image"
IMAGE_TAR="$ROOT/config/target/jib-image.tar"
APP_UID=10001

JDK="${JDK_HOME:-}"
if [ -z "$JDK" ]; then
  for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    [ -n "$j" ] && [ -x "$j/bin/jlink" ] && "$j/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])' && { JDK="$j"; break; }
  done
fi
[ -n "$JDK" ] || { echo "no JDK 21+ with jlink found: set JDK_HOME" >&2; exit 2; }

if [ "${1:-}" != "--skip-build" ]; then
  echo "== base image from $JDK"
  rm -rf "$BASE_DIR"
  ROOTFS="$BASE_DIR/rootfs"
  mkdir -p "$ROOTFS"/{etc,tmp,data,opt}
  # Every module but the development tools (compiler, debugger agents, jshell …).
  MODULES=$("$JDK/bin/java" --list-modules | cut -d@ -f1 \
    | grep -vE '^jdk\.incubator\.' \
    | grep -vE '^jdk\.(jshell|jdeps|javadoc|jlink|jpackage|compiler|hotspot\.agent|jconsole|jdi|jdwp\.agent|jstatd|internal\.le|internal\.ed|internal\.opt|editpad|jartool|jcmd|internal\.jvmstat|javac)$' \
    | paste -sd, -)
  "$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --output "$ROOTFS/opt/java"
  # The C libraries the runtime links (and the loader), at the paths the binaries expect.
  find "$ROOTFS/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
    | grep -oE '(/[^ ]+\.so[^ ]*)' | sort -u | while read -r lib; do
      case "$lib" in "$ROOTFS"*) continue ;; esac
      [ -e "$lib" ] && cp -L --parents "$lib" "$ROOTFS"
    done
  for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libresolv.so.2; do
    [ -e "$lib" ] && cp -L --parents "$lib" "$ROOTFS"
  done
  printf 'root:x:0:0:root:/root:/sbin/nologin\natelier:x:%s:%s:atelier:/data:/sbin/nologin\n' "$APP_UID" "$APP_UID" > "$ROOTFS/etc/passwd"
  printf 'root:x:0:\natelier:x:%s:\n' "$APP_UID" > "$ROOTFS/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$ROOTFS/etc/nsswitch.conf"
  printf '127.0.0.1 localhost\n::1 localhost\n' > "$ROOTFS/etc/hosts"
  chmod 1777 "$ROOTFS/tmp"
  chmod 0700 "$ROOTFS/data"
  if [ "$(id -u)" = 0 ]; then
    chown -R 0:0 "$ROOTFS" && chown "$APP_UID:$APP_UID" "$ROOTFS/data"
  else
    echo "not root: /data in the image stays owned by uid $(id -u); run as root for uid $APP_UID" >&2
  fi
  (cd "$ROOTFS" && tar --numeric-owner --sort=name --mtime=@0 -cf "$BASE_DIR/layer.tar" .)
  DIFF_ID="sha256:$(sha256sum "$BASE_DIR/layer.tar" | cut -d' ' -f1)"
  JAVA_VERSION=$("$ROOTFS/opt/java/bin/java" -version 2>&1 | head -n 1 | tr -d '"')
  cat > "$BASE_DIR/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"User":"$APP_UID:$APP_UID","WorkingDir":"/data"},
 "rootfs":{"type":"layers","diff_ids":["$DIFF_ID"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"scripts/build-image.sh: $JAVA_VERSION (jlink) and its C libraries"}]}
EOF
  printf '[{"Config":"config.json","RepoTags":["atelier-base:local"],"Layers":["layer.tar"]}]\n' > "$BASE_DIR/manifest.json"
  (cd "$BASE_DIR" && tar -cf atelier-base.tar manifest.json config.json layer.tar && rm -rf rootfs layer.tar)
  ls -l "$BASE_DIR/atelier-base.tar"

  echo "== application image (Jib)"
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl config -am package jib:buildTar)
fi

echo "== checks"
CONFIG_NAME=$(tar -xOf "$IMAGE_TAR" manifest.json | grep -o '"Config":"[^"]*"' | cut -d'"' -f4)
CONFIG=$(tar -xOf "$IMAGE_TAR" "$CONFIG_NAME")
check() { echo "$CONFIG" | grep -q -- "$2" || { echo "image check failed: $1 (no $2 in $CONFIG)" >&2; exit 1; }; echo "ok: $1"; }
check "runs as the non-root user" "\"User\":\"$APP_UID:$APP_UID\""
check "exposes port 8080" '"8080/tcp"'
check "declares the data volume" '"/data"'
check "starts Atelier with java" '"Entrypoint":\["java"'
check "starts the application's main class" 'io.atelier.app.AtelierApplication'
check "logs ECS JSON" 'LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs'
ls -l "$IMAGE_TAR"
