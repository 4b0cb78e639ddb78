//! The build pipeline, top to bottom: load config → load content → render Markdown →
//! build indexes → render pages → write output. Each stage is a function from one
//! type to the next; this file only strings them together.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::article;
use crate::config::Config;
use crate::content::{self, Selection};
use crate::error::{Error, Result};
use crate::index::Indexes;
use crate::output::{self, Staging};
use crate::render::{Renderer, Theme, check_static_clashes, routes};
use crate::site::Site;
use crate::url::BaseUrl;

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (where `site.toml` is).
    pub root: PathBuf,
    /// Where the site is written; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// Replace the output folder even when no build wrote it (it holds no
    /// `.smartpicks-output` marker). Never lifts the other safety checks.
    pub force: bool,
    /// Replaces `base_url` from `site.toml` (for previews and staging hosts).
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Include future-dated stories.
    pub future: bool,
    /// The moment that counts as now; the clock when absent.
    pub now: Option<jiff::Timestamp>,
}

impl BuildOptions {
    /// Options for the site in `root`, everything else default.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            root: root.into(),
            output: None,
            force: false,
            base_url: None,
            drafts: false,
            future: false,
            now: None,
        }
    }
}

/// What a finished build made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Stories published.
    pub stories: usize,
    /// HTML pages written (redirect stubs included).
    pub pages: usize,
    /// Static files copied.
    pub static_files: usize,
    /// Where the site went.
    pub output: PathBuf,
    /// How long it took.
    pub elapsed: Duration,
}

/// Loads everything up to the read-only site model, writing nothing.
pub fn load_site(options: &BuildOptions) -> Result<Site> {
    let config = load_config(options)?;
    let stories = content::load(&config)?;
    assemble_site(config, stories, &selection(options))
}

/// The stages from checked stories to the read-only site model.
pub fn assemble_site(
    config: Config,
    stories: Vec<content::Story>,
    selection: &Selection,
) -> Result<Site> {
    assemble_site_with(config, stories, selection, None)
}

/// [`assemble_site`], with rendered bodies taken from (and kept in) a cache when given.
pub fn assemble_site_with(
    config: Config,
    stories: Vec<content::Story>,
    selection: &Selection,
    cache: Option<&crate::markdown::Cache>,
) -> Result<Site> {
    let articles = article::assemble_with(&config, stories, selection, cache)?;
    let indexes = Indexes::build(&config, &articles);
    Ok(Site {
        config,
        articles,
        indexes,
        now: selection.now,
    })
}

/// The configuration with the options' `base_url` override applied.
pub fn load_config(options: &BuildOptions) -> Result<Config> {
    let mut config = Config::load(&options.root)?;
    if let Some(url) = &options.base_url {
        config.base_url =
            BaseUrl::parse(url).map_err(|m| Error::Usage(format!("--base-url: {m}")))?;
    }
    Ok(config)
}

/// Which stories the options publish.
pub fn selection(options: &BuildOptions) -> Selection {
    Selection {
        drafts: options.drafts,
        future: options.future,
        now: options.now.unwrap_or_else(jiff::Timestamp::now),
    }
}

/// Builds the site: on success the output folder holds the new site; on failure the
/// previous one is untouched.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let site = load_site(options)?;
    let theme = Theme::load(&site.config)?;
    let target = output::checked_output(
        &options.root,
        &options
            .output
            .clone()
            .unwrap_or_else(|| options.root.join("public")),
        options.force,
    )?;
    let routes = routes(&site)?;
    check_static_clashes(&site, &routes, &theme.static_dirs)?;
    let files: Vec<PathBuf> = routes
        .iter()
        .map(|r| r.permalink(&site).output_file())
        .collect();
    let staging = Staging::create(&target)?;
    staging.create_dirs(files.iter().map(PathBuf::as_path))?;
    let renderer = Renderer::new(&site, &theme, &routes);
    routes
        .par_iter()
        .zip(files.par_iter())
        .try_for_each(|(route, file)| staging.write(file, &renderer.render(route)?))?;
    let static_files = staging.copy_static(&theme.static_dirs)?;
    staging.commit()?;
    Ok(BuildReport {
        stories: site.articles.len(),
        pages: routes.len(),
        static_files,
        output: target.path,
        elapsed: started.elapsed(),
    })
}

/// The output folder shown to the user: relative to `root` when inside it.
pub fn display_output(root: &Path, output: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    match output.strip_prefix(&root) {
        Ok(rel) => format!("{}/", rel.display()),
        Err(_) => format!("{}/", output.display()),
    }
}
