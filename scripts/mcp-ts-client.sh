#!/usr/bin/env sh
# Runs the MCP TypeScript SDK end-to-end check (scripts/mcp-ts-client/e2e.mjs) against a running server:
#   scripts/mcp-ts-client.sh http://127.0.0.1:8080/mcp API_KEY
# Installs Node.js from Debian when missing (root or password-less sudo), and the SDK from the npm
# registry at the version pinned in package-lock.json (npm ci) when node_modules is missing or stale.
set -eu
dir="$(cd "$(dirname "$0")/mcp-ts-client" && pwd)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >&2
fi

if [ ! -f "$dir/node_modules/.package-lock.json" ] || ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.lock-installed"; then
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2 && cp package-lock.json node_modules/.lock-installed)
fi

exec node "$dir/e2e.mjs" "$@"
