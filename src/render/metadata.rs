//! What every page says about itself to browsers, crawlers, feed readers and social
//! cards: title, description, canonical URL, feed autodiscovery, Open Graph fields and
//! JSON-LD (`NewsArticle` for stories, `CollectionPage` with breadcrumbs for lists).

use serde::Serialize;

use super::feeds::FeedFormat;
use super::jsonld;
use super::kind::Route;
use super::kinds::card::{site_card, story_card};
use crate::index::TaxonomyKind;
use crate::media::card;
use crate::site::Site;
use crate::url::Permalink;

/// Page metadata, as `meta` in every template.
#[derive(Debug, Serialize)]
pub struct MetaView {
    /// The page's title (without the site's name; empty on the first home page).
    pub title: String,
    /// A one-line description.
    pub description: String,
    /// The absolute URL.
    pub canonical: String,
    /// The path, base path included.
    pub url: String,
    /// `article`, `home`, `taxonomy`, `term`, `year`, `month`, `archive`, `digest`,
    /// `digest_index` or `not_found`.
    pub kind: &'static str,
    /// Feeds to advertise with `<link rel="alternate">`.
    pub feeds: Vec<FeedLink>,
    /// Open Graph type: `article` or `website`.
    pub og_type: &'static str,
    /// Absolute URL of the picture a shared link shows (`og:image`,
    /// `twitter:image`): the story's `image:`, else its social card; the site's
    /// card on every other page.
    pub image: Option<String>,
    /// Its alternative text.
    pub image_alt: Option<String>,
    /// Its width in pixels, when known (cards: 1200).
    pub image_width: Option<u32>,
    /// Its height in pixels, when known (cards: 630).
    pub image_height: Option<u32>,
    /// RFC 3339 publication time (articles).
    pub published: Option<String>,
    /// RFC 3339 modification time (articles).
    pub modified: Option<String>,
    /// The category name (articles).
    pub section: Option<String>,
    /// Tag names (articles).
    pub tags: Vec<String>,
    /// JSON-LD, already escaped for a `<script type="application/ld+json">` element:
    /// print it with `| safe`.
    pub json_ld: String,
}

/// One feed autodiscovery link.
#[derive(Debug, Serialize)]
pub struct FeedLink {
    /// "Smart Picks (Atom)".
    pub title: String,
    /// Absolute URL.
    pub url: String,
    /// Media type.
    pub media_type: &'static str,
}

/// The title and description of a page, decided by the renderer.
pub struct PageText {
    /// Title without the site's name.
    pub title: String,
    /// One line about the page.
    pub description: String,
    /// The `meta.kind` value.
    pub kind: &'static str,
}

/// What a page is about, as far as its metadata cares: an article gets Open Graph
/// article fields and `NewsArticle` JSON-LD, a term its own feeds, every list its
/// breadcrumbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// Article N.
    Article(usize),
    /// Page N of the home page.
    Home(usize),
    /// The list of a taxonomy's terms.
    Taxonomy(TaxonomyKind),
    /// Term N of a taxonomy.
    Term(TaxonomyKind, usize),
    /// The 404 page.
    NotFound,
    /// Any other list page.
    List,
}

/// Builds the metadata of one route.
pub fn meta(site: &Site, route: &Route, text: PageText, about: About) -> MetaView {
    let base = &site.config.base_url;
    let link = route.permalink(site);
    let canonical = base.absolute(&link);
    let mut feeds = feed_links(site, None, &site.config.title);
    if let About::Term(kind, t) = about {
        let term = &site.indexes.taxonomy(kind).terms[t];
        let title = format!("{}: {}", site.config.title, term.name);
        feeds.splice(0..0, feed_links(site, Some((kind, t)), &title));
    }
    let mut view = MetaView {
        title: text.title,
        description: text.description,
        url: base.href(&link),
        kind: text.kind,
        feeds,
        og_type: "website",
        image: None,
        image_alt: None,
        image_width: None,
        image_height: None,
        published: None,
        modified: None,
        section: None,
        tags: Vec::new(),
        json_ld: String::new(),
        canonical,
    };
    view.json_ld = match about {
        About::Article(i) => {
            let a = &site.articles[i];
            view.og_type = "article";
            // The story's own picture (its 1200 px variant when the build made
            // them, an external or vector image as written), else its card.
            match (a.image.as_deref(), &a.pictures.lead, story_card(site, i)) {
                (Some(_), Some(p), _) => {
                    let v = super::views::picture::social(p);
                    view.image = Some(super::views::picture::absolute(site, &v.name));
                    view.image_alt = a.image_alt.clone();
                    view.image_width = Some(v.width);
                    view.image_height = Some(v.height);
                }
                (Some(img), None, _) => {
                    view.image = Some(absolute_asset(site, img));
                    view.image_alt = a.image_alt.clone();
                }
                (None, _, Some(card)) => view.card(base.absolute(&card), &a.title),
                (None, _, None) => {}
            }
            view.published = Some(a.date.rfc3339());
            view.modified = Some(a.modified().rfc3339());
            view.section = Some(site.indexes.categories.terms[a.category].name.clone());
            view.tags = tag_names(site, i);
            jsonld::news_article(site, i, &view)
        }
        _ => {
            if let Some(card) = site_card(site) {
                view.card(base.absolute(&card), &site.config.title);
            }
            jsonld::collection(site, about, &view)
        }
    };
    view
}

impl MetaView {
    /// Shows a social card (1200 × 630) described by `alt`.
    fn card(&mut self, url: String, alt: &str) {
        self.image = Some(url);
        self.image_alt = Some(alt.to_owned());
        self.image_width = Some(card::WIDTH);
        self.image_height = Some(card::HEIGHT);
    }
}

fn feed_links(site: &Site, scope: Option<(TaxonomyKind, usize)>, title: &str) -> Vec<FeedLink> {
    FeedFormat::ALL
        .into_iter()
        .map(|f| FeedLink {
            title: format!("{title} ({})", f.label()),
            url: site
                .config
                .base_url
                .absolute(&super::kinds::feed::permalink(site, scope, f)),
            media_type: f.media_type(),
        })
        .collect()
}

/// A front-matter or config path as an absolute URL: URLs with a scheme are kept,
/// protocol-relative ones (`//cdn.example.net/x.png`) take the base URL's scheme,
/// and site paths get the base URL.
pub(super) fn absolute_asset(site: &Site, path: &str) -> String {
    if path.starts_with("https://") || path.starts_with("http://") {
        return path.to_owned();
    }
    let base = &site.config.base_url;
    if path.starts_with("//") {
        let scheme = base.origin().split_once("://").map_or("https", |(s, _)| s);
        return format!("{scheme}:{path}");
    }
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    match Permalink::from_site_path(&path) {
        Some(p) => base.absolute(&p),
        None => path,
    }
}

fn tag_names(site: &Site, index: usize) -> Vec<String> {
    let ix = &site.indexes;
    ix.article_terms[index]
        .tags
        .iter()
        .map(|&t| ix.tags.terms[t].name.clone())
        .collect()
}
