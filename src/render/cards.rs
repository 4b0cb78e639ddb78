//! Story cards rendered once per build. A story's card appears on the home page,
//! its category, tag and party pages, its month, its week's digest and the pages
//! of the stories it is related to: a dozen or more times. The theme's
//! `partials/card.html` renders one card; the `card(story=..., level=..., lead=...)` template
//! function renders it the first time a page asks for it and hands the same HTML
//! to every later page, so `story_list` prints cards instead of rendering them.
//! The plan keeps the cards it rendered ([`Cards`]); `serve`'s next plan takes
//! over those of the stories whose card did not change, so a category edit that
//! re-renders 330 list pages renders the moved story's card alone, not 10,000.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use tera::{Context, Kwargs, State, TeraResult, Value};

/// The theme template that renders one card, with `story` and `level`.
pub const TEMPLATE: &str = "partials/card.html";

/// How a card is shown: its heading level, and whether it leads its page (its
/// thumbnail fetched at once).
type Shown = (i64, bool);

/// Rendered cards by story URL, then by how they are shown (a story is shown in one
/// or two ways), looked up without allocating: every list page asks for each of
/// its cards. Each is kept as the template value it is printed as (a safe string,
/// reference-counted), so printing it again copies nothing.
type Rendered = RwLock<HashMap<Arc<str>, Vec<(Shown, Value)>>>;

/// Declares `card()` on a theme's templates before they are parsed (Tera checks
/// that every function a template calls exists); each build's copy replaces it
/// with [`register`].
pub fn declare(tera: &mut tera::Tera) {
    tera.register_function("card", |_: Kwargs, _: &State| -> TeraResult<Value> {
        Err(tera::Error::message(
            "card() works only while pages are rendered",
        ))
    });
}

/// The cards one plan rendered, by story URL. A card is the theme's card template
/// rendered from the story's card view and the global context alone (the
/// template calls no function that reads anything else), so it stands as long
/// as the story's card view, the templates and the site-wide values do.
#[derive(Clone, Default)]
pub struct Cards(Arc<Rendered>);

impl Cards {
    /// A cache of its own holding the cards whose story URL `keep` accepts.
    pub fn kept(&self, keep: impl Fn(&str) -> bool) -> Cards {
        let read = self.0.read().unwrap_or_else(|e| e.into_inner());
        let kept = read
            .iter()
            .filter(|(url, _)| keep(url))
            .map(|(url, ways)| (url.clone(), ways.clone()))
            .collect();
        Cards(Arc::new(RwLock::new(kept)))
    }

    /// Forgets the card of the story at `url`, whose card view changed.
    pub fn forget(&self, url: &str) {
        let mut write = self.0.write().unwrap_or_else(|e| e.into_inner());
        write.remove(url);
    }

    /// How many stories have a card rendered.
    pub fn len(&self) -> usize {
        self.0.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Whether no card is rendered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Registers `card()` on `tera` (a copy of the theme's templates, `site` in its
/// global context), rendering into and reusing `cards`.
pub fn register(tera: &mut tera::Tera, cards: &Cards) {
    let renderer = tera.clone();
    let cache = cards.0.clone();
    tera.register_function("card", move |kwargs: Kwargs, _: &State| {
        card(&renderer, &cache, &kwargs)
    });
}

fn card(tera: &tera::Tera, cache: &Rendered, kwargs: &Kwargs) -> TeraResult<Value> {
    let story: Value = kwargs.must_get("story")?;
    let level: i64 = kwargs.get("level")?.unwrap_or(2);
    let lead: bool = kwargs.get("lead")?.unwrap_or(false);
    let shown = (level, lead);
    let Some(url) = story.get_from_path("url").and_then(Value::as_str) else {
        return Err(tera::Error::message("card(): the story has no url"));
    };
    let cached = |ways: &Vec<(Shown, Value)>| {
        ways.iter()
            .find(|(way, _)| *way == shown)
            .map(|(_, html)| html.clone())
    };
    let read = cache.read().unwrap_or_else(|e| e.into_inner());
    if let Some(html) = read.get(url).and_then(cached) {
        return Ok(html);
    }
    drop(read);
    let mut ctx = Context::new();
    ctx.insert("story", &story);
    ctx.insert("level", &level);
    ctx.insert("lead", &lead);
    let html = Value::safe_string(&tera.render(TEMPLATE, &ctx)?);
    let mut write = cache.write().unwrap_or_else(|e| e.into_inner());
    let ways = write.entry(Arc::from(url)).or_default();
    // Another thread may have rendered the same card meanwhile: the same HTML.
    if !ways.iter().any(|(way, _)| *way == shown) {
        ways.push((shown, html.clone()));
    }
    Ok(html)
}
