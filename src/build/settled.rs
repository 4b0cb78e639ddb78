//! A build with nothing to do. When no file the build reads has changed since the
//! last build into the same folder (same stamps, same options, same program), the
//! time has not reached a moment that changes the site, and the output is as that
//! build left it, the site it would make is the one already there: the build
//! checks that much and stops, telling the last build's summary again. A site of
//! 10,000 stories is then a walk over its sources and its output, not a build.
//!
//! What a build reads: `site.toml`, and everything under `content/`, `static/`,
//! `templates/` and `themes/`. A file anywhere there changed, added or removed
//! (hidden ones too), or a changed output file, or one added by hand, means a real
//! build, which the cache then makes as small as it can.

use std::path::Path;

use xxhash_rust::xxh3::Xxh3;

use super::{BuildOptions, BuildReport};
use crate::content::Story;
use crate::engine::cache::{BuildCache, Settled, Stamp};
use crate::output;
use crate::render::kind::Family;

/// The folders under the site root whose files a build reads.
const READ: [&str; 4] = ["content", "static", "templates", "themes"];

/// How long a story stays in the news sitemap (`render/sitemap/news.rs`).
const NEWS_WINDOW: jiff::SignedDuration = jiff::SignedDuration::from_hours(48);

/// What a build read, as the cache records it.
#[derive(Debug, Clone, Copy)]
pub struct Read {
    /// The stamps and options, hashed.
    pub digest: u128,
    /// Whether a file was changed too recently for its stamp to tell a later
    /// change of the same size apart (file systems keep modification times to a
    /// second or two): the build is then not recorded as settled, as git treats
    /// "racily clean" files.
    pub racy: bool,
}

/// A margin above the coarsest modification-time resolution in use (FAT's 2 s).
const RACY: std::time::Duration = std::time::Duration::from_secs(3);

/// The stamps of every file a build of `options` reads, and the options that
/// change what it makes, hashed. Taken before anything is read: a file changed
/// while the build runs makes the next build a real one. The moment taken as now
/// (`--now`, or the clock) is not among them: [`until`] says how long the same
/// inputs make the same site.
pub fn inputs(options: &BuildOptions) -> Read {
    let mut h = Xxh3::new();
    let asked = (&options.base_url, options.drafts, options.future);
    h.update(format!("{asked:?}").as_bytes());
    let recent = std::time::SystemTime::now()
        .checked_sub(RACY)
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let mut racy = false;
    let mut stamp = |h: &mut Xxh3, path: &Path| match Stamp::of(path) {
        Some(s) => {
            racy |= s.modified >= recent;
            h.update(&s.size.to_le_bytes());
            h.update(&s.modified.to_le_bytes());
        }
        None => h.update(b"-"),
    };
    stamp(&mut h, &options.root.join(crate::config::CONFIG_FILE));
    let mut listed_racy = false;
    for dir in READ {
        h.update(dir.as_bytes());
        let dir = options.root.join(dir);
        if let Some(recently) = listed(&mut h, &dir, recent) {
            listed_racy |= recently;
            continue;
        }
        // Links to follow (a story folder kept elsewhere), or names that are not
        // UTF-8: a walk that follows them, file by file.
        h.update(b"walked");
        let walk = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walk.into_iter().filter_map(Result::ok) {
            h.update(entry.path().as_os_str().as_encoded_bytes());
            h.update(b"\0");
            if entry.file_type().is_file() {
                stamp(&mut h, entry.path());
            }
        }
    }
    Read {
        digest: h.digest128(),
        racy: racy || listed_racy,
    }
}

/// Hashes every folder and file under `dir` (by relative name, sorted), each
/// file with its stamp, from one [`Listing`](output::Listing): each folder read
/// once and its files stated relative to it, as the output is (a site with a
/// picture a story has twice as many files to look at). Returns whether the
/// result cannot be trusted to stand for the next build: a file changed after
/// `recent`, or a folder that could not be read whole (a build would fail on it,
/// or read what the listing missed). `None`, having hashed nothing, when the
/// folder holds what a listing does not follow (a link to a folder, a name that
/// is not UTF-8, anything but files and folders).
fn listed(h: &mut Xxh3, dir: &Path, recent: u128) -> Option<bool> {
    let listing = output::Listing::of(dir);
    let mut files: Vec<(&Path, Stamp)> = listing
        .paths()
        .map(|p| Some((p, listing.stamp(p.to_str()?)?)))
        .collect::<Option<_>>()?;
    files.sort_unstable_by_key(|(p, _)| p.as_os_str());
    let mut folders: Vec<&str> = listing.folders().iter().map(String::as_str).collect();
    folders.sort_unstable();
    h.update(b"listed");
    h.update(&[u8::from(dir.is_dir())]);
    for folder in folders {
        h.update(folder.as_bytes());
        h.update(b"/\0");
    }
    let mut racy = !listing.is_complete();
    for (path, s) in files {
        racy |= s.modified >= recent;
        h.update(path.as_os_str().as_encoded_bytes());
        h.update(b"\0");
        h.update(&s.size.to_le_bytes());
        h.update(&s.modified.to_le_bytes());
    }
    Some(racy)
}

/// The first moment after `now` when the same sources make another site: a story
/// dated later falls due, or a published story leaves the news sitemap.
pub fn until(
    stories: &[Story],
    published: &[jiff::Timestamp],
    now: jiff::Timestamp,
) -> Option<i128> {
    let due = stories.iter().map(|s| s.front.date.timestamp);
    let leaving = published
        .iter()
        .filter_map(|t| t.checked_add(NEWS_WINDOW).ok());
    due.chain(leaving)
        .filter(|t| *t > now)
        .min()
        .map(|t| t.as_nanosecond())
}

/// The summary a settled build tells again: stories, pages, static files, images,
/// picture files, then each family's count in [`Family::ALL`] order.
pub fn summary(report: &BuildReport) -> Vec<usize> {
    let mut numbers = vec![
        report.stories,
        report.pages,
        report.static_files,
        report.images,
        report.picture_files,
    ];
    numbers.extend(Family::ALL.iter().map(|f| {
        report
            .made
            .iter()
            .find(|(made, _)| made == f)
            .map_or(0, |(_, n)| *n)
    }));
    numbers
}

/// The last build's report, told again, when the build of `options` at `now` has
/// nothing to do; `None` when it must run. Any problem opening the site or the
/// output is left for the build's stages to report as they always do.
pub fn stands(options: &BuildOptions, inputs: Read, now: jiff::Timestamp) -> Option<BuildReport> {
    let output = options.output.clone();
    let output = output.unwrap_or_else(|| options.root.join("public"));
    let target = output::checked_output(&options.root, &output, options.force).ok()?;
    // The record's first lines say whether anything read changed; only when
    // nothing did are the output's files compared with every entry.
    let settled = BuildCache::settled(&options.root, &target.path)?;
    let now = now.as_nanosecond();
    let in_time = settled.since <= now && settled.until.is_none_or(|t| now < t);
    if settled.inputs != inputs.digest || !in_time {
        return None;
    }
    let cache = BuildCache::load(&options.root, &target.path)?;
    (cache.settled.as_ref() == Some(&settled) && whole(&cache, &target.path))
        .then(|| told_again(&settled, &target.path))?
}

/// The last build's report, told again from its settled record.
fn told_again(settled: &Settled, output: &Path) -> Option<BuildReport> {
    let [
        stories,
        pages,
        static_files,
        images,
        picture_files,
        families @ ..,
    ] = settled.summary.as_slice()
    else {
        return None;
    };
    let made = Family::ALL
        .iter()
        .zip(families)
        .filter(|(_, n)| **n > 0)
        .map(|(f, n)| (*f, *n))
        .collect();
    Some(BuildReport {
        stories: *stories,
        pages: *pages,
        rendered: 0,
        made,
        static_files: *static_files,
        images: *images,
        picture_files: *picture_files,
        pictures_encoded: 0,
        output: output.to_path_buf(),
        elapsed: std::time::Duration::ZERO,
        stages: Vec::new(),
        media: (0, 0),
    })
}

/// Whether the output holds exactly the files the last build made, each as it
/// left it.
fn whole(cache: &BuildCache, output: &Path) -> bool {
    cache.whole(&output::Listing::of(output))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(root: &Path) -> u128 {
        inputs(&BuildOptions::new(root)).digest
    }

    #[test]
    fn any_file_read_changes_the_digest_linked_folders_included() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content/2026")).unwrap();
        std::fs::write(root.join("content/2026/a.md"), "a").unwrap();
        let first = digest(&root);
        assert_eq!(digest(&root), first, "the same files, the same digest");
        std::fs::write(root.join("content/2026/b.png"), "b").unwrap();
        let added = digest(&root);
        assert_ne!(added, first, "a file added");
        std::fs::write(root.join("content/2026/b.png"), "bb").unwrap();
        let changed = digest(&root);
        assert_ne!(changed, added, "a file changed");
        std::fs::create_dir(root.join("themes")).unwrap();
        assert_ne!(digest(&root), changed, "a folder made, empty");
        // A story folder kept elsewhere, linked in: its files are read too.
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("c.md"), "c").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&elsewhere, root.join("content/linked")).unwrap();
            let linked = digest(&root);
            std::fs::write(elsewhere.join("c.md"), "changed").unwrap();
            assert_ne!(digest(&root), linked, "a file behind a link changed");
        }
    }
}
