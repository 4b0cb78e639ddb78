//! The build cache: what the last build of a site wrote to an output folder, so the
//! next build renders only what changed and leaves every other file (and its
//! modification time) alone. It lives in `.smartpicks/` beside `site.toml`, one
//! file per output folder (`build-<hash of the folder's path>`), one line per
//! output file: its fingerprint, and the size and
//! modification time the build left it with, so a file changed or removed by hand
//! since is made again. A cache written by another version or build of smartpicks,
//! or for another output folder, is ignored.
//!
//! The cache is removed before a build starts changing the output and written again
//! when it is done, so a build that is killed half-way leaves no cache, and the next
//! build is a full one.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::Fingerprint;
use crate::error::{Error, Result};
use crate::output::Listing;

/// The cache folder, beside `site.toml`.
pub const DIR: &str = ".smartpicks";

const FORMAT: &str = "smartpicks build cache 1";

/// What the last build recorded about one output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// What the file was made from; `None` for a file made every time, never
    /// taken as unchanged.
    pub fingerprint: Option<Fingerprint>,
    /// The file as the build left it.
    pub stamp: Stamp,
}

/// What lets the next build stop at once when nothing it reads has changed
/// (`build/settled.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    /// The stamps of every file the build reads, and the options, hashed.
    pub inputs: u128,
    /// The moment the build took as now, in nanoseconds since the epoch: a build
    /// asked about an earlier moment is a real one.
    pub since: i128,
    /// The moment the same inputs make another site (a future story falls due, a
    /// story leaves the news sitemap), in nanoseconds since the epoch; `None`
    /// when no such moment comes.
    pub until: Option<i128>,
    /// The last build's summary, told again: published stories, then the number
    /// of files of each kind (see `build::settled`).
    pub summary: Vec<usize>,
}

/// A file's size and modification time, to notice files changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Bytes.
    pub size: u64,
    /// Nanoseconds since the Unix epoch.
    pub modified: u128,
}

impl Stamp {
    /// The stamp of the file at `path`, if it is a file.
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
        let modified = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            size: meta.len(),
            modified: modified.as_nanos(),
        })
    }
}

/// Cache entries by output file, relative to the output folder (a fast hash: a
/// large site has 100,000 of them, and none is chosen by an adversary).
pub type Entries = FxHashMap<PathBuf, Entry>;

/// The fingerprints of the files that are as the last build left them.
pub type Unchanged = FxHashMap<PathBuf, Fingerprint>;

/// The recorded outputs of the last build into one folder.
#[derive(Debug, Default)]
pub struct BuildCache {
    /// By output file, relative to the output folder: every file the build made.
    pub entries: Entries,
    /// Set when the build may be told again without being done again.
    pub settled: Option<Settled>,
}

/// Where the cache of the site in `root` for the output folder `output` is kept.
pub fn path(root: &Path, output: &Path) -> PathBuf {
    let id = xxhash_rust::xxh3::xxh3_64(output.as_os_str().as_encoded_bytes());
    root.join(DIR).join(format!("build-{id:016x}"))
}

/// The cache file for `output` while the output is there (its marker file): a
/// cache of a removed output describes nothing, and reading its 100,000 lines is
/// not free.
fn kept(root: &Path, output: &Path) -> Option<PathBuf> {
    output
        .join(crate::output::MARKER)
        .is_file()
        .then(|| path(root, output))
}

/// What identifies the program and the output: a cache from anything else is
/// not used. The executable's size and modification time stand for the binary
/// (reading all of it would cost more than most warm builds).
fn identity(output: &Path) -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| Stamp::of(&p))
        .map_or_else(
            || "unknown".to_owned(),
            |s| format!("{}-{}", s.size, s.modified),
        );
    format!(
        "{FORMAT}\nprogram {} {exe}\noutput {}\n",
        env!("CARGO_PKG_VERSION"),
        output.display()
    )
}

impl BuildCache {
    /// The cache for `output`, if one was written by this program for it and the
    /// output is still there (see [`kept`]).
    pub fn load(root: &Path, output: &Path) -> Option<BuildCache> {
        let text = std::fs::read_to_string(kept(root, output)?).ok()?;
        let mut body = text.strip_prefix(&identity(output))?;
        let mut settled = None;
        if let Some(rest) = body.strip_prefix("settled ") {
            let (line, after) = rest.split_once('\n')?;
            settled = Some(parse_settled(line)?);
            body = after;
        }
        let mut entries = Entries::default();
        for line in body.lines() {
            let mut parts = line.splitn(4, ' ');
            let fingerprint = match parts.next()? {
                "-" => None,
                hex => Some(Fingerprint(u128::from_str_radix(hex, 16).ok()?)),
            };
            let size = parts.next()?.parse().ok()?;
            let modified = parts.next()?.parse().ok()?;
            let file = PathBuf::from(parts.next()?);
            let stamp = Stamp { size, modified };
            entries.insert(file, Entry { fingerprint, stamp });
        }
        Some(BuildCache { entries, settled })
    }

    /// Only the settled record of the cache [`load`](Self::load) would read, from
    /// the file's first lines: whether a build may stop at once is known before
    /// the entries are read, and most often it may not.
    pub fn settled(root: &Path, output: &Path) -> Option<Settled> {
        use std::io::BufRead;
        let file = std::fs::File::open(kept(root, output)?).ok()?;
        let mut lines = std::io::BufReader::new(file).lines();
        let identity = identity(output);
        let mut head = String::new();
        for _ in 0..identity.lines().count() {
            head.push_str(&lines.next()?.ok()?);
            head.push('\n');
        }
        if head != identity {
            return None;
        }
        parse_settled(lines.next()?.ok()?.strip_prefix("settled ")?)
    }

    /// The fingerprints of the files of the output (as `listing` found them) that
    /// are as the last build left them: a file changed or removed since is made
    /// again.
    pub fn unchanged(&self, listing: &Listing) -> Unchanged {
        self.entries
            .iter()
            .filter_map(|(file, e)| Some((file, e.fingerprint?, e.stamp)))
            .filter(|(file, _, stamp)| file.to_str().and_then(|f| listing.stamp(f)) == Some(*stamp))
            .map(|(file, fingerprint, _)| (file.clone(), fingerprint))
            .collect()
    }

    /// Whether the output (as `listing` found it) holds exactly the files the last
    /// build made, each as it left it, besides the output marker.
    pub fn whole(&self, listing: &Listing) -> bool {
        // Every entry is there and nothing else is: the counts then say enough.
        listing.is_complete()
            && listing.len() == self.entries.len() + 1
            && listing.holds(crate::output::MARKER)
            && !self.entries.contains_key(Path::new(crate::output::MARKER))
            && self
                .entries
                .iter()
                .all(|(file, e)| file.to_str().and_then(|f| listing.stamp(f)) == Some(e.stamp))
    }

    /// Removes the cache of the site in `root` for `output`, before that output
    /// changes.
    pub fn forget(root: &Path, output: &Path) -> Result<()> {
        let file = path(root, output);
        match std::fs::remove_file(&file) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io("cannot remove", file, e)),
        }
    }

    /// Writes the cache for `output` (file names must not hold line breaks; those
    /// are left out, and simply rebuilt next time).
    pub fn save(&self, root: &Path, output: &Path) -> Result<()> {
        let mut text = identity(output);
        if let Some(s) = &self.settled {
            let until = s.until.map_or("-".to_owned(), |t| t.to_string());
            let summary: Vec<String> = s.summary.iter().map(usize::to_string).collect();
            let _ = writeln!(
                text,
                "settled {:032x} {} {until} {}",
                s.inputs,
                s.since,
                summary.join(",")
            );
        }
        // Sorted as text (comparing paths component by component is slower),
        // so the file is the same for the same build.
        let mut lines: Vec<(&str, &Entry)> = (self.entries.iter())
            .filter_map(|(file, e)| Some((file.to_str()?, e)))
            .filter(|(name, _)| !name.contains('\n'))
            .collect();
        // A site with pictures has 100,000 lines: sorted and written on both
        // cores, numbers by `itoa` (the formatting machinery was a third of it).
        lines.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        let written: Vec<String> = lines
            .par_chunks(4096)
            .map(|chunk| {
                let mut part = String::with_capacity(chunk.len() * 112);
                let mut numbers = itoa::Buffer::new();
                for (name, e) in chunk {
                    match e.fingerprint {
                        Some(f) => push_hex(&mut part, f.0),
                        None => part.push('-'),
                    }
                    for n in [u128::from(e.stamp.size), e.stamp.modified] {
                        part.push(' ');
                        part.push_str(numbers.format(n));
                    }
                    part.push(' ');
                    part.push_str(name);
                    part.push('\n');
                }
                part
            })
            .collect();
        text.reserve(written.iter().map(String::len).sum());
        written.iter().for_each(|part| text.push_str(part));
        let dir = root.join(DIR);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("cannot create", &dir, e))?;
        let file = path(root, output);
        let temporary = file.with_extension("tmp");
        std::fs::write(&temporary, text)
            .and_then(|()| std::fs::rename(&temporary, &file))
            .map_err(|e| Error::io("cannot write", &file, e))
    }
}

/// `value` as 32 lower-case hexadecimal digits, as `{:032x}` writes it (a cache
/// line each output file: the formatting machinery was a tenth of saving it).
fn push_hex(text: &mut String, value: u128) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    text.extend(
        (0..32)
            .rev()
            .map(|i| char::from(DIGITS[(value >> (i * 4)) as usize & 15])),
    );
}

/// `settled <inputs> <since> <until or -> <summary, comma-separated>`, without
/// `settled `.
fn parse_settled(line: &str) -> Option<Settled> {
    let mut parts = line.split(' ');
    let inputs = u128::from_str_radix(parts.next()?, 16).ok()?;
    let since = parts.next()?.parse().ok()?;
    let until = match parts.next()? {
        "-" => None,
        t => Some(t.parse().ok()?),
    };
    let summary = parts
        .next()?
        .split(',')
        .map(|n| n.parse().ok())
        .collect::<Option<Vec<usize>>>()?;
    Some(Settled {
        inputs,
        since,
        until,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_reads_back_for_its_output_only() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        let marker = out.join(crate::output::MARKER);
        std::fs::write(&marker, "").unwrap();
        let mut cache = BuildCache::default();
        let entry = Entry {
            fingerprint: Some(Fingerprint(u128::MAX - 7)),
            stamp: Stamp {
                size: 12,
                modified: 1_700_000_000_123_456_789,
            },
        };
        let every_time = Entry {
            fingerprint: None,
            ..entry
        };
        cache.entries.insert(PathBuf::from("a b/index.html"), entry);
        cache
            .entries
            .insert(PathBuf::from("sitemap.xml"), every_time);
        cache.settled = Some(Settled {
            inputs: 7,
            since: -9,
            until: Some(-3),
            summary: vec![1, 2, 0],
        });
        cache.save(dir.path(), &out).unwrap();
        let back = BuildCache::load(dir.path(), &out).unwrap();
        assert_eq!(back.entries.len(), 2);
        assert_eq!(back.entries[Path::new("a b/index.html")], entry);
        assert_eq!(back.entries[Path::new("sitemap.xml")], every_time);
        assert_eq!(back.settled, cache.settled);
        assert_eq!(BuildCache::settled(dir.path(), &out), cache.settled);
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::write(elsewhere.join(crate::output::MARKER), "").unwrap();
        assert!(BuildCache::load(dir.path(), &elsewhere).is_none());
        assert!(BuildCache::settled(dir.path(), &elsewhere).is_none());
        // An output removed since takes its cache with it.
        std::fs::remove_file(&marker).unwrap();
        assert!(BuildCache::load(dir.path(), &out).is_none());
        assert!(BuildCache::settled(dir.path(), &out).is_none());
        std::fs::write(&marker, "").unwrap();
        let mut hex = String::new();
        push_hex(&mut hex, 0x0123_4567_89ab_cdef_u128 << 3);
        assert_eq!(hex, format!("{:032x}", 0x0123_4567_89ab_cdef_u128 << 3));
        BuildCache::forget(dir.path(), &out).unwrap();
        assert!(BuildCache::load(dir.path(), &out).is_none());
    }
}
