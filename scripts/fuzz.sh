#!/usr/bin/env bash
# Builds the webhook adapter fuzz targets (preset "fuzz": clang-14, libFuzzer, ASan+UBSan)
# and runs each for a short while over its seed corpus. Any crash, sanitizer report or
# broken invariant fails the script; the reproducer is kept under <build>/artifacts/.
#   FUZZ_SECONDS   seconds per target (default 20)
#   FUZZ_BUILD_DIR build tree (default build/fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}
build=${FUZZ_BUILD_DIR:-build/fuzz}
vendors=(zendesk freshdesk zammad chatwoot intercom helpscout jira_sm front generic)

# clang-14 and libclang-rt-14-dev (libFuzzer, sanitizers) come from install-deps.sh.
scripts/install-deps.sh
cmake --preset fuzz -B "$build" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${vendors[@]/%/_fuzzer}"

mkdir -p "$build/artifacts"
# Undefined behaviour is a finding too, not a warning.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for vendor in "${vendors[@]}"; do
  echo "fuzz: $vendor for ${seconds}s"
  mkdir -p "$work/$vendor"
  # New inputs go to the scratch dir (first); the checked-in seeds stay read-only.
  "$build/tests/fuzz/${vendor}_fuzzer" "$work/$vendor" "tests/fuzz/corpus/$vendor" \
    "tests/testdata/hooks/$vendor" -dict=tests/fuzz/json.dict -max_total_time="$seconds" \
    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/${vendor}-" 2>"$work/$vendor.log" || {
      tail -n 60 "$work/$vendor.log" >&2
      echo "fuzz: $vendor found a failure; reproducer in $build/artifacts/" >&2
      exit 1
    }
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$work/$vendor.log" | tail -n 1 || true
done
echo "fuzz: no findings"
