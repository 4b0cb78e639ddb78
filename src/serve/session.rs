//! A preview session: the site kept in memory between rebuilds, so a change redoes
//! only the work it needs. Parsed stories are cached by file and re-read only when
//! their file changes; rendered bodies are cached by content. Every rebuild goes
//! through the engine's plan, which renders only the outputs whose declared reads
//! changed since the last one: an edit to one story that leaves the site's shape as
//! it was (its body, headline, dek, sources) patches that article in the kept site
//! (`patch.rs`, no reassembly) before planning; anything else reassembles the site
//! from the cached stories. Either way the pages a reader sees are written first
//! and the browser may reload; the search index, which reads every story, is made
//! after them. A stylesheet or image is copied alone. Each path
//! ends in the same output a full build makes (tested in
//! `tests/integration/serve/incremental.rs` and `tests/integration/incremental.rs`).

mod patch;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::pictures::place_pictures;
use crate::article::StoryIndex;
use crate::build::{BuildOptions, assemble_site_with, load_config, selection};
use crate::config::Config;
use crate::content::{self, Story};
use crate::engine::{Before, Plan, assets};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::index::SearchStage;
use crate::markdown;
use crate::media;
use crate::output::{Files, LiveOutput, WriteStats, file_key};
use crate::render::Theme;
use crate::render::kind::Family;
use crate::site::{Site, drop_aside};

/// What changed on disk, by kind, with paths relative to the site root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Story files created, changed or deleted.
    pub content: Vec<PathBuf>,
    /// Other paths under `content/` that are folders now or are gone (and may have
    /// been folders): created, renamed or deleted folders change which stories exist.
    pub folders: Vec<PathBuf>,
    /// Files under `static/` or the theme's `static/`.
    pub assets: Vec<PathBuf>,
    /// Any template changed.
    pub templates: bool,
    /// `site.toml` changed.
    pub config: bool,
}

impl Changes {
    /// Adds another batch's changes to these.
    pub fn merge(&mut self, other: Changes) {
        for p in &other.content {
            push_unique(&mut self.content, p);
        }
        for p in &other.folders {
            push_unique(&mut self.folders, p);
        }
        for p in &other.assets {
            push_unique(&mut self.assets, p);
        }
        self.templates |= other.templates;
        self.config |= other.config;
    }

    /// Whether nothing relevant changed.
    pub fn is_empty(&self) -> bool {
        self.content.is_empty()
            && self.folders.is_empty()
            && self.assets.is_empty()
            && !self.templates
            && !self.config
    }
}

/// What a rebuild did, for the browser and the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Pages changed: reload.
    Pages(WriteStats),
    /// Only stylesheets changed: swap them in place (their site paths).
    Stylesheets(Vec<String>),
}

/// The last good build, kept for the next change.
struct Built {
    site: Site,
    theme: Theme,
    /// Its plan, which also records what each output in the preview folder was
    /// made from.
    plan: Plan,
    /// Where each published story is, by content path, made on the first body
    /// edit that needs it (links resolve against it).
    published: Option<StoryIndex>,
}

/// A live preview's state between rebuilds.
pub struct Session {
    options: BuildOptions,
    out: LiveOutput,
    config: Option<Config>,
    stories: BTreeMap<PathBuf, std::result::Result<Story, Vec<Diagnostic>>>,
    markdown: markdown::Cache,
    /// Pictures' headers by file stamp, and the variants made, across rebuilds.
    sources: media::Sources,
    store: media::MediaStore,
    built: Option<Built>,
    /// Whether the kept build was made from the stories as they are now. A
    /// rebuild that fails leaves the last good build kept (its fingerprints are
    /// what the preview folder holds) but the stories newer than it, so the next
    /// change may not patch that build: it reassembles.
    current: bool,
    /// How many times the whole site was assembled (the first build included).
    reassemblies: usize,
}

impl Session {
    /// A session that writes into `out_dir` (emptied first). Nothing is built yet.
    pub fn new(options: BuildOptions, out_dir: &Path) -> Result<Session> {
        Ok(Session {
            out: LiveOutput::create(out_dir)?,
            config: None,
            stories: BTreeMap::new(),
            markdown: markdown::Cache::new(),
            sources: media::Sources::load(&options.root),
            store: media::MediaStore::open(&options.root),
            built: None,
            current: false,
            reassemblies: 0,
            options,
        })
    }

    /// The theme of the configuration last loaded, if one is.
    pub fn theme(&self) -> Option<&str> {
        self.config.as_ref().map(|c| c.theme.as_str())
    }

    /// The folder being served.
    pub fn output_dir(&self) -> &Path {
        self.out.dir()
    }

    /// Rereads everything and renders the whole site.
    pub fn rebuild_all(&mut self) -> Result<Outcome> {
        self.rebuild_all_then(&mut |_| {})
    }

    /// [`Session::rebuild_all`], calling `ready` once the pages are written (see
    /// [`Session::apply_then`]).
    fn rebuild_all_then(&mut self, ready: &mut dyn FnMut(&Outcome)) -> Result<Outcome> {
        self.current = false;
        let config = match load_config(&self.options) {
            Ok(c) => c,
            Err(e) => {
                // Until site.toml is fixed, no other change may build with the old one.
                self.config = None;
                self.built = None;
                return Err(e);
            }
        };
        let files = content::story_files(&config.root)?;
        self.stories = files
            .par_iter()
            .map(|rel| (rel.clone(), content::read_story(&config, rel)))
            .collect();
        self.config = Some(config);
        self.render_all(true, ready)
    }

    /// How many times the session assembled the whole site rather than patching
    /// the kept one (the first build included).
    pub fn reassemblies(&self) -> usize {
        self.reassemblies
    }

    /// Applies a batch of changes.
    pub fn apply(&mut self, changes: &Changes) -> Result<Outcome> {
        self.apply_then(changes, &mut |_| {})
    }

    /// [`Session::apply`], calling `ready` once, as soon as the pages a reader sees
    /// are in place: before the search index takes the new words (when a story is
    /// patched) or is made again (when the site is reassembled), so the browser
    /// reloads without waiting for the index; on the first build, and for a
    /// stylesheet or an image copied alone, when everything is written. Not called
    /// when the rebuild fails before its pages are written. When this returns
    /// `Ok`, the preview folder equals a full build either way.
    pub fn apply_then(
        &mut self,
        changes: &Changes,
        ready: &mut dyn FnMut(&Outcome),
    ) -> Result<Outcome> {
        let mut called = false;
        let mut once = |outcome: &Outcome| {
            if !std::mem::replace(&mut called, true) {
                ready(outcome);
            }
        };
        let outcome = self.apply_inner(changes, &mut once)?;
        once(&outcome);
        Ok(outcome)
    }

    fn apply_inner(
        &mut self,
        changes: &Changes,
        ready: &mut dyn FnMut(&Outcome),
    ) -> Result<Outcome> {
        // Only a new configuration (or none loaded yet) needs every file read again;
        // after a failed build the cached stories are still good.
        if changes.config || self.config.is_none() {
            return self.rebuild_all_then(ready);
        }
        let current = std::mem::replace(&mut self.current, false);
        let relisted = self.relist(&changes.folders)?;
        let config = self.config.as_ref().expect("loaded above");
        let mut previous = Vec::new();
        for rel in &changes.content {
            let old = if config.root.join(rel).is_file() {
                self.stories
                    .insert(rel.clone(), content::read_story(config, rel))
            } else {
                self.stories.remove(rel)
            };
            previous.push(old);
        }
        if current
            && !changes.templates
            && !relisted
            && changes.assets.is_empty()
            && let [rel] = changes.content.as_slice()
            && let Some(Some(Ok(old))) = previous.first()
            && let Some(outcome) = self.patch_story(rel, old, ready)?
        {
            return Ok(outcome);
        }
        if changes.content.is_empty() && !relisted && !changes.templates && self.built.is_some() {
            // No story changed: the kept build is as current as it was.
            self.current = current;
            return self.copy_assets(&changes.assets, ready);
        }
        self.render_all(changes.templates, ready)
    }

    /// Lists the stories again, as `build` would, when one of `folders` is a folder
    /// now or held stories before (a folder made, renamed or deleted). Stories still
    /// at their path keep their cached parse; new paths are read. Returns whether
    /// the list was redone.
    fn relist(&mut self, folders: &[PathBuf]) -> Result<bool> {
        let config = self.config.as_ref().expect("loaded by the caller");
        let matters = folders.iter().any(|f| {
            config.root.join(f).is_dir() || self.stories.keys().any(|s| s != f && s.starts_with(f))
        });
        if !matters {
            return Ok(false);
        }
        let mut old = std::mem::take(&mut self.stories);
        let (kept, new): (Vec<PathBuf>, Vec<PathBuf>) = content::story_files(&config.root)?
            .into_iter()
            .partition(|rel| old.contains_key(rel));
        self.stories = new
            .into_par_iter()
            .map(|rel| {
                let story = content::read_story(config, &rel);
                (rel, story)
            })
            .collect();
        for rel in kept {
            let story = old.remove(&rel).expect("partitioned by presence");
            self.stories.insert(rel, story);
        }
        Ok(true)
    }

    /// Reassembles the site from the cached stories and renders what changed since
    /// the last build (with the theme loaded again when `reload_theme`), calling
    /// `ready` once the pages are written and before the search index is made
    /// (see [`Session::publish`]). The last build is kept when this one fails to
    /// assemble or plan (a story's error, a clash: the common failures), so the
    /// next rebuild still renders only what changed; one that fails later (a
    /// template error, a disk error, or a clash of the search index's new shards
    /// once the pages are written) drops it, and the next renders everything.
    fn render_all(
        &mut self,
        reload_theme: bool,
        ready: &mut dyn FnMut(&Outcome),
    ) -> Result<Outcome> {
        self.reassemblies += 1;
        let config = self.config.clone().expect("configuration loaded");
        let mut stories = Vec::with_capacity(self.stories.len());
        let mut diagnostics = Vec::new();
        for r in self.stories.values() {
            match r {
                Ok(s) => stories.push(s),
                Err(ds) => diagnostics.extend(ds.iter().cloned()),
            }
        }
        if !diagnostics.is_empty() {
            return Err(Error::Content(Diagnostics(diagnostics)));
        }
        let loaded = match (&self.built, reload_theme) {
            (Some(_), false) => None,
            _ => Some(Theme::load(&config)?),
        };
        // With a site kept, its search index shows how many shards to plan for, and
        // the new one is made after the pages; the first build (or a site without
        // search) makes it with the other indexes.
        let search = match &self.built {
            Some(built) if config.search => SearchStage::Later {
                shards: built.site.indexes.search.shards.len(),
            },
            _ => SearchStage::Kept,
        };
        // The kept site's related stories stand where an edit cannot change them;
        // not after a new configuration (its categories and party aliases).
        let before = match reload_theme {
            false => self.built.as_ref().map(|b| &b.site),
            true => None,
        };
        let site = assemble_site_with(
            config,
            stories,
            &selection(&self.options),
            (Some(&self.markdown), Some(&self.sources)),
            (search, before),
        )?;
        self.markdown.prune();
        let (theme, last) = match (&loaded, self.built.as_mut()) {
            (Some(theme), built) => (theme, built.map(|b| (&b.site, &mut b.plan))),
            (None, Some(b)) => (&b.theme, Some((&b.site, &mut b.plan))),
            (None, None) => unreachable!("a theme is loaded when none is kept"),
        };
        let plan = Plan::after(&site, theme, last)?;
        // The last build is freed once the pages are written (before the search
        // index is made, or when `publish` returns if none is pending): freeing
        // 10,000 articles and their indexes is a good part of a reassembly, and
        // on a thread of its own while the pages rendered it took a core from
        // them. Its plan is what the new one is compared with, so it goes last.
        let (theme, last_plan, mut rest) = match (loaded, self.built.take()) {
            (loaded, Some(built)) => {
                let Built {
                    theme,
                    site,
                    plan,
                    published,
                } = built;
                let (theme, old_theme) = match loaded {
                    Some(loaded) => (loaded, Some(theme)),
                    None => (theme, None),
                };
                (theme, Some(plan), Some((site, published, old_theme)))
            }
            (Some(loaded), None) => (loaded, None, None),
            (None, None) => unreachable!("a theme is loaded when none is kept"),
        };
        let before = last_plan.as_ref().map_or(Before::Nothing, Before::plan);
        let mut written = |outcome: &Outcome| {
            ready(outcome);
            if let Some(rest) = rest.take() {
                drop_aside(rest);
            }
        };
        let outcome = self.publish((site, theme, plan), &before, &mut written);
        drop(before);
        if let Some(rest) = rest {
            drop_aside(rest);
        }
        if let Some(plan) = last_plan {
            drop_aside(plan);
        }
        outcome
    }

    /// Renders what changed since `before` into the preview folder and keeps the
    /// site for the next change. When the site's search index is pending, the
    /// pages go first (then `ready` is called, and the browser may reload); then
    /// the index is made and its files written, planned again should it need
    /// another number of shards.
    fn publish(
        &mut self,
        (site, theme, plan): (Site, Theme, Plan),
        before: &Before<'_>,
        ready: &mut dyn FnMut(&Outcome),
    ) -> Result<Outcome> {
        let (mut site, mut plan) = (site, plan);
        plan.compare(&site, before);
        // While the search index is pending, every stale output but its files.
        let mut files = plan.render(&site, &theme, None)?;
        let mut pictures = place_pictures(&mut self.out, &self.store, &site, &plan)?;
        // Assets are few; the preview folder skips the unchanged ones by hash.
        for asset in &plan.assets {
            files.push((PathBuf::from(&asset.name), asset.read()?));
        }
        let mut stats = self.out.apply(files, &everything(&plan, &pictures))?;
        if site.indexes.search.is_pending() {
            ready(&Outcome::Pages(stats));
            if site.indexes.make_search(&site.config, &site.articles) {
                plan.compare_pending(&site, before);
            } else {
                // Only the search outputs' routes change with the shards (sitemaps
                // and redirect rules list pages), so the pages written stand.
                plan = Plan::after(&site, &theme, Some((&site, &mut plan)))?;
                pictures = place_pictures(&mut self.out, &self.store, &site, &plan)?;
                plan.compare(&site, before);
            }
            let search = |family| family == Family::Search;
            let files = plan.render_in(&site, &theme, None, &search)?;
            stats += self.out.apply(files, &everything(&plan, &pictures))?;
        }
        self.built = Some(Built {
            site,
            theme,
            plan,
            published: None,
        });
        self.current = true;
        Ok(Outcome::Pages(stats))
    }

    /// Copies changed assets; stylesheets alone are swapped without a reload. An
    /// asset added or removed may shadow a page or stop doing so: the plan decides
    /// that, so the site is planned again. (A site's file replacing the theme's
    /// of the same name is only a changed file.)
    fn copy_assets(
        &mut self,
        changed: &[PathBuf],
        ready: &mut dyn FnMut(&Outcome),
    ) -> Result<Outcome> {
        let built = self.built.as_ref().expect("checked by the caller");
        let all = assets(&built.site, &built.theme)?;
        let names = |list: &[crate::engine::Asset]| -> Vec<String> {
            list.iter().map(|a| a.name.clone()).collect()
        };
        // A changed picture gets new variants, and the pages showing it new URLs.
        let picture = changed
            .iter()
            .any(|c| media::probe::Format::of_name(&c.to_string_lossy()).is_some());
        if picture || names(&all) != names(&built.plan.assets) {
            return self.render_all(false, ready);
        }
        let config = self.config.as_ref().expect("loaded");
        let mut files = Vec::new();
        for asset in all.iter().filter(|a| !built.plan.assets.contains(a)) {
            // Now the site's own file where the theme's was: copied as changed.
            files.push((PathBuf::from(&asset.name), asset.read()?));
        }
        for asset in all.iter().filter(|a| built.plan.assets.contains(a)) {
            let rel = asset.path.strip_prefix(&config.root).unwrap_or(&asset.path);
            if changed.iter().any(|c| c == rel) {
                files.push((PathBuf::from(&asset.name), asset.read()?));
            }
        }
        let only_css = !files.is_empty()
            && changed
                .iter()
                .all(|c| c.extension().is_some_and(|x| x == "css"));
        let stats = self.out.write_some(&files)?;
        if let Some(built) = self.built.as_mut() {
            built.plan.assets = all;
        }
        if only_css {
            let base = config.base_url.path();
            Ok(Outcome::Stylesheets(
                files
                    .iter()
                    .map(|(n, _)| format!("{base}{}", n.display()))
                    .collect(),
            ))
        } else {
            Ok(Outcome::Pages(stats))
        }
    }
}

/// Every file the preview folder is to hold for `plan`: its outputs, its static
/// files and `pictures`, the pictures' files.
fn everything<'a>(plan: &'a Plan, pictures: &'a [PathBuf]) -> Files<'a> {
    let outputs = plan.files().map(PathBuf::as_path);
    let assets = plan.assets.iter().map(|a| Path::new(&a.name));
    (outputs
        .chain(pictures.iter().map(PathBuf::as_path))
        .chain(assets))
    .map(file_key)
    .collect()
}

/// Adds a path to a list of changed paths unless it is there already.
pub(super) fn push_unique(list: &mut Vec<PathBuf>, rel: &Path) {
    if !list.iter().any(|p| p == rel) {
        list.push(rel.to_path_buf());
    }
}
