#!/usr/bin/env bash
# What a search costs a reader on the 10,000-story archive, measured in headless
# Chromium: the bytes a two-word query downloads (index and fragments, the script
# apart) and the time from the last keystroke to the first results. It runs the
# browser test (tests/integration/browser_search.rs) on a bigger corpus, in release
# mode, and prints its measurement line; the test itself asserts the 150 KB ceiling.
# Then the index's size on disk against the site's HTML, and the time to write it
# (criterion, `cargo bench --bench build -- search`).
#
#   bench/search.sh [--n 10000] [--runs 5]
set -euo pipefail
cd "$(dirname "$0")/.."

n=10000
runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

[ -f tests/browser/node_modules/axe-core/axe.min.js ] || npm ci --prefix tests/browser --no-audit --no-fund

echo "== a two-word query on $n stories, $runs runs"
for _ in $(seq "$runs"); do
  SMARTPICKS_SEARCH_STORIES="$n" CI=true cargo test --release --locked --test integration \
    browser_search::search_page_in_chromium -- --exact --nocapture 2>&1 |
    grep -E '^search, |^search\.js: ' || { echo "the browser test failed" >&2; exit 1; }
done

echo "== the index on disk, $n stories"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --profile dist --locked -q
cargo build --release --locked -q --manifest-path bench/harness/Cargo.toml
bench/harness/target/release/corpus --stories "$n" --seed 2026 --flavor ours --out "$work/site" >/dev/null
rm -rf "$work/site/themes" && cp -r themes "$work/site/"
target/dist/smartpicks build --root "$work/site" --no-cache --output "$work/public" >/dev/null
html=$(find "$work/public" -name '*.html' -not -path '*/search/*' -printf '%s\n' | awk '{s+=$1} END {print s}')
index=$(find "$work/public/search" -type f -not -name index.html -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "HTML $html bytes; search index $index bytes; HTML / index = $(awk "BEGIN {printf \"%.1f\", $html / $index}")"
echo "shards: $(ls "$work/public/search/shards" | wc -l), largest $(ls -S -l "$work/public/search/shards" | awk 'NR==2 {print $5}') bytes;" \
  "facets $(wc -c < "$work/public/search/facets.txt") bytes; manifest $(wc -c < "$work/public/search/manifest.json") bytes"

echo "== writing the index, $n stories"
SMARTPICKS_BENCH_STORIES="$n" cargo bench --locked --bench build -- search 2>&1 | grep -E 'time:'
