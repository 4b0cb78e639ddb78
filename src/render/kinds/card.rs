//! Social cards: a 1200 × 630 PNG for every published story without an `image:`,
//! beside its page (`/2026/07/05/story/card.png`), and one for the site
//! (`/card.png`) that the home page and every list page show. Each is the theme's
//! `cards/story.svg` or `cards/site.svg`, drawn by `media::card` and kept in the
//! media store by the hash of the SVG and the fonts, so no build or `serve`
//! session draws the same card twice.

use serde::Serialize;

use crate::engine::Reads;
use crate::error::Result;
use crate::media::MediaKey;
use crate::media::card;
use crate::render::context::Cx;
use crate::render::kind::{Family, Generator, Key, Route, Source};
use crate::site::Site;
use crate::url::Permalink;

/// The template of a story's card.
pub const STORY_TEMPLATE: &str = "cards/story.svg";
/// The template of the site's card.
pub const SITE_TEMPLATE: &str = "cards/site.svg";

/// Every social card of the site.
pub struct SocialCards;

/// Where story `i`'s card is, when it has one (a story with an `image:` shows that).
pub fn story_card(site: &Site, i: usize) -> Option<Permalink> {
    let a = &site.articles[i];
    (site.config.cards && a.image.is_none()).then(|| a.permalink.join_file("card.png"))
}

/// Where the site's card is, unless `[cards] enabled = false`.
pub fn site_card(site: &Site) -> Option<Permalink> {
    site.config.cards.then(|| Permalink::file("/card.png"))
}

/// What a story's card shows, as `card` in `cards/story.svg`.
#[derive(Debug, Serialize)]
struct StoryCardView<'a> {
    title: &'a str,
    kicker: &'a str,
    date: &'a str,
    parties: Vec<&'a str>,
    brand: &'a str,
}

/// What the site's card shows, as `card` in `cards/site.svg`.
#[derive(Debug, Serialize)]
struct SiteCardView<'a> {
    brand: &'a str,
    description: &'a str,
    host: String,
}

fn story_view(site: &Site, i: usize) -> StoryCardView<'_> {
    let a = &site.articles[i];
    let ix = &site.indexes;
    StoryCardView {
        title: &a.title,
        kicker: &ix.categories.terms[a.category].name,
        date: &a.date_display,
        parties: ix.article_terms[i]
            .parties
            .iter()
            .map(|&p| ix.parties.terms[p].name.as_str())
            .collect(),
        brand: &site.config.title,
    }
}

fn site_view(site: &Site) -> SiteCardView<'_> {
    let base = &site.config.base_url;
    let host = base.absolute(&Permalink::root());
    SiteCardView {
        brand: &site.config.title,
        description: &site.config.description,
        host: host
            .split_once("://")
            .map_or(host.as_str(), |(_, rest)| rest)
            .trim_end_matches('/')
            .to_owned(),
    }
}

impl Generator for SocialCards {
    fn name(&self) -> &'static str {
        "social-card"
    }

    fn outputs(&self, site: &Site, _: &[Route]) -> Vec<Key> {
        if !site.config.cards {
            return Vec::new();
        }
        let stories = (0..site.articles.len()).filter(|&i| site.articles[i].image.is_none());
        std::iter::once(Key::Single)
            .chain(stories.map(Key::Item))
            .collect()
    }

    fn permalink(&self, site: &Site, key: &Key) -> Permalink {
        match key {
            Key::Item(i) => story_card(site, *i).expect("only stories without an image"),
            _ => Permalink::file("/card.png"),
        }
    }

    /// The story's card values (a superset of what the card shows), so an edit
    /// patched into the story finds its card among the outputs that read it; the
    /// site's title and description (and the templates and fonts) are site-wide
    /// values every output reads.
    fn reads(&self, _: &Site, key: &Key, reads: &mut Reads<'_>) {
        if let Key::Item(i) = key {
            reads.card(*i);
        }
    }

    fn render(&self, cx: &Cx<'_>, route: &Route) -> Result<Vec<u8>> {
        let mut ctx = tera::Context::new();
        let template = match route.key {
            Key::Item(i) => {
                ctx.insert("card", &story_view(cx.site, i));
                STORY_TEMPLATE
            }
            _ => {
                ctx.insert("card", &site_view(cx.site));
                SITE_TEMPLATE
            }
        };
        let svg = cx.template_text(template, &ctx, route)?;
        let theme = cx.theme();
        let fonts = &theme.card_fonts;
        let failed = |m| cx.template_error(template, route, m);
        if !theme.draw_cards {
            return card::check(&svg, fonts)
                .map(|()| Vec::new())
                .map_err(failed);
        }
        let key = MediaKey::of(&[b"social card", svg.as_bytes(), &fonts.digest.to_le_bytes()]);
        theme
            .media
            .bytes(key, "png", || card::render(&svg, fonts).map_err(failed))
    }

    fn source(&self, key: &Key) -> Source {
        match key {
            Key::Item(i) => Source::Story(*i),
            _ => Source::Generated,
        }
    }

    fn family(&self) -> Family {
        Family::Image
    }
}
