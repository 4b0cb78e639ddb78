#!/usr/bin/env bash
# Times the README's two commands from a cold clone: the compile behind
# `cargo run -- serve` (a `cargo build`), then, in a second clone with its own empty
# target/, the whole `cargo test --locked`. Crates already downloaded to
# ~/.cargo/registry are reused (a CI caches those); nothing compiled is.
# Run it on an idle machine. Cargo's timing reports (--timings) are kept, so the
# units on the critical path can be read afterwards.
#
#   bench/compile.sh [--work DIR]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work=/tmp/smartpicks-compile
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
rm -rf "$work" && mkdir -p "$work"

clone() {
  git clone -q "$repo" "$work/$1"
  # The working tree's Cargo.toml and Cargo.lock, committed or not, are what is measured.
  cp "$repo/Cargo.toml" "$repo/Cargo.lock" "$work/$1/"
}

seconds() { # runs "$@" and prints its wall-clock seconds
  local start end ms
  start=$(date +%s%N)
  "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; return 1; }
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

clone serve
build=$(cd "$work/serve" && seconds cargo build --locked --timings)
echo "cargo build (the compile of \`cargo run -- serve\`): ${build} s"

clone test
tests=$(cd "$work/test" && seconds cargo test --locked --timings)
echo "cargo test --locked, compile and run: ${tests} s"
echo "timing reports: $work/serve/target/cargo-timings/ and $work/test/target/cargo-timings/"
