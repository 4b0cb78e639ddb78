//! The search index as the browser client reads it (docs/search.md), decoded by a
//! small reader here that follows the same rules: on a generated archive, every
//! story is found by each word of its title and of its parties, and the filters
//! hold exactly the stories that carry each value; on hand-made stories, folding,
//! stemming, CJK bigrams, stop words and the ranking (headline and party matches
//! first, ties newest first). That the index is byte-identical between builds, with
//! any thread count and time zone, is `determinism.rs`'s whole-output comparison.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;
use smartpicks::search::words::{Words, is_stop_word};

use crate::corpus::{Corpus, Order};
use crate::harness::{Site, attrs};

const MORE: &str = "ghijklmnopqrstuvwxyz0123456789-_";
const LAST: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";

/// The numbers of a varint list.
fn numbers(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut n = 0;
    for c in text.chars() {
        if let Some(d) = MORE.find(c) {
            n = n * 32 + d as u32;
        } else {
            let d = LAST
                .find(c)
                .unwrap_or_else(|| panic!("{c:?} is not a digit"));
            out.push(n * 32 + d as u32);
            n = 0;
        }
    }
    out
}

/// Gap-coded ids, each followed by `extra` more numbers (a score).
fn ids(text: &str, extra: usize) -> Vec<(u32, u32)> {
    let mut prev: i64 = -1;
    numbers(text)
        .chunks(1 + extra)
        .map(|c| {
            prev += 1 + i64::from(c[0]);
            (prev as u32, c.get(1).copied().unwrap_or(0))
        })
        .collect()
}

/// A facets line: gaps, or `*` and a bitmap.
fn facet_docs(line: &str) -> Vec<u32> {
    match line.strip_prefix('*') {
        None => ids(line, 0).into_iter().map(|(d, _)| d).collect(),
        Some(bitmap) => bitmap
            .chars()
            .enumerate()
            .flat_map(|(k, c)| {
                let bits = MORE
                    .find(c)
                    .or_else(|| LAST.find(c).map(|v| v + 32))
                    .unwrap();
                (0..6)
                    .filter(move |j| bits & (1 << j) != 0)
                    .map(move |j| (k * 6 + j) as u32)
            })
            .collect(),
    }
}

/// A built site's index, read as the client reads it.
struct Index {
    manifest: Value,
    /// Every surface form and its postings (doc, score), references resolved.
    words: HashMap<String, Vec<(u32, u32)>>,
    facets: Vec<String>,
}

impl Index {
    fn read(site: &Site) -> Index {
        let manifest: Value = serde_json::from_str(&site.read("search/manifest.json")).unwrap();
        let shards = manifest["shards"].as_array().unwrap();
        let mut words = HashMap::new();
        for (k, entry) in shards.iter().enumerate() {
            let text = site.read(&format!("search/shards/{k}.txt"));
            let first = entry[0].as_str().unwrap();
            let next = shards.get(k + 1).map(|e| e[0].as_str().unwrap());
            let mut lines: HashMap<&str, &str> = HashMap::new();
            for line in text.lines() {
                let (word, rest) = line.split_once('\t').unwrap();
                // Every word is in the shard the manifest sends it to.
                assert!(
                    js_le(first, word),
                    "{word} before shard {k}'s first {first}"
                );
                assert!(
                    next.is_none_or(|n| !js_le(n, word)),
                    "{word} past shard {k}"
                );
                let postings = match rest.strip_prefix('=') {
                    Some(other) => lines[other],
                    None => rest,
                };
                lines.insert(word, postings);
                words.insert(word.to_owned(), ids(postings, 1));
            }
        }
        let facets = site
            .read("search/facets.txt")
            .lines()
            .map(str::to_owned)
            .collect();
        Index {
            manifest,
            words,
            facets,
        }
    }

    fn docs(&self) -> u32 {
        self.manifest["docs"].as_u64().unwrap() as u32
    }

    /// The query's words, as the client splits them.
    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        Words::default().each(text, &mut |t| {
            if !is_stop_word(t) && !out.iter().any(|o| o == t) {
                out.push(t.to_owned());
            }
        });
        out
    }

    /// Docs matching every word exactly, best first, ties newest first.
    fn search(&self, query: &str) -> Vec<u32> {
        let mut total: Option<HashMap<u32, u32>> = None;
        for word in Index::terms(query) {
            let found: HashMap<u32, u32> = self
                .words
                .get(&word)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .collect();
            total = Some(match total {
                None => found,
                Some(t) => t
                    .into_iter()
                    .filter_map(|(d, s)| found.get(&d).map(|f| (d, s + f)))
                    .collect(),
            });
        }
        let mut ranked: Vec<(u32, u32)> = total.unwrap_or_default().into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        ranked.into_iter().map(|(d, _)| d).collect()
    }

    /// The docs carrying each value of `facet` ("parties", "tags"), by name.
    fn facet(&self, facet: &str) -> Vec<(String, Vec<u32>)> {
        let parties = self.manifest["parties"].as_array().unwrap();
        let (skip, values) = match facet {
            "parties" => (0, parties),
            _ => (parties.len(), self.manifest["tags"].as_array().unwrap()),
        };
        values
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let name = v["name"].as_str().unwrap().to_owned();
                (name, facet_docs(&self.facets[2 + skip + k]))
            })
            .collect()
    }
}

/// JavaScript's `a <= b` on strings (UTF-16 code units).
fn js_le(a: &str, b: &str) -> bool {
    a.encode_utf16().le(b.encode_utf16())
}

fn fragment(site: &Site, doc: u32) -> Value {
    serde_json::from_str(&site.read(&format!("search/f/{doc}.json"))).unwrap()
}

#[test]
fn every_story_is_found_by_its_title_and_party_words_and_filters_hold_what_they_say() {
    let site = Site::fixture("empty");
    Corpus::new(300, 2026).write(site.root(), Order::Forward);
    site.build(&[]).ok();
    let index = Index::read(&site);
    assert_eq!(index.docs(), 300);
    assert!(
        index.manifest["shards"].as_array().unwrap().len() > 1,
        "sharded"
    );
    assert!(
        !index.words.keys().any(|w| is_stop_word(w)),
        "a stop word is indexed"
    );

    let mut dates = Vec::new();
    for doc in 0..index.docs() {
        let f = fragment(&site, doc);
        for word in Index::terms(f["title"].as_str().unwrap()) {
            let postings = &index.words[&word];
            assert!(
                postings.iter().any(|p| p.0 == doc),
                "{word:?} misses doc {doc}"
            );
        }
        // The page it links to exists, under the link the fragment gives.
        let url = f["url"].as_str().unwrap();
        assert!(site.exists(&format!("{}index.html", &url[1..])), "{url}");
        dates.push(f["iso"].as_str().unwrap().to_owned());
    }
    // Docs count from the oldest.
    assert!(
        dates.first() < dates.last(),
        "{:?} .. {:?}",
        dates.first(),
        dates.last()
    );

    // Each filter value holds exactly the stories that carry it: the parties and
    // tags each story's page links to, its category and the year of its date.
    let mut carried: HashMap<(&str, u32), BTreeSet<String>> = HashMap::new();
    for facet in ["parties", "tags"] {
        let values = index.manifest[facet].as_array().unwrap();
        for (k, (name, docs)) in index.facet(facet).into_iter().enumerate() {
            assert!(!docs.is_empty(), "{facet} {name}: no stories");
            if facet == "parties" {
                for word in Index::terms(&name) {
                    let found: BTreeSet<u32> = index.words[&word].iter().map(|p| p.0).collect();
                    assert!(docs.iter().all(|d| found.contains(d)), "{word:?} of {name}");
                }
            }
            let url = values[k]["url"].as_str().unwrap().to_owned();
            for doc in docs {
                carried.entry((facet, doc)).or_default().insert(url.clone());
            }
        }
    }
    let categories: Vec<char> = index.facets[0].chars().collect();
    let mut years = Vec::new();
    for run in numbers(&index.facets[1]).chunks(2) {
        years.extend(std::iter::repeat_n(run[0] as usize, run[1] as usize));
    }
    assert_eq!((categories.len(), years.len()), (300, 300));
    for doc in 0..index.docs() {
        let f = fragment(&site, doc);
        let page = site.html(&format!("{}index.html", &f["url"].as_str().unwrap()[1..]));
        for (facet, selector) in [("parties", "section.parties a"), ("tags", "section.tags a")] {
            let linked: BTreeSet<String> = attrs(&page, selector, "href").into_iter().collect();
            let held = carried.remove(&(facet, doc)).unwrap_or_default();
            assert_eq!(held, linked, "doc {doc}'s {facet}");
        }
        let category = LAST.find(categories[doc as usize]).unwrap();
        assert_eq!(
            index.manifest["categories"][category]["name"], f["category"],
            "doc {doc}"
        );
        let year = index.manifest["years"][years[doc as usize]].to_string();
        assert_eq!(year, f["iso"].as_str().unwrap()[..4], "doc {doc}'s year");
    }
}

fn story(title: &str, date: &str, parties: &str, body: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndate: {date}\ncategory: AI Technology\nparties: [{parties}]\n\
         tags: [research]\nsummary: \"A story.\"\n---\n\n{body}\n"
    )
}

#[test]
fn folding_stemming_cjk_and_ranking() {
    let site = Site::fixture("empty");
    let filler = "The quarter brought many announcements across the industry. ".repeat(20);
    let stories = [
        (
            "title.md",
            story("Lionsgate opens a lab", "2026-01-05", "", &filler),
        ),
        (
            "party.md",
            story("A studio opens a lab", "2026-01-04", "Lionsgate", &filler),
        ),
        (
            "body.md",
            story(
                "Budgets grow",
                "2026-01-06",
                "",
                &format!("{filler} Lionsgate was not there."),
            ),
        ),
        (
            "older.md",
            story("Runway adds tools", "2026-01-01", "", "Same words."),
        ),
        (
            "newer.md",
            story("Runway adds tools", "2026-01-02", "", "Same words."),
        ),
        (
            "accents.md",
            story("Société Générale backs a ﬁlm fund", "2026-01-03", "", "Ok."),
        ),
        (
            "one.md",
            story("A filmmaker speaks", "2026-01-07", "", "Ok."),
        ),
        (
            "many.md",
            story("Filmmakers gather", "2026-01-08", "", "Ok."),
        ),
        (
            "cjk.md",
            story("東京国際映画祭が開幕", "2026-01-09", "", "한국영화 특집."),
        ),
    ];
    for (file, text) in &stories {
        site.write(&format!("content/2026/{file}"), text);
    }
    site.build(&[]).ok();
    let index = Index::read(&site);
    let title = |doc: u32| fragment(&site, doc)["title"].as_str().unwrap().to_owned();
    let titles = |query: &str| {
        index
            .search(query)
            .into_iter()
            .map(title)
            .collect::<Vec<_>>()
    };

    // A word in the headline or a party outranks the same word in the body.
    let lionsgate = titles("Lionsgate");
    assert_eq!(lionsgate.len(), 3, "{lionsgate:?}");
    assert_eq!(lionsgate[2], "Budgets grow", "{lionsgate:?}");
    // Equal scores: the newer story first.
    let runway = index.search("runway tools");
    assert_eq!(runway.len(), 2);
    assert_eq!(fragment(&site, runway[0])["date"], "January 2, 2026");
    // Accents, compatibility forms and case fold away.
    for query in ["societe generale", "SOCIÉTÉ", "film fund"] {
        assert_eq!(
            titles(query),
            ["Société Générale backs a ﬁlm fund"],
            "{query}"
        );
    }
    // One stem, every form: "filmmaker" finds "Filmmakers" and the other way round.
    for query in ["filmmaker", "filmmakers"] {
        let mut found = titles(query);
        found.sort();
        assert_eq!(
            found,
            ["A filmmaker speaks", "Filmmakers gather"],
            "{query}"
        );
    }
    // CJK text by bigrams, Hangul syllables whole.
    assert_eq!(titles("映画"), ["東京国際映画祭が開幕"]);
    assert_eq!(titles("한국"), ["東京国際映画祭が開幕"]);
    // Stop words are left out of the index and of queries.
    assert!(!index.words.contains_key("the") && !index.words.contains_key("was"));
    assert_eq!(titles("the runway"), titles("runway"));
}

#[test]
fn a_site_without_search_has_no_index_page_or_box() {
    let site = Site::fixture("basic");
    let toml = std::fs::read_to_string(site.path("site.toml")).unwrap();
    site.write("site.toml", format!("{toml}\n[search]\nenabled = false\n"));
    site.build(&[]).ok();
    assert!(!site.exists("search/index.html") && !site.exists("search/manifest.json"));
    assert!(!site.read("index.html").contains("site-search"));
}
