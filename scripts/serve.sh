#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds debriefd (release) and starts it with
# config/debrief.yaml: embedded SQLite under ./data, nothing else to run.
# Extra arguments go to debriefd (e.g. --http-listen 0.0.0.0:8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target debriefd -j"$(nproc)"
exec build/release/server/app/debriefd serve --config config/debrief.yaml "$@"
