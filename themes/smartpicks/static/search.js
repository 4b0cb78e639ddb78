/* Smart Picks search, the browser half of docs/search.md. Every file is fetched
 * relative to the manifest the page names (data-manifest), so any base path works.
 * Results are built as DOM nodes: nothing from the index is parsed as HTML. */
(() => {
  "use strict";

  const root = document.getElementById("search");
  if (!root || !root.dataset.manifest || !window.fetch) return;

  const PAGE = 10; // results shown at first and per "More results"
  const DEBOUNCE_MS = 10; // after the last keystroke
  const PREFIX_SHARDS = 3; // the most shards the word being typed may read
  const SNIPPET = 240; // characters of text shown around the first match
  const FACETS = ["category", "party", "tag", "year"];
  const ENDING = /(?:ings|ing|ers|er|ies|es|ed|s|ly)$/;

  const $ = (id) => document.getElementById(id);
  const form = $("search-form");
  const input = $("search-q");
  const status = $("search-status");
  const list = $("search-results");
  const more = $("search-more");
  const empty = $("search-empty");
  const filters = $("search-filters");
  const selects = {};
  for (const f of FACETS) selects[f] = $("search-" + f);

  const manifestUrl = new URL(root.dataset.manifest, location.href);
  const at = (path) => new URL(path, manifestUrl).href;

  /* Words: the rules of src/search/words.rs, character for character. */

  const CJK =
    /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{2a6df}]/u;
  const ALNUM = /[\p{Alphabetic}\p{N}]/u;
  const MAX_WORD = 40;

  // NFKD, marks removed, lower case, ß → ss, ς → σ; Hangul syllables stay whole.
  function foldChar(c) {
    if (c < "\x80") return c.toLowerCase();
    if (c >= "\uac00" && c <= "\ud7a3") return c;
    return c
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/ß/g, "ss")
      .replace(/ς/g, "σ");
  }

  // Calls visit(cjk, chars, spans) per run: its folded characters and where
  // each one's original sits in `text` ([start, end), for highlighting).
  function scan(text, visit) {
    let kind = 0; // 0 between runs, 1 a word, 2 a CJK run
    let chars = [];
    let spans = [];
    const flush = () => {
      if (kind) visit(kind === 2, chars, spans);
      chars = [];
      spans = [];
    };
    let i = 0;
    for (const c of text) {
      const start = i;
      i += c.length;
      for (const f of foldChar(c)) {
        const k = CJK.test(f) ? 2 : ALNUM.test(f) ? 1 : 0;
        if (k !== kind) {
          flush();
          kind = k;
        }
        if (k) {
          chars.push(f);
          spans.push([start, i]);
        }
      }
    }
    flush();
  }

  // The terms of one run, as visit(term, from, to) (indexes into the run).
  function terms(cjk, chars, stop, visit) {
    if (!cjk) {
      const word = chars.join("");
      if (chars.length >= 2 && chars.length <= MAX_WORD && !stop.has(word)) {
        visit(word, 0, chars.length - 1);
      }
    } else if (chars.length === 1) {
      visit(chars[0], 0, 0);
    } else {
      for (let k = 0; k + 1 < chars.length; k++) visit(chars[k] + chars[k + 1], k, k + 1);
    }
  }

  // A query's words, {word, prefix}: the last is a prefix while still being
  // typed (the query ends inside it), unless it has two characters.
  function parse(q, stop) {
    const words = [];
    let lastEnd = -1;
    scan(q, (cjk, chars, spans) => {
      terms(cjk, chars, stop, (word, from, to) => {
        lastEnd = spans[to][1];
        if (!words.some((w) => w.word === word)) words.push({ word, prefix: false });
        else lastEnd = -1; // a repeat adds nothing, not even a prefix
      });
    });
    // A prefix has 3+ characters, or is a lone CJK one (its bigrams' start).
    const last = words[words.length - 1];
    if (last && lastEnd === q.length && [...last.word].length !== 2) last.prefix = true;
    return words;
  }

  /* Numbers: base-32 text varints (docs/search.md, "Numbers"). */

  const DIGITS = new Int8Array(128).fill(-1);
  "ghijklmnopqrstuvwxyz0123456789-_".split("").forEach((c, v) => (DIGITS[c.charCodeAt(0)] = v));
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef".split("").forEach((c, v) => (DIGITS[c.charCodeAt(0)] = 32 + v));

  function numbers(text) {
    const out = [];
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const d = DIGITS[text.charCodeAt(i)];
      if (d === undefined || d < 0) throw new Error("bad digit in the search index");
      if (d >= 32) {
        out.push(n * 32 + d - 32);
        n = 0;
      } else {
        n = n * 32 + d;
      }
    }
    return out;
  }

  // Gap-coded ascending doc ids, with `scores` each followed by its score.
  function gaps(text, scores) {
    const nums = numbers(text);
    const step = scores ? 2 : 1;
    const docs = new Int32Array(nums.length / step);
    const values = scores ? new Uint8Array(docs.length) : null;
    let prev = -1;
    for (let k = 0; k < docs.length; k++) {
      prev += 1 + nums[k * step];
      docs[k] = prev;
      if (scores) values[k] = nums[k * step + 1];
    }
    return { docs, scores: values };
  }

  /* The index: manifest, facets and shards, each fetched once. */

  async function get(path, json, init) {
    const response = await fetch(at(path), init);
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    return json ? response.json() : response.text();
  }

  let manifest = null;
  let stop = new Set();
  let facets = null; // facet name → one Int32Array of docs per value
  let names = null; // facet name → the values' names, as the URL spells them
  const shards = new Map(); // shard number → Promise of its lines
  const fragments = new Map(); // doc → Promise of its fragment

  function once(cache, key, load) {
    let p = cache.get(key);
    if (!p) {
      p = load();
      cache.set(key, p);
      p.catch(() => cache.delete(key)); // let a later query try again
    }
    return p;
  }

  // The URL says what to search for (filters by name; unknown ones are dropped).
  const params = new URLSearchParams(location.search);
  // The manifest's URL has no version: the browser asks whether it changed.
  let loading = null;
  const ready = () =>
    (loading ||= get("manifest.json", true, { cache: "no-cache" }).then(async (m) => {
      manifest = m;
      stop = new Set(m.stop);
      readFacets((await get("facets.txt?v=" + m.facets)).split("\n"));
      for (const f of FACETS) chosen[f] = names[f].indexOf(params.get(f));
    })).catch((error) => {
      loading = null; // the next search tries again
      throw error;
    });

  function readFacets(lines) {
    const m = manifest;
    const n = m.docs;
    const category = m.categories.map(() => []);
    const cats =
      m.categories.length <= 32
        ? Array.from(lines[0], (c) => DIGITS[c.charCodeAt(0)] - 32)
        : numbers(lines[0]);
    cats.forEach((c, doc) => category[c] && category[c].push(doc));
    // Line 2: runs of docs with one year, as pairs (year, count).
    const year = m.years.map(() => []);
    const runs = numbers(lines[1]);
    for (let k = 0, doc = 0; k + 1 < runs.length; k += 2) {
      for (const end = Math.min(n, doc + runs[k + 1]); doc < end; doc++) year[runs[k]].push(doc);
    }
    const list = (k) => {
      const line = lines[2 + k] || "";
      if (line[0] !== "*") return gaps(line, false).docs;
      // A bitmap: each digit holds six docs, bit j for doc 6k + j.
      const docs = [];
      for (let i = 1; i < line.length; i++) {
        const bits = DIGITS[line.charCodeAt(i)];
        for (let j = 0; j < 6; j++) if (bits & (1 << j)) docs.push((i - 1) * 6 + j);
      }
      return Int32Array.from(docs);
    };
    facets = {
      category: category.map((docs) => Int32Array.from(docs)),
      party: m.parties.map((_, k) => list(k)),
      tag: m.tags.map((_, k) => list(m.parties.length + k)),
      year: year.map((docs) => Int32Array.from(docs)),
    };
    const named = (values) => values.map((v) => v.name);
    names = {
      category: named(m.categories),
      party: named(m.parties),
      tag: named(m.tags),
      year: m.years.map(String),
    };
  }

  // The shard holding `word`: the last whose first word is not after it.
  function shardOf(word) {
    const s = manifest.shards;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid][0] <= word) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // The shards a word reads: its own, and for a prefix the next ones it begins.
  function shardsOf(word, prefix) {
    const s = manifest.shards;
    const wanted = [shardOf(word)];
    for (let k = wanted[0] + 1; prefix && k < s.length && wanted.length < PREFIX_SHARDS; k++) {
      if (!s[k][0].startsWith(word)) break;
      wanted.push(k);
    }
    return wanted;
  }

  // A shard's lines: word → its stem's entry (shared by all forms of the stem).
  function shard(k) {
    return once(shards, k, async () => {
      const text = await get("shards/" + k + ".txt?v=" + manifest.shards[k][1]);
      const lines = new Map();
      for (const line of text.split("\n")) {
        const tab = line.indexOf("\t");
        if (tab < 0) continue;
        const word = line.slice(0, tab);
        const rest = line.slice(tab + 1);
        if (rest[0] === "=") {
          const entry = lines.get(rest.slice(1));
          if (!entry) continue;
          entry.forms.push(word);
          lines.set(word, entry);
        } else {
          lines.set(word, { text: rest, postings: null, forms: [word] });
        }
      }
      return lines;
    });
  }

  function postings(entry) {
    if (!entry.postings) entry.postings = gaps(entry.text, true);
    return entry.postings;
  }

  // One word: each doc's best score among the postings it matches, and the
  // forms matched (to highlight). Forms a prefix only begins score half.
  async function lookup({ word, prefix }) {
    const hits = new Map(); // stem entry → weight
    const begun = async (start) => {
      for (const lines of await Promise.all(shardsOf(start, true).map(shard))) {
        for (const [form, entry] of lines) {
          if (!form.startsWith(start)) continue;
          const weight = form === word ? 1 : 0.5;
          if ((hits.get(entry) || 0) < weight) hits.set(entry, weight);
        }
      }
    };
    if (!prefix) {
      const entry = (await shard(shardOf(word))).get(word);
      if (entry) hits.set(entry, 1);
    } else {
      await begun(word);
    }
    // A form no story uses ("filmmakers"; stories say "filmmaker"): try its stem.
    const base = word.replace(ENDING, "");
    if (!hits.size && base !== word && base.length >= 3) await begun(base);
    const scores = new Map();
    const forms = [];
    for (const [entry, weight] of hits) {
      forms.push(...entry.forms);
      const { docs, scores: values } = postings(entry);
      for (let k = 0; k < docs.length; k++) {
        const s = values[k] * weight;
        if (!(scores.get(docs[k]) >= s)) scores.set(docs[k], s);
      }
    }
    return { scores, forms };
  }

  // Docs matching every word (AND), each with the sum of its words' scores.
  function combine(matches) {
    matches.sort((a, b) => a.scores.size - b.scores.size);
    const [fewest, ...rest] = matches;
    const out = new Map();
    outer: for (const [doc, score] of fewest.scores) {
      let total = score;
      for (const m of rest) {
        const s = m.scores.get(doc);
        if (s === undefined) continue outer;
        total += s;
      }
      out.set(doc, total);
    }
    return out;
  }

  /* Filters: each facet's chosen value (an index into its values, or -1). */

  const chosen = { category: -1, party: -1, tag: -1, year: -1 };

  // Of `matched` (doc → score; null: every doc), the docs all filters keep, and
  // per facet the count of each value among the docs the *other* filters keep.
  function filter(matched) {
    const n = manifest.docs;
    const inQuery = new Uint8Array(n);
    if (matched) for (const doc of matched.keys()) inQuery[doc] = 1;
    else inQuery.fill(1);
    // fails[doc]: a bit per facet whose filter drops the doc
    const fails = new Uint8Array(n);
    FACETS.forEach((f, bit) => {
      if (chosen[f] < 0) return;
      const keep = new Uint8Array(n);
      for (const doc of facets[f][chosen[f]]) keep[doc] = 1;
      for (let doc = 0; doc < n; doc++) if (!keep[doc]) fails[doc] |= 1 << bit;
    });
    const counts = {};
    FACETS.forEach((f, bit) => {
      const others = ~(1 << bit);
      counts[f] = facets[f].map((docs) => {
        let c = 0;
        for (const doc of docs) if (inQuery[doc] && !(fails[doc] & others)) c++;
        return c;
      });
    });
    const kept = [];
    if (matched) {
      for (const [doc, score] of matched) if (!fails[doc]) kept.push([doc, score]);
    } else {
      for (let doc = 0; doc < n; doc++) if (!fails[doc]) kept.push([doc, 0]);
    }
    kept.sort((a, b) => b[1] - a[1] || b[0] - a[0]);
    return { docs: kept.map((d) => d[0]), counts };
  }

  const anyFilter = () => FACETS.some((f) => chosen[f] >= 0);

  function renderFilters(counts) {
    for (const f of FACETS) {
      const select = selects[f];
      if (!select) continue;
      const keep = select.options[0]; // "All categories", from the page
      const options = [keep];
      const order = names[f].map((_, k) => k);
      if (f === "year") order.reverse(); // newest first
      for (const k of order) {
        const count = counts[f][k];
        if (!count && k !== chosen[f]) continue;
        const option = new Option(names[f][k] + " (" + count + ")", names[f][k]);
        option.selected = k === chosen[f];
        options.push(option);
      }
      select.replaceChildren(...options);
      keep.selected = chosen[f] < 0;
    }
  }

  /* Results. */

  function fragment(doc) {
    return once(fragments, doc, () => get("f/" + doc + ".json?v=" + manifest.fragments, true));
  }

  // Where `text` shows a matched word: [start, end) ranges, in order.
  function highlights(text, match) {
    const ranges = [];
    if (!match) return ranges;
    const hit = (term) =>
      match.forms.has(term) || (match.prefix !== null && term.startsWith(match.prefix));
    scan(text, (cjk, chars, spans) => {
      if (!cjk) {
        // Any length: a highlighted word need not be indexed.
        if (hit(chars.join(""))) ranges.push([spans[0][0], spans[spans.length - 1][1]]);
        return;
      }
      terms(cjk, chars, stop, (term, from, to) => {
        if (!hit(term)) return;
        const last = ranges[ranges.length - 1];
        if (last && last[1] >= spans[from][0]) last[1] = spans[to][1];
        else ranges.push([spans[from][0], spans[to][1]]);
      });
    });
    return ranges;
  }

  // Appends `text` to `node`, the `ranges` (offset by `shift`) in <mark>.
  function fill(node, text, ranges, shift) {
    let pos = 0;
    for (const [a, b] of ranges) {
      const start = a - shift;
      const end = b - shift;
      if (start < pos || end > text.length) continue;
      node.append(text.slice(pos, start), el("mark", "", text.slice(start, end)));
      pos = end;
    }
    node.append(text.slice(pos));
  }

  // The part of a fragment's text around its first match, with its marks.
  function snippet(node, text, match) {
    const ranges = highlights(text, match);
    let start = 0;
    let end = text.length;
    if (text.length > SNIPPET) {
      if (ranges.length && ranges[0][1] > SNIPPET * 0.75) {
        start = text.lastIndexOf(" ", ranges[0][0] - SNIPPET / 4) + 1;
      }
      end = start + SNIPPET;
      if (end < text.length) {
        const space = text.lastIndexOf(" ", end);
        if (space > start + SNIPPET / 2) end = space;
      } else {
        end = text.length;
      }
    }
    if (start > 0) node.append("… ");
    fill(node, text.slice(start, end), ranges, start);
    if (end < text.length) node.append(" …");
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function item(frag, match) {
    const link = el("a");
    link.href = frag.url;
    fill(link, frag.title, highlights(frag.title, match), 0);
    const title = el("h2", "search-result-title");
    title.append(link);
    const time = el("time", "", frag.date);
    time.dateTime = frag.iso;
    const meta = el("p", "search-result-meta");
    meta.append(el("span", "kicker", frag.category), " ", time);
    const text = el("p", "search-snippet");
    snippet(text, frag.text, match);
    const li = el("li", "search-result");
    li.append(title, meta, text);
    return li;
  }

  let current = null; // the shown search: {docs, match, shown}
  let runs = 0; // bumped by every search, so a slow one never overwrites a newer

  // Shows the next page of results (`fresh`: in place of the list); returns
  // the first new link.
  async function showMore(run, fresh) {
    const { docs, match } = current;
    const from = current.shown;
    const page = docs.slice(from, from + PAGE);
    const frags = await Promise.all(page.map((doc) => fragment(doc).catch(() => null)));
    if (run !== runs) return null;
    const items = frags.filter(Boolean).map((frag) => item(frag, match));
    if (fresh) list.replaceChildren(...items);
    else list.append(...items);
    current.shown = from + page.length;
    more.hidden = current.shown >= docs.length;
    return items.length ? items[0].querySelector("a") : null;
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function describeFilters() {
    const active = FACETS.filter((f) => chosen[f] >= 0).map((f) => names[f][chosen[f]]);
    return active.length ? " in " + active.join(", ") : "";
  }

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  /* The search itself. */

  async function search() {
    const run = ++runs;
    root.dataset.state = "searching";
    await ready();
    if (run !== runs) return;
    syncUrl();
    const q = input.value.trim();
    const words = parse(input.value, stop);
    let matched = null;
    let match = null;
    if (words.length) {
      const found = await Promise.all(words.map(lookup));
      if (run !== runs) return;
      const last = words[words.length - 1];
      match = {
        forms: new Set(found.flatMap((m) => m.forms)),
        prefix: last.prefix ? last.word : null,
      };
      matched = combine(found);
    }
    const { docs, counts } = filter(matched);
    if (!words.length && !anyFilter()) {
      renderFilters(counts);
      // Nothing to look up: one letter, punctuation, or only stop words.
      current = null;
      list.replaceChildren();
      more.hidden = true;
      empty.hidden = true;
      const common = parse(input.value, new Set()).length > 0; // stop words only
      say(common ? "“" + q + "” is too common to search for: add a word." : "");
      root.dataset.state = "idle";
      return;
    }
    current = { docs, match, shown: 0 };
    const shown = showMore(run, true);
    renderFilters(counts); // while the fragments are on their way
    await shown;
    if (run !== runs) return;
    const what = words.length
      ? plural(docs.length, "result", "results") + " for “" + q + "”"
      : plural(docs.length, "story", "stories");
    say(what + describeFilters());
    // Filters are to blame when the words alone match something.
    showEmpty(docs.length === 0, q, anyFilter() && (!matched || matched.size > 0));
    root.dataset.state = "done";
  }

  // The "nothing found" block, its parts shown by data-if.
  function showEmpty(nothing, q, filtered) {
    empty.hidden = !nothing;
    const shown = { query: !!q, "no-query": !q, filters: filtered };
    for (const node of empty.querySelectorAll("[data-query]")) node.textContent = q;
    for (const node of empty.querySelectorAll("[data-if]")) node.hidden = !shown[node.dataset.if];
  }

  // A download failed: say so (the next search tries again).
  const start = () =>
    search().catch((error) => {
      console.error("search:", error);
      say("Search is unavailable right now: its index could not be loaded.");
      root.dataset.state = "error";
    });

  /* The URL (?q=&category=&party=&tag=&year=) follows the search. */

  function syncUrl() {
    const params = new URLSearchParams();
    if (input.value) params.set("q", input.value);
    for (const f of FACETS) if (chosen[f] >= 0) params.set(f, names[f][chosen[f]]);
    const query = params.toString();
    const url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url !== location.pathname + location.search + location.hash) {
      history.replaceState(history.state, "", url);
    }
  }

  /* Events. */

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(start, DEBOUNCE_MS);
    // Fetch the words' shards while the debounce waits.
    if (!facets) return;
    for (const w of parse(input.value, stop)) {
      for (const k of shardsOf(w.word, w.prefix)) shard(k).catch(() => {});
    }
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    start();
  });

  for (const f of FACETS) {
    const select = selects[f];
    if (!select) continue;
    select.addEventListener("change", () => {
      chosen[f] = names ? names[f].indexOf(select.value) : -1;
      clearTimeout(timer);
      start();
    });
  }

  const links = () => Array.from(list.querySelectorAll(".search-result-title a"));

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      const first = links()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === "Escape" && input.value) {
      event.preventDefault();
      input.value = "";
      clearTimeout(timer);
      start();
    }
  });

  list.addEventListener("keydown", (event) => {
    const all = links();
    const k = all.indexOf(document.activeElement);
    if (k < 0) return;
    if (event.key === "ArrowDown" && k + 1 < all.length) {
      all[k + 1].focus();
    } else if (event.key === "ArrowUp") {
      (k > 0 ? all[k - 1] : input).focus();
    } else if (event.key === "Escape") {
      input.focus();
      input.select();
    } else {
      return;
    }
    event.preventDefault();
  });

  more.addEventListener("click", async () => {
    if (!current || more.disabled) return;
    more.disabled = true; // one page at a time, however fast the clicks
    const first = await showMore(runs);
    more.disabled = false;
    if (first) first.focus();
  });

  empty.addEventListener("click", (event) => {
    if (!event.target.closest("[data-clear-filters]")) return;
    for (const f of FACETS) chosen[f] = -1;
    start();
    input.focus();
  });

  /* Start. */

  input.value = params.get("q") || "";
  for (const el of [filters, $("search-keys")]) if (el) el.hidden = false;
  root.dataset.state = "loading";
  start();
})();
