#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds everything once (preset "ci": optimized,
# assertions on, warnings as errors) and runs the whole test suite in parallel.
# Extra arguments go to ctest (e.g. -R Storage).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)
cmake --preset ci >/dev/null
cmake --build --preset ci -j"$jobs"
ctest --preset ci -j"$((jobs * 2))" "$@"
# A short libFuzzer run of every webhook adapter (about 3 minutes); skipped when arguments
# select a subset of the tests.
if [ $# -eq 0 ]; then scripts/fuzz.sh; fi
