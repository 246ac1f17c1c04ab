#!/usr/bin/env bash
# The API document's tests (openapi.test.mjs): installs yaml and ajv from the lock file
# when node_modules is missing or older than it, then runs the node test.
#   tests/web/openapi.sh PATH/TO/frontdoor-server SOURCE_DIR [ANSWERS_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
server="${1:?usage: openapi.sh FRONTDOOR_SERVER SOURCE_DIR [ANSWERS_DIR]}"
source_dir="${2:-$(cd "$here/../.." && pwd)}"
cd "$here"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
   [ ! -d node_modules/ajv ] || [ ! -d node_modules/yaml ]; then
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
FRONTDOOR_SERVER="$server" FRONTDOOR_SOURCE="$source_dir" FRONTDOOR_ANSWERS_DIR="${3:-}" \
  node --test --test-reporter=spec openapi.test.mjs
