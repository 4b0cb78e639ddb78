//! The build pipeline, top to bottom: load config → load content → render Markdown →
//! build indexes → plan and render pages (the engine) → write output. Each stage is
//! a function from one type to the next; this file only strings them together.
//!
//! A build without a usable cache writes a whole new site into a staging folder and
//! swaps it in; with one (in `.smartpicks/`, see `engine::cache`) it renders
//! only the outputs whose inputs changed and updates the folder in place.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::article;
use crate::config::Config;
use crate::content::{self, Selection};
use crate::engine::Plan;
use crate::engine::cache::{BuildCache, Settled};
use crate::error::{Error, Result};
use crate::index::{Indexes, SearchStage};
use crate::media::{self, MediaStore, Sources};
use crate::output;
use crate::render::Theme;
use crate::render::kind::Family;
use crate::site::Site;
use crate::url::BaseUrl;
use write::write;

mod made;
mod settled;
mod write;

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
    /// Ignore the build cache: render everything, and keep no cache.
    pub no_cache: bool,
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
            no_cache: false,
        }
    }
}

/// What a finished build made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Stories published.
    pub stories: usize,
    /// Output files the site has (pages, redirect stubs, feeds, sitemaps).
    pub pages: usize,
    /// Of those, how many this build rendered (all of them without a cache).
    pub rendered: usize,
    /// How many of those each family of kinds made (pages, feeds, ...), in summary
    /// order.
    pub made: Vec<(Family, usize)>,
    /// Static files copied.
    pub static_files: usize,
    /// Of those, how many are images.
    pub images: usize,
    /// Files made of the stories' pictures (every width and format) the site has.
    pub picture_files: usize,
    /// Of those, how many this build encoded (the rest came from the media store).
    pub pictures_encoded: usize,
    /// Where the site went.
    pub output: PathBuf,
    /// How long it took.
    pub elapsed: Duration,
    /// How long each stage took, in pipeline order.
    pub stages: Vec<(&'static str, Duration)>,
    /// Media files (social cards) this build made, and those it found in the
    /// media store (`.smartpicks/media`) already made.
    pub media: (usize, usize),
}

/// Times the stages of one build.
struct Clock {
    last: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Ends the stage called `name`.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.stages.push((name, now - self.last));
        self.last = now;
    }
}

/// Loads everything up to the read-only site model, writing nothing.
pub fn load_site(options: &BuildOptions) -> Result<Site> {
    let config = load_config(options)?;
    let stories = content::load(&config)?;
    assemble_site(config, &stories, &selection(options))
}

/// The stages from checked stories to the read-only site model.
pub fn assemble_site(
    config: Config,
    stories: &[content::Story],
    selection: &Selection,
) -> Result<Site> {
    let stories = stories.iter().collect();
    assemble_site_with(
        config,
        stories,
        selection,
        (None, None),
        (SearchStage::Now, None),
    )
}

/// [`assemble_site`], with rendered bodies taken from (and kept in) a cache, and
/// pictures' headers from known sources, when given, and the search index made
/// as `search` says.
pub fn assemble_site_with(
    config: Config,
    stories: Vec<&content::Story>,
    selection: &Selection,
    (cache, sources): (Option<&crate::markdown::Cache>, Option<&Sources>),
    (search, before): (SearchStage, Option<&Site>),
) -> Result<Site> {
    let articles = article::assemble_with(&config, stories, selection, cache)?;
    let fresh;
    let sources = match sources {
        Some(s) => s,
        None => {
            fresh = Sources::in_memory(&config.root);
            &fresh
        }
    };
    let articles = media::attach(&config, sources, articles)?;
    let before = before.map(|s| (s.articles.as_slice(), &s.indexes));
    let indexes = Indexes::build_with(&config, &articles, search, before);
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

/// Builds the site: on success the output folder holds the new site. A build that
/// fails before it writes (any error in the sources, the theme or a page) leaves the
/// previous site untouched; so does a full build that fails while writing, since it
/// writes beside the output. A cached build writes in place, after every page has
/// rendered: if writing itself fails half-way (a full disk), the output mixes old
/// and new files, and the cache is already gone, so the next build is a full one.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let mut clock = Clock::start();
    let selection = selection(options);
    // Nothing read has changed since the last build into this folder: it stands.
    let inputs = (!options.no_cache).then(|| settled::inputs(options));
    if let Some(mut report) = inputs.and_then(|i| settled::stands(options, i, selection.now)) {
        clock.lap("check sources and output");
        report.elapsed = started.elapsed();
        report.stages = clock.stages;
        return Ok(report);
    }
    let config = load_config(options)?;
    let stories = content::load(&config)?;
    clock.lap("read stories");
    let until = settled::until(&stories, &[], selection.now);
    // Each story is dropped as its body is rendered.
    let articles = article::assemble(&config, stories, &selection)?;
    clock.lap("render Markdown");
    let sources = Sources::for_build(&options.root, options.no_cache);
    let articles = media::attach(&config, &sources, articles)?;
    clock.lap("read images");
    let indexes = Indexes::build(&config, &articles);
    let site = Site {
        config,
        articles,
        indexes,
        now: selection.now,
    };
    clock.lap("build indexes");
    let mut theme = Theme::load(&site.config)?;
    if options.no_cache {
        theme.media = crate::media::MediaStore::disabled();
    }
    let target = output::checked_output(
        &options.root,
        &options
            .output
            .clone()
            .unwrap_or_else(|| options.root.join("public")),
        options.force,
    )?;
    let mut plan = Plan::new(&site, &theme)?;
    clock.lap("plan");
    let store = MediaStore::for_build(&options.root, options.no_cache);
    let assets = plan.assets.clone();
    let pictures = media::Outputs::new(&site, &assets, &store);
    let (rendered, entries) = write((&site, &theme), (&mut plan, &pictures), &target, options)?;
    clock.lap("render and write");
    let report = BuildReport {
        stories: site.articles.len(),
        pages: plan.len(),
        rendered,
        made: plan.families(),
        static_files: plan.assets.len(),
        images: plan.assets.iter().filter(|a| is_image(&a.name)).count(),
        picture_files: pictures.files().count(),
        pictures_encoded: store.made(),
        output: target.path.clone(),
        elapsed: started.elapsed(),
        stages: Vec::new(),
        media: (theme.media.made(), theme.media.reused()),
    };
    let published: Vec<jiff::Timestamp> = site.articles.iter().map(|a| a.date.timestamp).collect();
    // Everything is written; the cache is saved while the site is freed.
    crate::site::drop_aside((site, plan));
    if let Some(inputs) = inputs {
        sources.save();
        let settled = (!inputs.racy).then(|| Settled {
            inputs: inputs.digest,
            since: selection.now.as_nanosecond(),
            until: until
                .into_iter()
                .chain(settled::until(&[], &published, selection.now))
                .min(),
            summary: settled::summary(&report),
        });
        // The site is built and in place; a cache that cannot be written (a
        // read-only site folder) only makes the next build a full one.
        let cache = BuildCache { entries, settled };
        let _ = cache.save(&options.root, &target.path);
        clock.lap("save cache");
    }
    Ok(BuildReport {
        elapsed: started.elapsed(),
        stages: clock.stages,
        ..report
    })
}

/// Whether a static file is a picture, by its extension.
fn is_image(name: &str) -> bool {
    const IMAGES: [&str; 8] = ["png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico"];
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| IMAGES.iter().any(|i| ext.eq_ignore_ascii_case(i)))
}

/// The output folder shown to the user: relative to `root` when inside it.
pub fn display_output(root: &Path, output: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    match output.strip_prefix(&root) {
        Ok(rel) => format!("{}/", rel.display()),
        Err(_) => format!("{}/", output.display()),
    }
}
