//! Story cards rendered once per build. A story's card appears on the home page,
//! its category, tag and party pages, its month, its week's digest and the pages
//! of the stories it is related to: a dozen or more times. The theme's
//! `partials/card.html` renders one card; the `card(story=..., level=..., lead=...)` template
//! function renders it the first time a page asks for it and hands the same HTML
//! to every later page, so `story_list` prints cards instead of rendering them.
//! The plan keeps the cards it rendered ([`Cards`]); `serve`'s next plan takes
//! over those of the stories whose card did not change, so a category edit that
//! re-renders 330 list pages renders the moved story's card alone, not 10,000.
//! `serve`'s cards also keep each story's card view as the template value list
//! pages are given ([`Cards::views`]): a new story shifts every page of the home
//! page and of its terms, a thousand pages at 10,000 stories, and each would
//! otherwise turn ten card views into template values again. A build keeps no
//! views: there each page is rendered once, and holding 10,000 values cost peak
//! memory (docs/benchmarks.md).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use tera::{Context, Kwargs, State, TeraResult, Value};

use super::views::Views;
use crate::site::Site;

/// The theme template that renders one card, with `story` and `level`.
pub const TEMPLATE: &str = "partials/card.html";

/// How a card is shown: its heading level, and whether it leads its page (its
/// thumbnail fetched at once).
type Shown = (i64, bool);

/// One story's card: rendered by how it is shown (a story is shown in one or two
/// ways), each kept as the template value it is printed as (a safe string,
/// reference-counted, so printing it again copies nothing); and, where views are
/// kept, its card view as a template value.
#[derive(Clone, Default)]
struct Card {
    ways: Vec<(Shown, Value)>,
    view: Option<Value>,
}

/// Cards by story URL, looked up without allocating: every list page asks for
/// each of its cards.
type Rendered = RwLock<HashMap<Arc<str>, Card>>;

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
pub struct Cards {
    rendered: Arc<Rendered>,
    /// Whether card views are kept too ([`Cards::views`]).
    keeps_views: bool,
}

impl Cards {
    /// An empty cache that keeps card views as well as rendered cards, for a plan
    /// that renders again and again (`serve`'s).
    pub fn lasting() -> Cards {
        Cards {
            keeps_views: true,
            ..Cards::default()
        }
    }

    /// These cards, narrowed in place to those whose story URL `keep` accepts:
    /// the next plan takes them over from the last ([`crate::engine::Plan::after`])
    /// rather than copying them (copying 10,000 cards took about 5 ms of a new
    /// story's reassembly at 10,000 stories).
    pub fn narrowed(self, keep: impl Fn(&str) -> bool) -> Cards {
        let mut write = self.rendered.write().unwrap_or_else(|e| e.into_inner());
        write.retain(|url, _| keep(url));
        drop(write);
        self
    }

    /// The card views of `stories` (positions in `site`, whose `views` these
    /// are) as template values, each made from [`Views::card`] the first time it
    /// is asked for and kept when views are kept: the same values as
    /// serialising the views.
    pub fn views(&self, (site, views): (&Site, &Views<'_>), stories: &[usize]) -> Vec<Value> {
        let make = |i: usize| Value::from_serializable(&views.card(i));
        if !self.keeps_views {
            return stories.iter().map(|&i| make(i)).collect();
        }
        let articles = &site.articles;
        let kept = |i: usize| {
            let read = self.rendered.read().unwrap_or_else(|e| e.into_inner());
            read.get(articles[i].href.as_str())?.view.clone()
        };
        (stories.iter())
            .map(|&i| {
                kept(i).unwrap_or_else(|| {
                    let view = make(i);
                    let mut write = self.rendered.write().unwrap_or_else(|e| e.into_inner());
                    let card = write.entry(Arc::from(articles[i].href.as_str()));
                    card.or_default().view = Some(view.clone());
                    view
                })
            })
            .collect()
    }

    /// Forgets the card of the story at `url`, whose card view changed.
    pub fn forget(&self, url: &str) {
        let mut write = self.rendered.write().unwrap_or_else(|e| e.into_inner());
        write.remove(url);
    }

    /// How many stories have a card rendered (not only a view kept).
    pub fn len(&self) -> usize {
        let read = self.rendered.read().unwrap_or_else(|e| e.into_inner());
        read.values().filter(|card| !card.ways.is_empty()).count()
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
    let cache = cards.rendered.clone();
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
    let cached = |card: &Card| {
        (card.ways.iter())
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
    let ways = &mut write.entry(Arc::from(url)).or_default().ways;
    // Another thread may have rendered the same card meanwhile: the same HTML.
    if !ways.iter().any(|(way, _)| *way == shown) {
        ways.push((shown, html.clone()));
    }
    Ok(html)
}
