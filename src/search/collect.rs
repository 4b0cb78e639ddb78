//! Gathering the postings: every published story's fields are split into words
//! (in parallel, a range of stories per task, each task with its own stem table),
//! then the tasks' tables are merged in story order, so every posting list comes out
//! ascending and the result does not depend on how many threads ran.

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap as HashMap;

use super::text::html_terms_and_text;
use super::words::{Words, is_stop_word};
use super::{FRAGMENT_TEXT, Facets};
use crate::article::Article;
use crate::config::Config;
use crate::index::{ArticleTerms, fold_term};

/// How much a word counts in each field (BM25F weights): a word in the headline or
/// a party's name says more about a story than one in its body.
pub mod weight {
    pub const TITLE: f32 = 4.0;
    pub const PARTIES: f32 = 4.0;
    pub const CATEGORY: f32 = 2.0;
    pub const TAGS: f32 = 2.0;
    pub const AUTHORS: f32 = 2.0;
    pub const DEK: f32 = 1.5;
    pub const DATE: f32 = 1.0;
    pub const BODY: f32 = 1.0;
}

/// Stories per task: enough that a task's stem table pays for itself.
const CHUNK: usize = 256;

/// Every stem's postings and every surface form's stem, before scoring.
pub struct Collected {
    /// The stems, by id.
    pub stems: Vec<String>,
    /// Each stem's postings: (doc, weighted term frequency), docs ascending.
    pub postings: Vec<Vec<(u32, f32)>>,
    /// Each surface form (a folded word as written) and its stem's id.
    pub surfaces: HashMap<String, u32>,
    /// Each doc's weighted length.
    pub lengths: Vec<f32>,
    /// Each doc's snippet source: its dek and the start of its body, as text.
    pub snippets: Vec<String>,
}

/// The stem id of a stop word: left out of the index.
const STOP: u32 = u32::MAX;

/// One group's share: the same shape, with its own stem ids.
#[derive(Debug, Clone, Default)]
pub struct Part {
    /// Every word met, stop words included, with its stem id (or [`STOP`]).
    seen: Seen,
    stems: Vec<String>,
    ids: HashMap<String, u32>,
    /// The current story's weighted frequency of each stem (0 when absent), and
    /// the stems it has so far: a table by stem id, cleared after each story.
    counts: Vec<f32>,
    touched: Vec<u32>,
    postings: Vec<Vec<(u32, f32)>>,
    surfaces: HashMap<String, u32>,
    lengths: Vec<f32>,
    snippets: Vec<String>,
}

/// Collects the postings of `docs` (doc `d` is `articles[docs[d]]`), a group of
/// [`CHUNK`] stories per task.
pub fn parts(
    config: &Config,
    articles: &[Article],
    docs: &[usize],
    facets: &Facets<'_>,
) -> Vec<Part> {
    (0..docs.len().div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| part(config, articles, docs, facets, c))
        .collect()
}

/// Collects group `c` alone: what `serve` does again for the group of a story
/// whose body changed, keeping the others.
pub fn part(
    config: &Config,
    articles: &[Article],
    docs: &[usize],
    facets: &Facets<'_>,
    c: usize,
) -> Part {
    let mut part = Part::default();
    let mut doc = Doc::default();
    let first = c * CHUNK;
    for (k, &a) in docs[first..docs.len().min(first + CHUNK)]
        .iter()
        .enumerate()
    {
        let story = Story {
            article: &articles[a],
            terms: &facets.article_terms[a],
            facets,
        };
        doc.add(&mut part, config, &story, (first + k) as u32);
    }
    part
}

/// The group a doc's postings are collected in.
pub fn group_of(doc: usize) -> usize {
    doc / CHUNK
}

/// Merges the groups, in doc order: every posting list comes out ascending. Each
/// list is allocated at its final length (known once every group's stems are
/// numbered) rather than grown group by group, which left up to half of each
/// unused: 4 MB at 10,000 stories, held at the build's peak.
pub fn merge(mut parts: Vec<Part>, docs: usize) -> Collected {
    let mut all = Collected {
        stems: Vec::new(),
        postings: Vec::new(),
        surfaces: HashMap::default(),
        lengths: Vec::with_capacity(docs),
        snippets: Vec::with_capacity(docs),
    };
    let mut ids: HashMap<String, u32> = HashMap::default();
    // Each merged list's length, by global stem id.
    let mut sizes: Vec<usize> = Vec::new();
    let globals: Vec<Vec<u32>> = (parts.iter_mut())
        .map(|part| {
            debug_assert_eq!(part.stems.len(), part.postings.len());
            (std::mem::take(&mut part.stems)
                .into_iter()
                .zip(&part.postings))
            .map(|(stem, list)| {
                let id = *ids.entry(stem).or_insert_with_key(|stem| {
                    all.stems.push(stem.clone());
                    sizes.push(0);
                    (all.stems.len() - 1) as u32
                });
                sizes[id as usize] += list.len();
                id
            })
            .collect()
        })
        .collect();
    all.postings = vec![Vec::new(); sizes.len()];
    for (part, global) in parts.into_iter().zip(globals) {
        for (local, list) in part.postings.into_iter().enumerate() {
            let id = global[local] as usize;
            // Allocated on first use, so the merged lists grow as the groups' are freed.
            let merged = &mut all.postings[id];
            if merged.capacity() == 0 {
                merged.reserve_exact(sizes[id]);
            }
            merged.extend(list);
        }
        for (surface, local) in part.surfaces {
            all.surfaces
                .entry(surface)
                .or_insert(global[local as usize]);
        }
        all.lengths.extend(part.lengths);
        all.snippets.extend(part.snippets);
    }
    all
}

/// A story and its resolved terms.
struct Story<'a> {
    article: &'a Article,
    terms: &'a ArticleTerms,
    facets: &'a Facets<'a>,
}

/// What one task reuses between stories.
struct Doc {
    words: Words,
    stemmer: Stemmer,
    text: String,
    length: f32,
}

impl Default for Doc {
    fn default() -> Doc {
        Doc {
            words: Words::default(),
            stemmer: Stemmer::create(Algorithm::English),
            text: String::new(),
            length: 0.0,
        }
    }
}

impl Doc {
    fn add(&mut self, part: &mut Part, config: &Config, story: &Story<'_>, doc: u32) {
        let a = story.article;
        self.field(part, &a.title, weight::TITLE);
        // A party by its name, and by the alias the story wrote if it used one
        // ("DeepMind" for Google DeepMind): readers search for either.
        let parties = story.facets.parties;
        for &p in &story.terms.parties {
            self.field(part, &parties.terms[p].name, weight::PARTIES);
        }
        for written in &a.parties {
            let alias = parties
                .term_index(written)
                .is_some_and(|p| fold_term(&parties.terms[p].name) != fold_term(written));
            if alias {
                self.field(part, written, weight::PARTIES);
            }
        }
        self.field(part, &config.categories[a.category].name, weight::CATEGORY);
        for &t in &story.terms.tags {
            self.field(part, &story.facets.tags.terms[t].name, weight::TAGS);
        }
        for author in &a.authors {
            self.field(part, author, weight::AUTHORS);
        }
        self.field(part, &a.summary, weight::DEK);
        self.field(part, &a.date_display, weight::DATE);
        let Doc {
            words,
            stemmer,
            length,
            text,
        } = self;
        // The snippet needs the body's start only: its first FRAGMENT_TEXT
        // characters, and whether a word goes on past them (see `cut`).
        text.clear();
        html_terms_and_text(
            &a.body.html,
            words,
            &mut |surface| count(part, stemmer, length, surface, weight::BODY),
            text,
            FRAGMENT_TEXT + 1,
        );
        part.snippets.push(snippet(&a.summary, text));
        for stem in part.touched.drain(..) {
            let tf = std::mem::take(&mut part.counts[stem as usize]);
            part.postings[stem as usize].push((doc, tf));
        }
        part.lengths.push(std::mem::take(&mut self.length));
    }

    fn field(&mut self, part: &mut Part, text: &str, weight: f32) {
        let Doc {
            words,
            stemmer,
            length,
            ..
        } = self;
        words.each(text, &mut |surface| {
            count(part, stemmer, length, surface, weight);
        });
    }
}

/// Counts one occurrence of a word in the current story, at a field's weight.
fn count(part: &mut Part, stemmer: &Stemmer, length: &mut f32, surface: &str, weight: f32) {
    let stem = match part.seen.get(surface) {
        Some(stem) => stem,
        None => {
            let stem = if is_stop_word(surface) {
                STOP
            } else {
                let stem = intern(part, &stemmer.stem(surface));
                part.surfaces.insert(surface.to_owned(), stem);
                stem
            };
            part.seen.insert(surface, stem);
            stem
        }
    };
    if stem == STOP {
        return;
    }
    let count = &mut part.counts[stem as usize];
    if *count == 0.0 {
        part.touched.push(stem);
    }
    *count += weight;
    *length += weight;
}

/// The words a group has met. Most words are short: those of up to 15 bytes are
/// kept packed in a number with their length, so looking one up (once per word of
/// every story, the index pass's commonest step) hashes and compares two machine
/// words instead of a string behind a pointer.
#[derive(Debug, Clone, Default)]
struct Seen {
    short: HashMap<u128, u32>,
    long: HashMap<String, u32>,
}

impl Seen {
    fn pack(word: &str) -> Option<u128> {
        let bytes = word.as_bytes();
        (bytes.len() < 16).then(|| {
            let mut packed = [0u8; 16];
            packed[..bytes.len()].copy_from_slice(bytes);
            packed[15] = bytes.len() as u8;
            u128::from_le_bytes(packed)
        })
    }

    fn get(&self, word: &str) -> Option<u32> {
        match Seen::pack(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    fn insert(&mut self, word: &str, stem: u32) {
        match Seen::pack(word) {
            Some(key) => self.short.insert(key, stem),
            None => self.long.insert(word.to_owned(), stem),
        };
    }
}

fn intern(part: &mut Part, stem: &str) -> u32 {
    if let Some(&id) = part.ids.get(stem) {
        return id;
    }
    let id = part.stems.len() as u32;
    part.stems.push(stem.to_owned());
    part.ids.insert(stem.to_owned(), id);
    part.postings.push(Vec::new());
    part.counts.push(0.0);
    id
}

/// What a result shows around its matches: the dek, then the start of the body
/// (a dek taken from the first paragraph is the body's start: once is enough).
fn snippet(dek: &str, body: &str) -> String {
    let mut text = String::with_capacity(FRAGMENT_TEXT + dek.len() + 8);
    // A dek cut from the first paragraph ends in "…" where the body goes on.
    if !body.starts_with(dek.strip_suffix('…').unwrap_or(dek)) {
        text.push_str(dek);
        text.push(' ');
    }
    text.push_str(cut(body, FRAGMENT_TEXT));
    text
}

/// `text` cut at a word boundary near `max` characters.
fn cut(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        None => text,
        Some((end, _)) => {
            let head = &text[..end];
            // Back to the last space, unless that loses half (CJK has none).
            head.rfind(' ')
                .filter(|&space| space >= head.len() / 2)
                .map_or(head, |space| &head[..space])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_between_words() {
        assert_eq!(cut("one two three", 100), "one two three");
        assert_eq!(cut("one two three", 9), "one two");
        assert_eq!(cut("Société générale", 9), "Société");
        let cjk = format!("AI {}", "東".repeat(600));
        assert_eq!(cut(&cjk, 480).chars().count(), 480);
    }

    #[test]
    fn a_dek_that_opens_the_body_is_shown_once() {
        assert_eq!(snippet("First.", "First. Second."), "First. Second.");
        assert_eq!(snippet("Dek.", "Body."), "Dek. Body.");
        assert_eq!(snippet("One two…", "One two, three."), "One two, three.");
    }
}
