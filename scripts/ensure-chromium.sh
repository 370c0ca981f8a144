#!/bin/sh
# Installs Debian's chromium and chromedriver when missing (the gallery's browser test drives them).
# Idempotent; needs root or password-less sudo when something must be installed.
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo -n"
else
  echo "ensure-chromium: chromium is missing and this user cannot install packages; run: apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends chromium chromium-driver; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends chromium chromium-driver
fi
test -x /usr/bin/chromium && test -x /usr/bin/chromedriver
