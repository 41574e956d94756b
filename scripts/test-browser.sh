#!/usr/bin/env bash
# The playground and the package's web build in headless Chromium: every tests/browser/*.test.mjs. Installs
# Debian's chromium when it is missing (this machine kind reaches Debian's packages; playwright cannot
# download browsers here). Screenshots go to test-output/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
scripts/build-www.sh
node --test --test-concurrency=1 tests/browser/*.test.mjs
