//! A preview session: the site kept in memory between rebuilds, so a change redoes
//! only the work it needs. Parsed stories are cached by file and re-read only when
//! their file changes; an edit to a story's body that leaves everything a list shows
//! unchanged re-renders that one page; a stylesheet or image is copied alone;
//! anything else re-renders the site, rewriting only files whose bytes changed. Each
//! path ends in the same output a full build makes (tested in
//! `tests/integration/serve/incremental.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::summary_of;
use crate::build::{BuildOptions, assemble_site_with, load_config, selection};
use crate::config::Config;
use crate::content::{self, Story};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::markdown::{self, Links};
use crate::output::{LiveOutput, WriteStats};
use crate::render::{Renderer, Route, Theme, files_under, routes};
use crate::site::Site;

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
    routes: Vec<Route>,
}

/// A live preview's state between rebuilds.
pub struct Session {
    options: BuildOptions,
    out: LiveOutput,
    config: Option<Config>,
    stories: BTreeMap<PathBuf, std::result::Result<Story, Vec<Diagnostic>>>,
    markdown: markdown::Cache,
    built: Option<Built>,
}

impl Session {
    /// A session that writes into `out_dir` (emptied first). Nothing is built yet.
    pub fn new(options: BuildOptions, out_dir: &Path) -> Result<Session> {
        Ok(Session {
            options,
            out: LiveOutput::create(out_dir)?,
            config: None,
            stories: BTreeMap::new(),
            markdown: markdown::Cache::new(),
            built: None,
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
        self.render_all(None)
    }

    /// Applies a batch of changes.
    pub fn apply(&mut self, changes: &Changes) -> Result<Outcome> {
        // Only a new configuration (or none loaded yet) needs every file read again;
        // after a failed build the cached stories are still good.
        if changes.config || self.config.is_none() {
            return self.rebuild_all();
        }
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
        if !changes.templates
            && !relisted
            && changes.assets.is_empty()
            && let [rel] = changes.content.as_slice()
            && let Some(Some(Ok(old))) = previous.first()
            && let Some(outcome) = self.body_only(rel, old)?
        {
            return Ok(outcome);
        }
        if changes.content.is_empty() && !relisted && !changes.templates && self.built.is_some() {
            return self.copy_assets(&changes.assets);
        }
        let theme = if changes.templates {
            None
        } else {
            self.built.take().map(|b| b.theme)
        };
        self.render_all(theme)
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

    /// Renders the whole site from the cached stories.
    fn render_all(&mut self, theme: Option<Theme>) -> Result<Outcome> {
        let config = self.config.clone().expect("configuration loaded");
        let mut stories = Vec::with_capacity(self.stories.len());
        let mut diagnostics = Vec::new();
        for r in self.stories.values() {
            match r {
                Ok(s) => stories.push(s.clone()),
                Err(ds) => diagnostics.extend(ds.iter().cloned()),
            }
        }
        if !diagnostics.is_empty() {
            return Err(Error::Content(Diagnostics(diagnostics)));
        }
        let theme = match theme {
            Some(t) => t,
            None => Theme::load(&config)?,
        };
        let site = assemble_site_with(
            config,
            stories,
            &selection(&self.options),
            Some(&self.markdown),
        )?;
        self.markdown.prune();
        let assets = assets(&theme)?;
        // A site's own static file wins over a generated one, as in `build`, where
        // static files are copied after the pages.
        let names: std::collections::HashSet<PathBuf> =
            assets.iter().map(|(n, _)| PathBuf::from(n)).collect();
        let routes = routes(&site)?;
        let written: Vec<&Route> = routes
            .iter()
            .filter(|r| !names.contains(&r.permalink(&site).output_file()))
            .collect();
        let stats = {
            let renderer = Renderer::new(&site, &theme, &routes);
            self.out
                .write_all(written.len() + assets.len(), |i| match written.get(i) {
                    Some(r) => Ok((r.permalink(&site).output_file(), renderer.render(r)?)),
                    None => {
                        let (name, path) = &assets[i - written.len()];
                        let bytes =
                            std::fs::read(path).map_err(|e| Error::io("cannot read", path, e))?;
                        Ok((PathBuf::from(name), bytes))
                    }
                })?
        };
        self.built = Some(Built {
            site,
            theme,
            routes,
        });
        Ok(Outcome::Pages(stats))
    }

    /// The fast path: one story's body changed and nothing any other page shows.
    fn body_only(&mut self, rel: &Path, old: &Story) -> Result<Option<Outcome>> {
        let (Some(built), Some(Ok(new))) = (self.built.as_mut(), self.stories.get(rel)) else {
            return Ok(None);
        };
        let site = &mut built.site;
        // Links to other stories and full-content feeds reach beyond the page.
        if new.front != old.front
            || new.body.contains(".md")
            || new.body.contains("@/")
            || site.config.feeds.full_content
        {
            return Ok(None);
        }
        let Some(index) = site.articles.iter().position(|a| a.source == rel) else {
            return Ok(None);
        };
        let body = markdown::render(
            &new.body,
            &Links::plain(site.config.base_url.path()),
            site.config.markdown.raw_html,
        );
        // A body the build rejects goes the full way, where the error is reported.
        if body.stops_build() {
            return Ok(None);
        }
        let article = &site.articles[index];
        if summary_of(new.front.summary.as_deref(), &body) != article.summary
            || body.reading_minutes() != article.body.reading_minutes()
        {
            return Ok(None);
        }
        site.articles[index].body = body;
        let route = Route::Article(index);
        let page = Renderer::new(site, &built.theme, &built.routes).render(&route)?;
        let stats = self
            .out
            .write_some(&[(route.permalink(site).output_file(), page)])?;
        Ok(Some(Outcome::Pages(stats)))
    }

    /// Copies changed assets; stylesheets alone are swapped without a reload.
    fn copy_assets(&mut self, changed: &[PathBuf]) -> Result<Outcome> {
        let built = self.built.as_ref().expect("checked by the caller");
        let all = assets(&built.theme)?;
        let config = self.config.as_ref().expect("loaded");
        let mut files = Vec::new();
        for (name, path) in &all {
            let rel = path.strip_prefix(&config.root).unwrap_or(path);
            if changed.iter().any(|c| c == rel) {
                files.push((
                    PathBuf::from(name),
                    std::fs::read(path).map_err(|e| Error::io("cannot read", path, e))?,
                ));
            }
        }
        let only_css = !files.is_empty()
            && changed
                .iter()
                .all(|c| c.extension().is_some_and(|x| x == "css"));
        let stats = self.out.write_some(&files)?;
        if only_css {
            let base = config.base_url.path();
            Ok(Outcome::Stylesheets(
                files
                    .iter()
                    .map(|(n, _)| format!("{base}{}", n.display()))
                    .collect(),
            ))
        } else if files.is_empty() {
            // A deleted asset, or one shadowed by the site's own: redo everything.
            let theme = self.built.take().map(|b| b.theme);
            self.render_all(theme)
        } else {
            Ok(Outcome::Pages(stats))
        }
    }
}

/// Adds a path to a list of changed paths unless it is there already.
pub(super) fn push_unique(list: &mut Vec<PathBuf>, rel: &Path) {
    if !list.iter().any(|p| p == rel) {
        list.push(rel.to_path_buf());
    }
}

/// Static files, theme first and the site's own winning, by output name.
fn assets(theme: &Theme) -> Result<Vec<(String, PathBuf)>> {
    let mut by_name = BTreeMap::new();
    for dir in &theme.static_dirs {
        for (name, path) in files_under(dir)? {
            by_name.insert(name, path);
        }
    }
    Ok(by_name.into_iter().collect())
}
