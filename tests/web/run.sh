#!/usr/bin/env bash
# The browser test of the staff page: installs playwright-core from the lock file
# (npm ci; it never downloads a browser: Debian's chromium is used), then runs the
# node test over the real server.
#   tests/web/run.sh PATH/TO/frontdoor-server SOURCE_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
server="${1:?usage: run.sh FRONTDOOR_SERVER SOURCE_DIR}"
source_dir="${2:-$(cd "$here/../.." && pwd)}"
command -v /usr/bin/chromium >/dev/null || { echo "web_browser_test: /usr/bin/chromium is missing (deploy/setup test)"; exit 1; }
cd "$here"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund --loglevel=error >/dev/null
FRONTDOOR_SERVER="$server" FRONTDOOR_SOURCE="$source_dir" node --test --test-reporter=spec format.test.mjs staff_page.test.mjs
