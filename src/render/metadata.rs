//! What every page says about itself to browsers, crawlers, feed readers and social
//! cards: title, description, canonical URL, feed autodiscovery, Open Graph fields and
//! JSON-LD (`NewsArticle` for stories, `CollectionPage` with breadcrumbs for lists).

use serde::Serialize;
use serde_json::{Value, json};

use super::feeds::FeedFormat;
use super::routes::Route;
use crate::article::Article;
use crate::config::PartyKind;
use crate::index::TaxonomyKind;
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
    /// Absolute URL of the lead image, if any.
    pub image: Option<String>,
    /// The lead image's alternative text.
    pub image_alt: Option<String>,
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

/// Serialises JSON for an HTML `<script>` element: no string can close it.
pub fn script_json(value: &Value) -> String {
    let json = serde_json::to_string(value).expect("JSON values serialise");
    let mut out = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Builds the metadata of one route.
pub fn meta(site: &Site, route: &Route, text: PageText) -> MetaView {
    let base = &site.config.base_url;
    let link = route.permalink(site);
    let canonical = base.absolute(&link);
    let mut feeds = feed_links(site, None, &site.config.title);
    if let Route::Term(kind, t, _) = route {
        let term = &site.indexes.taxonomy(*kind).terms[*t];
        let title = format!("{}: {}", site.config.title, term.name);
        feeds.splice(0..0, feed_links(site, Some((*kind, *t)), &title));
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
        published: None,
        modified: None,
        section: None,
        tags: Vec::new(),
        json_ld: String::new(),
        canonical,
    };
    let json_ld = match route {
        Route::Article(i) => {
            let a = &site.articles[*i];
            view.og_type = "article";
            view.image = a.image.as_deref().map(|img| absolute_asset(site, img));
            view.image_alt = a.image_alt.clone();
            view.published = Some(a.date.rfc3339());
            view.modified = Some(a.updated.as_ref().unwrap_or(&a.date).rfc3339());
            view.section = Some(site.indexes.categories.terms[a.category].name.clone());
            view.tags = tag_names(site, a);
            news_article(site, a, &view)
        }
        _ => collection(site, route, &view),
    };
    view.json_ld = script_json(&json_ld);
    view
}

fn feed_links(site: &Site, scope: Option<(TaxonomyKind, usize)>, title: &str) -> Vec<FeedLink> {
    FeedFormat::ALL
        .into_iter()
        .map(|f| FeedLink {
            title: format!("{title} ({})", f.label()),
            url: site
                .config
                .base_url
                .absolute(&Route::Feed(scope, f).permalink(site)),
            media_type: f.media_type(),
        })
        .collect()
}

fn absolute_asset(site: &Site, path: &str) -> String {
    if path.starts_with("https://") || path.starts_with("http://") {
        return path.to_owned();
    }
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    match Permalink::from_site_path(&path) {
        Some(p) => site.config.base_url.absolute(&p),
        None => path,
    }
}

fn tag_names(site: &Site, a: &Article) -> Vec<String> {
    a.tags
        .iter()
        .filter_map(|t| site.indexes.tags.term(t).map(|term| term.name.clone()))
        .collect()
}

fn publisher(site: &Site) -> Value {
    let mut p = json!({ "@type": "Organization", "name": site.config.title, "url": site.config.base_url.absolute(&Permalink::root()) });
    if let Some(logo) = &site.config.logo {
        p["logo"] = json!({ "@type": "ImageObject", "url": absolute_asset(site, logo) });
    }
    p
}

fn news_article(site: &Site, a: &Article, view: &MetaView) -> Value {
    let parties: Vec<Value> = a
        .parties
        .iter()
        .filter_map(|name| site.indexes.parties.term(name))
        .map(|t| {
            let kind = match t.party_kind {
                PartyKind::Organization => "Organization",
                PartyKind::Person => "Person",
            };
            let mut v = json!({ "@type": kind, "name": t.name, "url": site.config.base_url.absolute(&t.permalink) });
            if let Some(w) = &t.website {
                v["sameAs"] = json!(w);
            }
            v
        })
        .collect();
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "description": a.summary,
        "url": view.canonical,
        "mainEntityOfPage": view.canonical,
        "datePublished": view.published,
        "dateModified": view.modified,
        "inLanguage": site.config.language,
        "articleSection": view.section,
        "keywords": view.tags,
        "wordCount": a.body.words,
        "publisher": publisher(site),
        "about": parties,
        "mentions": parties,
        "isBasedOn": a.sources.iter().map(|s| json!({ "@type": "CreativeWork", "name": s.title, "url": s.url })).collect::<Vec<_>>(),
    });
    if let Some(author) = &a.author {
        v["author"] = json!({ "@type": "Person", "name": author });
    }
    if let Some(image) = &view.image {
        v["image"] = json!([image]);
    }
    v
}

fn collection(site: &Site, route: &Route, view: &MetaView) -> Value {
    let base = &site.config.base_url;
    let mut crumbs = vec![(site.config.title.clone(), base.absolute(&Permalink::root()))];
    match route {
        Route::TaxonomyList(kind) => crumbs.push((kind.title().to_owned(), view.canonical.clone())),
        Route::Term(kind, t, _) => {
            crumbs.push((kind.title().to_owned(), base.absolute(&kind.permalink())));
            crumbs.push((
                site.indexes.taxonomy(*kind).terms[*t].name.clone(),
                view.canonical.clone(),
            ));
        }
        Route::Home(1) => {}
        _ if !view.title.is_empty() => crumbs.push((view.title.clone(), view.canonical.clone())),
        _ => {}
    }
    let items: Vec<Value> = crumbs
        .into_iter()
        .enumerate()
        .map(|(i, (name, url))| json!({ "@type": "ListItem", "position": i + 1, "name": name, "item": url }))
        .collect();
    let page_type = if matches!(route, Route::NotFound) {
        "WebPage"
    } else {
        "CollectionPage"
    };
    json!({
        "@context": "https://schema.org",
        "@type": page_type,
        "name": if view.title.is_empty() { site.config.title.clone() } else { view.title.clone() },
        "description": view.description,
        "url": view.canonical,
        "inLanguage": site.config.language,
        "publisher": publisher(site),
        "breadcrumb": { "@type": "BreadcrumbList", "itemListElement": items },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let v = json!({ "headline": "</script><script>alert(1)</script> & ]]>" });
        let s = script_json(&v);
        assert!(!s.contains("</script"), "{s}");
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
