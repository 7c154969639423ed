#!/usr/bin/env bash
# The main job: installs what is missing, builds the release package and serves the page on
# http://127.0.0.1:${PORT:-8080}/ until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --build
scripts/build.sh
exec node scripts/serve.mjs
