//! The route table: the site's whole URL space as one type. Pages, feeds and sitemaps
//! all come from it, so they cannot disagree, and two things that would be written to
//! the same path are caught here, before anything is rendered.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::kind::{KINDS, Route, Source};
use crate::error::{Code, Diagnostic, Error, Result};
use crate::output::file_key;
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

/// Every route of the site, with the file each is written to.
pub struct RouteTable {
    /// Kind by kind in registry order.
    pub routes: Vec<Route>,
    /// The output file of each route (same positions), relative to the output
    /// folder. Worked out once: the clash checks and the plan all need them.
    pub files: Vec<PathBuf>,
}

/// Every route of the site, kind by kind in registry order, checked for clashing
/// paths.
pub fn routes(site: &Site) -> Result<RouteTable> {
    let mut routes: Vec<Route> = Vec::new();
    for &kind in KINDS.iter() {
        let keys = kind.outputs(site, &routes);
        routes.extend(keys.into_iter().map(|key| Route { kind, key }));
    }
    let files: Vec<PathBuf> = routes
        .par_iter()
        .map(|r| r.permalink(site).output_file())
        .collect();
    // Made from normalised URL paths, every file is its own output name, so files
    // are told apart by their bytes (`file_key`) here and in every later check.
    // Checked in debug builds, so on every site the tests build (every kind of
    // route, hostile aliases and titles included); not in release, where naming
    // 30,000 files as text is the cost this saves.
    debug_assert!(
        (files.iter()).all(|f| output_name(f).as_bytes() == file_key(f)),
        "an output file that is not its own name"
    );
    check_clashes(site, &routes, &files)?;
    Ok(RouteTable { routes, files })
}

/// An output file's path with `/` separators, as static files are named, and as
/// file systems see it (`a//b` and `a/./b` are `a/b`): the key two outputs clash
/// on. Output files are made from URL paths, so the text is nearly always that
/// already and is borrowed.
pub fn output_name(file: &Path) -> Cow<'_, str> {
    let text = file.to_string_lossy();
    let plain = std::path::MAIN_SEPARATOR == '/'
        && !text.is_empty()
        && !text.starts_with('/')
        && !text.starts_with("./")
        && !text.ends_with('/')
        && !text.ends_with("/.")
        && text != "."
        && !text.contains("//")
        && !text.contains("/./");
    if plain {
        return text;
    }
    let parts: Vec<_> = file
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    Cow::Owned(parts.join("/"))
}

/// The folders a file (by its name's bytes, [`file_key`]) lies in, innermost
/// first.
pub(crate) fn folders_of(name: &[u8]) -> impl Iterator<Item = &[u8]> {
    (0..name.len())
        .rev()
        .filter(move |&i| name[i] == b'/')
        .map(move |i| &name[..i])
}

fn check_clashes(site: &Site, routes: &[Route], files: &[PathBuf]) -> Result<()> {
    // Keyed by the file written, not the URL: `/x/` and `/x/index.html` are one file.
    let names: Vec<&[u8]> = files.iter().map(|f| file_key(f)).collect();
    let mut seen: FxHashMap<&[u8], usize> =
        FxHashMap::with_capacity_and_hasher(names.len(), Default::default());
    let fail = |pair: [usize; 2], link: &Permalink| {
        let pair = pair.map(|n| &routes[n]);
        Err(Error::Content(crate::error::Diagnostics(vec![clash(
            site, pair, link,
        )])))
    };
    for (n, name) in names.iter().enumerate() {
        if let Some(prev) = seen.insert(*name, n) {
            return fail([prev, n], &routes[n].permalink(site));
        }
    }
    // A file cannot also be a folder: an alias `/_redirects` (written as
    // `_redirects/index.html`) and the generated `_redirects` cannot both exist.
    // Routes are visited in order, so the clash reported is the same every run.
    for (n, name) in names.iter().enumerate() {
        if let Some(&prev) = folders_of(name).find_map(|f| seen.get(f)) {
            return fail([prev, n], &routes[n].permalink(site));
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

#[cfg(test)]
mod tests;
