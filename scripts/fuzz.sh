#!/usr/bin/env bash
# Builds the fuzz targets (preset "fuzz": clang-14, libFuzzer, ASan+UBSan): one per webhook
# adapter, and close-time analysis. Runs each for a short while over its seed corpus. Any crash, sanitizer report or
# broken invariant fails the script; the reproducer is kept under <build>/artifacts/.
#   FUZZ_SECONDS   seconds per target (default 20)
#   FUZZ_BUILD_DIR build tree (default build/fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}
build=${FUZZ_BUILD_DIR:-build/fuzz}
vendors=(zendesk freshdesk zammad chatwoot intercom helpscout jira_sm front generic)
targets=("${vendors[@]}" analysis)

# clang-14 and libclang-rt-14-dev (libFuzzer, sanitizers) come from install-deps.sh.
scripts/install-deps.sh
cmake --preset fuzz -B "$build" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/%/_fuzzer}"

mkdir -p "$build/artifacts"
# Undefined behaviour is a finding too, not a warning.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in "${targets[@]}"; do
  echo "fuzz: $target for ${seconds}s"
  mkdir -p "$work/$target"
  # New inputs go to the scratch dir (first); the checked-in seeds stay read-only. Adapters
  # also start from the example payloads and a JSON dictionary.
  seeds=("tests/fuzz/corpus/$target")
  options=()
  if [[ -d "tests/testdata/hooks/$target" ]]; then
    seeds+=("tests/testdata/hooks/$target")
    options+=(-dict=tests/fuzz/json.dict)
  fi
  "$build/tests/fuzz/${target}_fuzzer" "$work/$target" "${seeds[@]}" "${options[@]}" \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/${target}-" 2>"$work/$target.log" || {
      tail -n 60 "$work/$target.log" >&2
      echo "fuzz: $target found a failure; reproducer in $build/artifacts/" >&2
      exit 1
    }
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$work/$target.log" | tail -n 1 || true
done
echo "fuzz: no findings"
