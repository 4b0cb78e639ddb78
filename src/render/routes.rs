//! The route table: the site's whole URL space as one type. Pages, feeds and sitemaps
//! all come from it, so they cannot disagree, and two things that would be written to
//! the same path are caught here, before anything is rendered.

use std::collections::HashMap;

use super::kind::{KINDS, Route, Source};
use crate::error::{Code, Diagnostic, Error, Result};
use crate::site::Site;
use crate::url::Permalink;

/// How many pages a list of `n` items takes (at least one, so empty lists still
/// get their first page).
pub fn page_count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page).max(1)
}

/// The URL of page `page` of a list whose first page is `base`.
pub fn page_permalink(base: &Permalink, page: usize) -> Permalink {
    if page <= 1 {
        base.clone()
    } else {
        base.child(&["page", &page.to_string()])
    }
}

/// The items on page `page` (from 1) of a list, `paginate_by` to a page.
pub fn page_slice<'s, T>(site: &Site, items: &'s [T], page: usize) -> &'s [T] {
    let per = site.config.paginate_by;
    let start = ((page - 1) * per).min(items.len());
    &items[start..(start + per).min(items.len())]
}

/// Every route of the site, kind by kind in registry order, checked for clashing
/// paths.
pub fn routes(site: &Site) -> Result<Vec<Route>> {
    let mut routes: Vec<Route> = Vec::new();
    for &kind in KINDS.iter() {
        let keys = kind.outputs(site, &routes);
        routes.extend(keys.into_iter().map(|key| Route { kind, key }));
    }
    check_clashes(site, &routes)?;
    Ok(routes)
}

fn check_clashes(site: &Site, routes: &[Route]) -> Result<()> {
    // Keyed by the file written, not the URL: `/x/` and `/x/index.html` are one file.
    let mut seen: HashMap<std::path::PathBuf, &Route> = HashMap::with_capacity(routes.len());
    let fail = |pair, link: &Permalink| {
        Err(Error::Content(crate::error::Diagnostics(vec![clash(
            site, pair, link,
        )])))
    };
    let mut files = Vec::with_capacity(routes.len());
    for r in routes {
        let link = r.permalink(site);
        let file = link.output_file();
        if let Some(prev) = seen.insert(file.clone(), r) {
            return fail([prev, r], &link);
        }
        files.push(file);
    }
    // A file cannot also be a folder: an alias `/_redirects` (written as
    // `_redirects/index.html`) and the generated `_redirects` cannot both exist.
    // Routes are visited in order, so the clash reported is the same every run.
    for (r, file) in routes.iter().zip(&files) {
        if let Some(prev) = file.ancestors().skip(1).find_map(|f| seen.get(f)) {
            return fail([prev, r], &r.permalink(site));
        }
    }
    Ok(())
}

/// Says which file to fix when two routes share a path: an alias first (the writer
/// chose it), then a story (its slug), else the terms behind generated pages. The
/// message names what the path is taken by, with its file when it has one.
fn clash(site: &Site, pair: [&Route; 2], link: &Permalink) -> Diagnostic {
    let owner_of = |r: &Route| match r.kind.source(&r.key) {
        Source::Alias(i) => Some(&site.articles[i]),
        _ => None,
    };
    let story_of = |r: &Route| match r.kind.source(&r.key) {
        Source::Story(i) => Some(&site.articles[i]),
        _ => None,
    };
    // Which of the two a writer should change, and what the other one is.
    let (alias_side, other) = match (owner_of(pair[1]), owner_of(pair[0])) {
        (Some(a), _) => (Some(a), pair[0]),
        (None, Some(a)) => (Some(a), pair[1]),
        (None, None) => (None, pair[0]),
    };
    let taken_by = |r: &Route| match (owner_of(r), story_of(r)) {
        (Some(a), _) => format!("an alias of {}", a.source.display()),
        (None, Some(a)) => format!("the story {}", a.source.display()),
        (None, None) => "a page the site generates".to_owned(),
    };
    if let Some(owner) = alias_side {
        return Diagnostic::new(
            Code::DuplicateUrl,
            &owner.source,
            owner.lines.aliases,
            format!("alias {link} is already taken by {}", taken_by(other)),
        )
        .key("aliases")
        .hint("remove the alias, or point it at a path nothing else uses");
    }
    let story = pair.iter().find_map(|r| story_of(r));
    match story {
        Some(a) => {
            let other = if story_of(pair[0]).map(|s| &s.source) == Some(&a.source) {
                pair[1]
            } else {
                pair[0]
            };
            Diagnostic::new(
                Code::DuplicateUrl,
                &a.source,
                a.lines.url,
                format!(
                    "this story's URL {link} is also used by {}",
                    taken_by(other)
                ),
            )
            .key(a.lines.url_key)
            .hint("give the story a slug: of its own, or change permalink in site.toml")
        }
        None => Diagnostic::new(
            Code::DuplicateUrl,
            "site.toml",
            0,
            format!("two pages of the site would be written to {link}"),
        )
        .hint("rename one of the clashing terms"),
    }
}
