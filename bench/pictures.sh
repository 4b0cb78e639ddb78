#!/usr/bin/env bash
# What pictures cost a build (issue 12's target): the corpus with a 2000 × 1300 lead
# JPEG for every story (`corpus --images 1`) against the same stories without
# pictures. First the cold build with pictures (every variant decoded, resized and
# encoded into the media store), timed once; then full builds with the store warm
# (`public/` removed before each, as after a clean checkout of the output), with and
# without pictures interleaved (A B A B); then cached builds with nothing changed.
# Prints medians of wall time, CPU time and peak memory, and the ratios. Social cards
# are off in both (bench/site.toml): the picture corpus has none to draw.
#
#   bench/pictures.sh [--n 10000] [--runs 5] [--work DIR] [--reuse]
#
# --reuse keeps the corpora and the media store a previous run left in DIR (and
# skips the cold build): the warm builds again, with the binary as it is now.
#
# The site folders live under DIR (default: a folder on /dev/shm), so the store and
# the output share a file system and variants are hard-linked. At 10,000 stories the
# sources are 3 GB and the variants about 2.5 GB; the cold build is about 80 minutes
# of CPU.
set -euo pipefail
cd "$(dirname "$0")/.."

n=10000
runs=5
work=/dev/shm/smartpicks-pictures
reuse=false
while [ $# -gt 0 ]; do
  case "$1" in
    --reuse) reuse=true; shift ;;
    --n) n="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

cargo build --profile dist --locked -q
cargo build --release --locked -q --manifest-path bench/harness/Cargo.toml
bin=$PWD/target/dist/smartpicks
corpus=$PWD/bench/harness/target/release/corpus
mkdir -p "$work"
times="$work/times"
if ! $reuse; then
  for mode in with without; do
    images=()
    [ "$mode" = with ] && images=(--images 1)
    "$corpus" --stories "$n" --seed 2026 --flavor ours "${images[@]}" --out "$work/$mode" >/dev/null
  done
  : >"$times"
fi
for mode in with without; do
  rm -rf "$work/$mode/themes" && cp -r themes "$work/$mode/"
done
# Only the cold build's line is kept from an earlier run.
grep '^cold ' "$times" >"$times.kept" 2>/dev/null || true
mv "$times.kept" "$times"

build() { # build MODE LABEL: one timed build of a corpus; "LABEL wall cpu rss" to $times
  /usr/bin/time -f "$2 %e %U %S %M" -a -o "$times" \
    "$bin" build --root "$work/$1" --future -q
}

$reuse || build with cold
for _ in $(seq "$runs"); do
  for mode in with without; do
    rm -rf "$work/$mode/public"
    build "$mode" "full-$mode"
  done
done
for _ in $(seq "$runs"); do
  for mode in with without; do
    build "$mode" "cached-$mode"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
stat() { # stat LABEL FIELD: the median of a column of that label's lines
  awk -v l="$1" -v f="$2" '$1 == l {print (f == "cpu") ? $3 + $4 : (f == "wall") ? $2 : $5 / 1024}' "$times" | median
}
cold=$(grep '^cold ' "$times" || true)
if [ -n "$cold" ]; then
  echo "$n stories, first build with pictures (cold store): $(echo "$cold" | awk '{printf "%.1f s wall, %.1f s CPU, %d MiB", $2, $3 + $4, $5 / 1024}')"
else
  echo "$n stories; the store in $work was made without this script timing it (no cold build figure)"
fi
for kind in full cached; do
  for mode in with without; do
    printf '%-6s build, %-7s pictures: median %s s wall, %s s CPU, %s MiB (%s runs)\n' \
      "$kind" "$mode" "$(stat "$kind-$mode" wall)" "$(stat "$kind-$mode" cpu)" \
      "$(stat "$kind-$mode" rss | cut -d. -f1)" "$runs"
  done
  echo "  pictures add $(awk -v a="$(stat "$kind-with" wall)" -v b="$(stat "$kind-without" wall)" \
    'BEGIN {printf "%.1f", (a / b - 1) * 100}') % wall, $(awk -v a="$(stat "$kind-with" cpu)" \
    -v b="$(stat "$kind-without" cpu)" 'BEGIN {printf "%.1f", (a / b - 1) * 100}') % CPU to a $kind build"
done
echo "files: $(find "$work/with/public" -type f | wc -l) with pictures, $(find "$work/without/public" -type f | wc -l) without"
