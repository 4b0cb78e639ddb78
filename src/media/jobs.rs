//! Making the files of the site's pictures: every variant the articles' pictures
//! name, one job per source file (decoded once, however many variants are missing),
//! the jobs in parallel. Each variant goes through the [`MediaStore`], so a variant
//! made by any earlier build (or `serve`) is hard-linked, not encoded again.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::encode::{self, Decoded};
use super::picture::{Picture, problem};
use super::probe::Refusal;
use super::sources::Problem;
use super::store::{Folder, MediaStore};
use super::variants::Variant;
use crate::article::Article;
use crate::config::ImageSettings;
use crate::engine::Asset;
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::site::Site;

/// The variants of one source picture.
#[derive(Debug, Clone)]
pub struct Job<'a> {
    /// One of the pictures naming it (for the file, the story and the line).
    pub picture: &'a Picture,
}

/// One job per source picture the articles show, in a stable order (by the first
/// variant's name, which holds the hash of the bytes).
pub fn jobs(articles: &[Article]) -> Vec<Job<'_>> {
    let mut by_name: BTreeMap<&str, &Picture> = BTreeMap::new();
    for a in articles {
        for p in a.pictures.lead.iter().chain(&a.pictures.body) {
            if let Some(first) = p.variants.first() {
                by_name.entry(first.name.as_str()).or_insert(p);
            }
        }
    }
    by_name
        .into_values()
        .map(|picture| Job { picture })
        .collect()
}

/// Every file the jobs make, by output name.
pub fn outputs<'a>(jobs: &'a [Job<'a>]) -> impl Iterator<Item = &'a Variant> {
    jobs.iter().flat_map(|j| j.picture.variants.iter())
}

/// Puts the variants `wanted` accepts into `dir` (the folders are created), made
/// or taken from `store`. Returns how many were put.
pub fn place(
    jobs: &[Job<'_>],
    root: &Path,
    settings: &ImageSettings,
    store: &MediaStore,
    dir: &Path,
    wanted: &(dyn Fn(&Variant) -> bool + Sync),
) -> Result<usize> {
    // `wanted` is asked once a variant: `serve`'s looks at the file on disk.
    let chosen: Vec<Vec<&Variant>> = jobs
        .par_iter()
        .map(|job| job.picture.variants.iter().filter(|v| wanted(v)).collect())
        .collect();
    let folders = folders(&chosen, dir)?;
    let counts: Vec<usize> = (jobs.par_iter().zip(&chosen))
        .map(|(job, variants)| place_job(job, variants, (root, settings), store, &folders))
        .collect::<Result<_>>()?;
    Ok(counts.into_iter().sum())
}

/// The output folders of the `chosen` variants, by relative name, each created
/// and opened once for every picture placed in it (pictures share at most 256
/// folders, see `variants.rs`), in parallel.
fn folders<'a>(chosen: &[Vec<&'a Variant>], dir: &Path) -> Result<FxHashMap<&'a str, Folder>> {
    let parents: BTreeSet<&str> = chosen.iter().flatten().map(|v| parent(&v.name)).collect();
    parents
        .into_par_iter()
        .map(|p| Ok((p, Folder::create(dir.join(p))?)))
        .collect()
}

/// The folder a variant's file is in, relative (empty at the top).
fn parent(name: &str) -> &str {
    name.rsplit_once('/').map_or("", |(parent, _)| parent)
}

fn place_job(
    job: &Job<'_>,
    variants: &[&Variant],
    (root, settings): (&Path, &ImageSettings),
    store: &MediaStore,
    folders: &FxHashMap<&str, Folder>,
) -> Result<usize> {
    let picture = job.picture;
    let mut decoded: Option<Decoded> = None;
    // Each width is resized once, for its WebP and its fallback alike.
    let mut resized: Vec<Decoded> = Vec::new();
    for v in variants {
        let name = v.name.rsplit_once('/').map_or(v.name.as_str(), |(_, n)| n);
        let folder = &folders[parent(&v.name)];
        store.place(v.key, v.format.ext(), (folder, name), || {
            if decoded.is_none() {
                decoded = Some(decode(picture, root)?);
            }
            let full = decoded.as_ref().expect("decoded just now");
            let sized = match resized.iter().position(|r| r.size() == (v.width, v.height)) {
                Some(i) => &resized[i],
                None => {
                    resized.push(full.resized(v.width, v.height));
                    resized.last().expect("pushed just now")
                }
            };
            sized
                .encode(v.format, settings)
                .map_err(|why| refused(picture, Refusal::Corrupt(why)))
        })?;
    }
    Ok(variants.len())
}

/// Decodes a picture's source, or says why not on the line that names it.
fn decode(picture: &Picture, root: &Path) -> Result<Decoded> {
    decoded(picture, root).map_err(|d| Error::Content(Diagnostics(vec![d])))
}

fn decoded(picture: &Picture, root: &Path) -> std::result::Result<Decoded, Diagnostic> {
    let (story, line) = &picture.named_at;
    let told = |p: Problem| problem(story, *line, &picture.source, p);
    let bytes = std::fs::read(root.join(&picture.source))
        .map_err(|e| told(Problem::Unreadable(e.to_string())))?;
    encode::decode(&bytes).map_err(|r| told(Problem::Refused(r)))
}

fn refused(picture: &Picture, refusal: Refusal) -> Error {
    let (story, line) = &picture.named_at;
    Error::Content(Diagnostics(vec![problem(
        story,
        *line,
        &picture.source,
        Problem::Refused(refusal),
    )]))
}

/// The picture files of a site as one build or preview writes them: the jobs, the
/// static files that replace a variant of the same name (a site's own file wins over
/// a generated one, as everywhere), and the store.
pub struct Outputs<'a> {
    jobs: Vec<Job<'a>>,
    shadowed: HashSet<&'a str>,
    root: &'a Path,
    settings: &'a ImageSettings,
    store: &'a MediaStore,
}

impl<'a> Outputs<'a> {
    /// The picture files of `site`, beside its static files `assets`.
    pub fn new(site: &'a Site, assets: &'a [Asset], store: &'a MediaStore) -> Outputs<'a> {
        Outputs {
            jobs: jobs(&site.articles),
            shadowed: assets.iter().map(|a| a.name.as_str()).collect(),
            root: &site.config.root,
            settings: &site.config.images,
            store,
        }
    }

    /// Every file written (those no static file replaces).
    pub fn files(&self) -> impl Iterator<Item = &Variant> {
        outputs(&self.jobs).filter(|v| !self.shadowed.contains(v.name.as_str()))
    }

    /// What `check` does instead of making the files: decodes every source a build
    /// would decode, all of them, so pixel data broken behind a sound header is
    /// found before a build stops on it. A source whose every file is already in
    /// the store decoded in an earlier build (the files' keys hold its hash) and is
    /// not read again. Nothing is written.
    pub fn verify(&self) -> Vec<Diagnostic> {
        self.jobs
            .par_iter()
            .filter(|job| {
                let mut files = job.picture.variants.iter();
                let mut made = files.clone();
                files.any(|v| !self.shadowed.contains(v.name.as_str()))
                    && !made.all(|v| self.store.holds(v.key, v.format.ext()))
            })
            .filter_map(|job| decoded(job.picture, self.root).err())
            .collect()
    }

    /// Puts into `dir` the files `wanted` accepts; returns how many.
    pub fn place(&self, dir: &Path, wanted: &(dyn Fn(&Variant) -> bool + Sync)) -> Result<usize> {
        let wanted = |v: &Variant| !self.shadowed.contains(v.name.as_str()) && wanted(v);
        place(
            &self.jobs,
            self.root,
            self.settings,
            self.store,
            dir,
            &wanted,
        )
    }
}
