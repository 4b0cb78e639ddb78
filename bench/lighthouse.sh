#!/usr/bin/env bash
# Lighthouse on the bundled site: the home page and an article, mobile (Lighthouse's
# default: a Moto G-class phone, simulated slow 4G) and desktop, all four categories.
# Prints one line per page and form factor; exits 1 if any score is under 100.
#
#   bench/lighthouse.sh [--site DIR] [--article PATH]
#
# Needs Chromium (/usr/bin/chromium or $CHROME_PATH) and Node.js; installs Lighthouse
# from bench/lighthouse/package-lock.json on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

site=.
article=""
while [ $# -gt 0 ]; do
  case "$1" in
    --site) site="$2"; shift 2 ;;
    --article) article="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

[ -x bench/lighthouse/node_modules/.bin/lighthouse ] ||
  npm ci --prefix bench/lighthouse --no-audit --no-fund >/dev/null
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
cleanup() { [ -n "${server:-}" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cargo build --release --locked -q
target/release/smartpicks build --root "$site" --no-cache --output "$work/public" \
  --base-url "http://127.0.0.1:$port/" -q
# A story with a lead image (the heaviest kind of page), unless one is named.
if [ -z "$article" ]; then
  pages=$(find "$work/public" -mindepth 5 -maxdepth 5 -name index.html -path "$work/public/2*" | sort)
  [ -n "$pages" ] || pages=$(find "$work/public" -mindepth 2 -maxdepth 2 -name index.html -path "$work/public/2*" | sort)
  page=$( (grep -l 'class="story-image"' $pages || true) | head -1)
  [ -n "$page" ] || page=$(echo "$pages" | head -1)
  article=${page#"$work/public"}
  article=${article%index.html}
fi
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/public" >/dev/null 2>&1 &
server=$!
sleep 1

flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
status=0
for page in / "$article"; do
  for form in mobile desktop; do
    preset=()
    [ "$form" = desktop ] && preset=(--preset=desktop)
    bench/lighthouse/node_modules/.bin/lighthouse "http://127.0.0.1:$port$page" "${preset[@]}" \
      --only-categories=performance,accessibility,best-practices,seo \
      --output=json --output-path="$work/report.json" --quiet --chrome-flags="$flags" || true
    line=$(node -e '
      const r = require(process.argv[1]);
      const c = r.categories;
      const s = k => c[k] && c[k].score !== null ? Math.round(c[k].score * 100) : "n/a";
      const failed = Object.values(r.audits)
        .filter(a => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual" && a.scoreDisplayMode !== "notApplicable")
        .map(a => a.id);
      console.log(`performance ${s("performance")}, accessibility ${s("accessibility")}, best practices ${s("best-practices")}, SEO ${s("seo")}` +
        (failed.length ? `; below full marks: ${failed.join(" ")}` : ""));
    ' "$work/report.json")
    echo "$page ($form): $line"
    case "$line" in *"performance 100, accessibility 100, best practices 100, SEO 100"*) ;; *) status=1 ;; esac
  done
done
exit $status
