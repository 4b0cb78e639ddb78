#!/usr/bin/env bash
# Whole-process builds with a warm build cache (`.smartpicks/`), against the same
# corpus bench/run.sh writes: after one story's title edit, and with nothing
# changed. Medians of timed runs, interleaved (edit, nothing, edit, nothing, ...).
#
#   bench/warm.sh [--n 10000] [--runs 7] [--work /dev/shm/smartpicks-bench] [--bin PATH]
#
# --bin times another smartpicks binary (an older build, to compare) instead of
# target/dist/smartpicks.
#
# Needs the corpus and the dist binary that bench/run.sh makes (run it first).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

n=10000
runs=7
work=/dev/shm/smartpicks-bench
bin="$repo/target/dist/smartpicks"
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --bin) bin=$(realpath "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

site="$work/n$n/ours"
[ -d "$site/content" ] || { echo "no corpus in $site: run bench/run.sh --n $n first" >&2; exit 1; }
story=$(find "$site/content" -name '*.md' | sort | sed -n 1p)
original=$(mktemp)
cp "$story" "$original"
trap 'cp "$original" "$story"; rm -f "$original"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
timed() { # prints wall seconds of one build
  local start end
  start=$(date +%s%N)
  (cd "$site" && "$bin" build --future >/dev/null)
  end=$(date +%s%N)
  awk -v s="$start" -v e="$end" 'BEGIN {printf "%.3f\n", (e - s) / 1e9}'
}

# A full build fills the cache; one more settles it.
rm -rf "$site/public" "$site/.smartpicks"
(cd "$site" && "$bin" build --future >/dev/null)
(cd "$site" && "$bin" build --future >/dev/null)
edits=()
nothing=()
# Each edit is dated ten seconds back, as if saved a little before the build: a
# build does not trust the stamp of a file changed in the last few seconds (two
# edits of the same size within the file system's time resolution would look the
# same), so an edit saved and built at once makes the next build a real one too.
backdate() { touch -d "@$(($(date +%s) - 10))" "$1"; }
for ((r = 1; r <= runs; r++)); do
  sed -i "s/^title: \"/title: \"Edit $r: /" "$story"
  backdate "$story"
  edits+=("$(timed)")
  cp "$original" "$story"
  backdate "$story"
  (cd "$site" && "$bin" build --future >/dev/null) # back to the original, untimed
  nothing+=("$(timed)")
done
echo "| warm build, $n stories | median s (runs) |"
echo "|---|---:|"
echo "| one story's title edited | $(printf '%s\n' "${edits[@]}" | median) (${edits[*]}) |"
echo "| nothing changed | $(printf '%s\n' "${nothing[@]}" | median) (${nothing[*]}) |"
(cd "$site" && "$bin" build --future --verbose | tail -7)
