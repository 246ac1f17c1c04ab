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
# One file at a time: each starts its own server and browser, and the check-in test times 2 s.
FRONTDOOR_SERVER="$server" FRONTDOOR_SOURCE="$source_dir" node --test --test-concurrency=1 --test-reporter=spec format.test.mjs staff_page.test.mjs audit.test.mjs
