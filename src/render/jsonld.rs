//! JSON-LD for search engines and news aggregators: `NewsArticle` on stories (a
//! `CorrectionComment` for each correction), `CollectionPage` (or `WebPage`) with a
//! `BreadcrumbList` elsewhere. Typed structs, serialised straight to text and
//! escaped so that no string can close the `<script>` element that carries them.

use std::fmt::Write as _;

use serde::Serialize;

use super::byline::{Credit, credits};
use super::metadata::About;
use super::metadata::{MetaView, absolute_asset};
use crate::article::Article;
use crate::config::PartyKind;
use crate::index::TaxonomyKind;
use crate::site::Site;
use crate::url::Permalink;

const CONTEXT: &str = "https://schema.org";

/// A schema.org thing with a type, a name and maybe a URL.
#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
}

/// An author: the name, their page on the site and their profiles elsewhere
/// (their own page first).
#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(rename = "sameAs", skip_serializing_if = "Vec::is_empty")]
    same_as: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
}

impl<'a> Person<'a> {
    fn of(site: &Site, credit: Credit<'a>) -> Person<'a> {
        let profile = credit.profile;
        Person {
            kind: "Person",
            name: credit.name,
            url: credit.page(site),
            same_as: profile.map_or_else(Vec::new, |p| {
                p.url.iter().chain(&p.same_as).map(String::as_str).collect()
            }),
            image: profile
                .and_then(|p| p.avatar.as_deref())
                .map(|avatar| absolute_asset(site, avatar)),
            job_title: profile.and_then(|p| p.role.as_deref()),
        }
    }
}

/// A story's `author`: one `Person`, or a list of them when several wrote it.
#[derive(Serialize)]
#[serde(untagged)]
enum Authors<'a> {
    One(Person<'a>),
    Several(Vec<Person<'a>>),
}

#[derive(Serialize)]
struct Logo {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
}

#[derive(Serialize)]
struct Publisher<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
    logo: Logo,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: &'a str,
    url: &'a str,
    main_entity_of_page: &'a str,
    date_published: Option<&'a str>,
    date_modified: Option<&'a str>,
    in_language: &'a str,
    article_section: Option<&'a str>,
    keywords: &'a [String],
    word_count: usize,
    publisher: Publisher<'a>,
    about: &'a [Thing<'a>],
    mentions: &'a [Thing<'a>],
    is_based_on: Vec<Thing<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Authors<'a>>,
    image: [String; 1],
    /// schema.org's `correction` of a CreativeWork, newest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    correction: Vec<CorrectionComment<'a>>,
}

/// One correction of a story, as schema.org's `CorrectionComment`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CorrectionComment<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
    date_published: String,
}

#[derive(Serialize)]
struct ListItem {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    name: String,
    item: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BreadcrumbList {
    #[serde(rename = "@type")]
    kind: &'static str,
    item_list_element: Vec<ListItem>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    description: &'a str,
    url: &'a str,
    in_language: &'a str,
    publisher: Publisher<'a>,
    breadcrumb: BreadcrumbList,
    /// The author an author's page is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    main_entity: Option<Person<'a>>,
}

/// Serialises JSON for an HTML `<script>` element: `<`, `>`, `&` and the two
/// JavaScript line terminators are written as `\u` escapes, so no string can end
/// the element or break a parser.
pub fn script_json<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string(value).expect("JSON-LD serialises");
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len() + 32);
    // Scanned as bytes: a search for a set of chars decodes every char of every
    // page's JSON-LD, about a third of the cost of writing it. U+2028 and U+2029
    // are E2 80 A8 and E2 80 A9 in UTF-8, and E2 never appears inside another
    // character, so every cut below falls on a char boundary.
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (escape, width) = match bytes[i] {
            b @ (b'<' | b'>' | b'&') => (u32::from(b), 1),
            0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA8]) => (0x2028, 3),
            0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA9]) => (0x2029, 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&json[start..i]);
        let _ = write!(out, "\\u{escape:04x}");
        i += width;
        start = i;
    }
    out.push_str(&json[start..]);
    out
}

fn publisher(site: &Site) -> Publisher<'_> {
    Publisher {
        kind: "Organization",
        name: &site.config.title,
        url: site.config.base_url.absolute(&Permalink::root()),
        logo: Logo {
            kind: "ImageObject",
            url: absolute_asset(site, &site.config.logo),
        },
    }
}

/// A story's byline as schema.org `Person`s.
fn authors(site: &Site, index: usize) -> Option<Authors<'_>> {
    let mut people: Vec<Person<'_>> = credits(site, index)
        .into_iter()
        .map(|c| Person::of(site, c))
        .collect();
    match people.len() {
        0 => None,
        1 => people.pop().map(Authors::One),
        _ => Some(Authors::Several(people)),
    }
}

/// The `NewsArticle` of a story, escaped for its `<script>` element.
pub fn news_article(site: &Site, index: usize, view: &MetaView) -> String {
    let a: &Article = &site.articles[index];
    let parties: Vec<Thing<'_>> = site.indexes.article_terms[index]
        .parties
        .iter()
        .map(|&t| {
            let term = &site.indexes.parties.terms[t];
            Thing {
                kind: match term.party_kind {
                    PartyKind::Organization => "Organization",
                    PartyKind::Person => "Person",
                },
                name: &term.name,
                url: Some(site.config.base_url.absolute(&term.permalink)),
                same_as: term.website.as_deref(),
            }
        })
        .collect();
    script_json(&NewsArticle {
        context: CONTEXT,
        kind: "NewsArticle",
        headline: &a.title,
        description: &a.summary,
        url: &view.canonical,
        main_entity_of_page: &view.canonical,
        date_published: view.published.as_deref(),
        date_modified: view.modified.as_deref(),
        in_language: &site.config.language,
        article_section: view.section.as_deref(),
        keywords: &view.tags,
        word_count: a.body.words,
        publisher: publisher(site),
        about: &parties,
        mentions: &parties,
        is_based_on: a
            .sources
            .iter()
            .map(|s| Thing {
                kind: "CreativeWork",
                name: &s.title,
                url: Some(s.url.clone()),
                same_as: None,
            })
            .collect(),
        author: authors(site, index),
        // Google wants an image on every article: the story's, else the site's default.
        image: [view
            .image
            .clone()
            .unwrap_or_else(|| absolute_asset(site, &site.config.default_image))],
        correction: a
            .corrections
            .iter()
            .map(|c| CorrectionComment {
                kind: "CorrectionComment",
                text: &c.text,
                date_published: c.date.rfc3339(),
            })
            .collect(),
    })
}

/// The `CollectionPage` (or `WebPage`) of any other page, with breadcrumbs.
pub fn collection(site: &Site, about: About, view: &MetaView) -> String {
    let base = &site.config.base_url;
    let mut crumbs = vec![(site.config.title.clone(), base.absolute(&Permalink::root()))];
    match about {
        About::Taxonomy(kind) => crumbs.push((kind.title().to_owned(), view.canonical.clone())),
        About::Term(kind, t) => {
            crumbs.push((kind.title().to_owned(), base.absolute(&kind.permalink())));
            crumbs.push((
                site.indexes.taxonomy(kind).terms[t].name.clone(),
                view.canonical.clone(),
            ));
        }
        About::Home(1) => {}
        _ if !view.title.is_empty() => crumbs.push((view.title.clone(), view.canonical.clone())),
        _ => {}
    }
    // An author's page is their profile page, about them.
    let main_entity = match about {
        About::Term(TaxonomyKind::Author, t) => {
            let term = &site.indexes.authors.terms[t];
            Some(Person::of(
                site,
                Credit {
                    name: &term.name,
                    term: Some(term),
                    profile: Some(&site.config.authors[t]),
                },
            ))
        }
        _ => None,
    };
    script_json(&Collection {
        context: CONTEXT,
        kind: match about {
            About::NotFound => "WebPage",
            _ if main_entity.is_some() => "ProfilePage",
            _ => "CollectionPage",
        },
        main_entity,
        name: if view.title.is_empty() {
            &site.config.title
        } else {
            &view.title
        },
        description: &view.description,
        url: &view.canonical,
        in_language: &site.config.language,
        publisher: publisher(site),
        breadcrumb: BreadcrumbList {
            kind: "BreadcrumbList",
            item_list_element: crumbs
                .into_iter()
                .enumerate()
                .map(|(i, (name, item))| ListItem {
                    kind: "ListItem",
                    position: i + 1,
                    name,
                    item,
                })
                .collect(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::script_json;
    use serde_json::{Value, json};

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let v = json!({ "headline": "</script><script>alert(1)</script> & ]]> \u{2028}" });
        let s = script_json(&v);
        assert!(!s.contains("</script"), "{s}");
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&') && !s.contains('\u{2028}'),
            "{s}"
        );
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn script_json_escapes_exactly_the_five_and_keeps_the_rest() {
        let v = json!("a<b>c&d\u{2028}e\u{2029}f \u{2027}\u{202a} é 😀 →");
        assert_eq!(
            script_json(&v),
            "\"a\\u003cb\\u003ec\\u0026d\\u2028e\\u2029f \u{2027}\u{202a} é 😀 →\""
        );
    }
}
