#!/usr/bin/env bash
# What writing the search index adds to a clean build: the same corpus built with
# and without `[search] enabled = false`, interleaved (A B A B, so a machine that
# slows down slows both), output on tmpfs; prints the median wall time and peak
# memory of each and the ratio. With --callgrind, also the instructions of one
# single-threaded build of each (valgrind counts instructions, not seconds: the
# same figure on a busy machine).
#
#   bench/search-cost.sh [--n 10000] [--runs 11] [--callgrind]
set -euo pipefail
cd "$(dirname "$0")/.."

n=10000
runs=11
callgrind=false
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --callgrind) callgrind=true; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d)
out=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$work" "$out"' EXIT
cargo build --profile dist --locked -q
cargo build --release --locked -q --manifest-path bench/harness/Cargo.toml
bench/harness/target/release/corpus --stories "$n" --seed 2026 --flavor ours --out "$work/site" >/dev/null
rm -rf "$work/site/themes" && cp -r themes "$work/site/"
bin=$PWD/target/dist/smartpicks
cd "$work/site"
cp site.toml site-on.toml
# Social cards are drawn once and kept; they are not what this compares.
printf '\n[cards]\nenabled = false\n' >> site-on.toml
{ cat site-on.toml; printf '\n[search]\nenabled = false\n'; } > site-off.toml

for _ in $(seq "$runs"); do
  for mode in on off; do
    cp "site-$mode.toml" site.toml
    rm -rf "$out/public"
    /usr/bin/time -f "$mode %e %M" "$bin" build --no-cache --output "$out/public" -q 2>>"$work/times"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for mode in on off; do
  wall=$(grep "^$mode " "$work/times" | awk '{print $2}' | median)
  rss=$(grep "^$mode " "$work/times" | awk '{print $3}' | median)
  echo "search $mode: median $wall s, peak $((rss / 1024)) MiB ($runs runs)"
  eval "wall_$mode=$wall"
done
echo "the index adds $(awk "BEGIN {printf \"%.1f\", ($wall_on / $wall_off - 1) * 100}") % to the clean build"

if $callgrind; then
  for mode in on off; do
    cp "site-$mode.toml" site.toml
    rm -rf "$out/public"
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$work/cg.$mode" \
      "$bin" build --no-cache --output "$out/public" -q 2>&1 | grep -E 'Collected' |
      sed "s/.*Collected : /search $mode: instructions /"
  done
fi
