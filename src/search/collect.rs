//! Gathering the postings: every published story's fields are split into words
//! (in parallel, a range of stories per task, each task with its own stem table),
//! then the tasks' tables are merged in story order, so every posting list comes out
//! ascending and the result does not depend on how many threads ran.

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap as HashMap;

use super::text::html_text;
use super::words::{Words, is_stop_word};
use crate::article::Article;
use crate::config::Config;

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
}

/// The stem id of a stop word: left out of the index.
const STOP: u32 = u32::MAX;

/// One task's share: the same shape, with its own stem ids.
#[derive(Default)]
struct Part {
    /// Every word met, stop words included, with its stem id (or [`STOP`]).
    seen: HashMap<String, u32>,
    stems: Vec<String>,
    ids: HashMap<String, u32>,
    postings: Vec<Vec<(u32, f32)>>,
    surfaces: HashMap<String, u32>,
    lengths: Vec<f32>,
}

/// Collects the postings of `docs` (doc `d` is `articles[docs[d]]`).
pub fn collect(config: &Config, articles: &[Article], docs: &[usize]) -> Collected {
    let parts: Vec<Part> = docs
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            let mut part = Part::default();
            let mut doc = Doc::default();
            for (k, &a) in chunk.iter().enumerate() {
                doc.add(&mut part, config, &articles[a], (c * CHUNK + k) as u32);
            }
            part
        })
        .collect();
    let mut all = Collected {
        stems: Vec::new(),
        postings: Vec::new(),
        surfaces: HashMap::default(),
        lengths: Vec::with_capacity(docs.len()),
    };
    let mut ids: HashMap<String, u32> = HashMap::default();
    for part in parts {
        let global: Vec<u32> = part
            .stems
            .into_iter()
            .map(|stem| {
                *ids.entry(stem).or_insert_with_key(|stem| {
                    all.stems.push(stem.clone());
                    all.postings.push(Vec::new());
                    (all.stems.len() - 1) as u32
                })
            })
            .collect();
        for (local, list) in part.postings.into_iter().enumerate() {
            all.postings[global[local] as usize].extend(list);
        }
        for (surface, local) in part.surfaces {
            all.surfaces
                .entry(surface)
                .or_insert(global[local as usize]);
        }
        all.lengths.extend(part.lengths);
    }
    all
}

/// What one task reuses between stories.
struct Doc {
    words: Words,
    stemmer: Stemmer,
    counts: HashMap<u32, f32>,
    text: String,
    length: f32,
}

impl Default for Doc {
    fn default() -> Doc {
        Doc {
            words: Words::default(),
            stemmer: Stemmer::create(Algorithm::English),
            counts: HashMap::default(),
            text: String::new(),
            length: 0.0,
        }
    }
}

impl Doc {
    fn add(&mut self, part: &mut Part, config: &Config, a: &Article, doc: u32) {
        self.field(part, &a.title, weight::TITLE);
        for party in &a.parties {
            self.field(part, party, weight::PARTIES);
        }
        self.field(part, &config.categories[a.category].name, weight::CATEGORY);
        for tag in &a.tags {
            self.field(part, tag, weight::TAGS);
        }
        if let Some(author) = &a.author {
            self.field(part, author, weight::AUTHORS);
        }
        self.field(part, &a.summary, weight::DEK);
        self.field(part, &a.date_display, weight::DATE);
        let mut text = std::mem::take(&mut self.text);
        text.clear();
        html_text(&a.body.html, &mut text);
        self.field(part, &text, weight::BODY);
        self.text = text;
        // One posting per stem and doc, docs in order: the map's order is irrelevant.
        for (stem, tf) in self.counts.drain() {
            part.postings[stem as usize].push((doc, tf));
        }
        part.lengths.push(std::mem::take(&mut self.length));
    }

    fn field(&mut self, part: &mut Part, text: &str, weight: f32) {
        let Doc {
            words,
            stemmer,
            counts,
            length,
            ..
        } = self;
        words.each(text, &mut |surface| {
            let stem = match part.seen.get(surface) {
                Some(&stem) => stem,
                None => {
                    let stem = if is_stop_word(surface) {
                        STOP
                    } else {
                        let stem = intern(part, &stemmer.stem(surface));
                        part.surfaces.insert(surface.to_owned(), stem);
                        stem
                    };
                    part.seen.insert(surface.to_owned(), stem);
                    stem
                }
            };
            if stem == STOP {
                return;
            }
            *counts.entry(stem).or_insert(0.0) += weight;
            *length += weight;
        });
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
    id
}
