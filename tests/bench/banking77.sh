#!/usr/bin/env bash
# Learned tagger vs Debian's fastText on banking77 (train.csv -> test.csv), side by side
# in one run on this machine: accuracy, training wall time, peak memory (max RSS) and the
# model's own memory. Writes the table into docs/BENCHMARKS.md between the
# "banking77:begin/end" markers and prints it.
#
#   tests/bench/banking77.sh               # builds debriefd with the bench preset first
#   BUILD=build/h4-bench tests/bench/banking77.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/datasets/banking77}
BUILD=${BUILD:-build/bench}
PY=/usr/bin/python3
command -v fasttext >/dev/null || { echo "banking77.sh: fasttext is missing (scripts/install-deps.sh)" >&2; exit 1; }
[ -f "$BUILD/CMakeCache.txt" ] || cmake --preset bench -B "$BUILD" >/dev/null
cmake --build "$BUILD" --target debriefd -j2 >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# fastText's format: "__label__<category> <text>", one per line.
"$PY" - "$DATA" "$work" <<'PYEOF'
import csv, sys
data, work = sys.argv[1], sys.argv[2]
for name in ("train", "test"):
    with open(f"{data}/{name}.csv", newline="") as f, open(f"{work}/{name}.txt", "w") as out:
        for row in csv.DictReader(f):
            text = " ".join(row["text"].split())
            out.write(f"__label__{row['category']} {text}\n")
PYEOF

# Runs a command; prints "<wall seconds> <CPU seconds> <max RSS MiB>" on fd 3 and the command's
# stdout on stdout.
measure() {
  "$PY" - "$@" 3>&1 1>&2 <<'PYEOF'
import resource, subprocess, sys, time
start = time.monotonic()
result = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
rss = usage.ru_maxrss / 1024
cpu = usage.ru_utime + usage.ru_stime
if result.returncode != 0:
    sys.exit(f"{sys.argv[1]} failed with {result.returncode}")
with open("/dev/fd/3", "w") as fd3:
    fd3.write(f"{wall:.1f} {cpu:.1f} {rss:.0f}\n")
sys.stderr.write(result.stdout)
PYEOF
}

echo "fastText supervised (best setting), 1 thread..." >&2
read -r ft_time ft_cpu ft_rss < <(measure fasttext supervised -input "$work/train.txt" -output "$work/ft" \
  -epoch 50 -wordNgrams 2 -minn 3 -maxn 5 -dim 100 -lr 0.5 -thread 1 -verbose 0 2>/dev/null)
ft_acc=$(fasttext test "$work/ft.bin" "$work/test.txt" | awk '/^P@1/ {print $2}')
ft_model=$(du -m "$work/ft.bin" | cut -f1)

echo "debriefd eval (default learning options)..." >&2
read -r db_time db_cpu db_rss < <(measure "$BUILD/server/app/debriefd" eval --config /nonexistent \
  --train "$DATA/train.csv" --test "$DATA/test.csv" 2>"$work/eval.txt")
db_acc=$(awk '/^accuracy/ {print $2}' "$work/eval.txt")
db_train=$(awk '/^training/ {print $2}' "$work/eval.txt")
db_model=$(awk '/^model memory/ {print $3}' "$work/eval.txt")
db_f1=$(awk '/^macro F1/ {print $3}' "$work/eval.txt")

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
table=$(cat <<MD
Run $(date -u +%Y-%m-%d) on ${cpu}, $(nproc) cores shared with other builds (load average $(cut -d' ' -f1 /proc/loadavg) at the end), $(free -g | awk '/Mem:/ {print $2}') GiB; both single-threaded. CPU time is the fair comparison on a loaded machine; wall time is shown as measured.
Command: \`tests/bench/banking77.sh\` (BUILD=${BUILD}).

| system | test accuracy | CPU time | wall time | peak RSS | model size |
|---|---|---|---|---|---|
| fastText 0.9.2 \`supervised -epoch 50 -wordNgrams 2 -minn 3 -maxn 5 -dim 100 -lr 0.5 -thread 1\` (baseline) | ${ft_acc} | ${ft_cpu} s (training) | ${ft_time} s | ${ft_rss} MiB | ${ft_model} MiB file |
| Debrief learned tagger, \`debriefd eval\` defaults (10 passes) | ${db_acc} (macro F1 ${db_f1}) | ${db_cpu} s (training + scoring) | ${db_time} s (training ${db_train} s) | ${db_rss} MiB | ${db_model} MiB in memory |
MD
)
echo "$table"
doc=docs/BENCHMARKS.md
"$PY" - "$doc" "$table" <<'PYEOF'
import sys, pathlib
path, table = pathlib.Path(sys.argv[1]), sys.argv[2]
begin, end = "<!-- banking77:begin -->", "<!-- banking77:end -->"
text = path.read_text() if path.exists() else ""
if begin in text and end in text:
    head, rest = text.split(begin, 1)
    text = head + begin + "\n" + table + "\n" + end + rest.split(end, 1)[1]
else:
    text += f"\n{begin}\n{table}\n{end}\n"
path.write_text(text)
PYEOF
