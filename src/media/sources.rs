//! What each source picture is (its hash and header), remembered by the file's size
//! and modification time, so a build whose pictures did not change reads none of
//! their bytes: 10,000 lead photos are 4 GB to hash, and a `stat` each is a few
//! milliseconds in all. A build keeps the list in `.smartpicks/media/sources`; `serve`
//! keeps it in memory between rebuilds; `check` starts empty and writes nothing.
//! A stale line can only cost a re-read: the stamp must match exactly.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::probe::{self, Format, Header, Refusal};
use crate::engine::cache::{DIR, Stamp};

/// A source picture as the build knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Probed {
    /// The hash of its bytes.
    pub hash: u128,
    /// What its header says.
    pub header: Header,
}

/// Why a source cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// It cannot be read (it is not there, or not a file).
    Unreadable(String),
    /// It is refused by the header check.
    Refused(Refusal),
}

/// The known sources of one site, by path relative to its root.
#[derive(Debug, Default)]
pub struct Sources {
    root: PathBuf,
    file: Option<PathBuf>,
    known: Mutex<HashMap<PathBuf, (Stamp, Probed)>>,
    /// Whether a source was read since loading: if not, the saved list stands.
    learned: AtomicBool,
}

impl Sources {
    /// The sources a previous build of the site in `root` recorded; saved by [`Sources::save`].
    pub fn load(root: &Path) -> Sources {
        let file = root.join(DIR).join("media").join("sources");
        let known = std::fs::read_to_string(&file)
            .map(|text| text.lines().filter_map(parse_line).collect())
            .unwrap_or_default();
        Sources {
            root: root.to_path_buf(),
            file: Some(file),
            known: Mutex::new(known),
            learned: AtomicBool::new(false),
        }
    }

    /// What a build uses: the recorded sources, or none with `--no-cache`.
    pub fn for_build(root: &Path, no_cache: bool) -> Sources {
        match no_cache {
            true => Sources::in_memory(root),
            false => Sources::load(root),
        }
    }

    /// Sources known only while this value lives (`serve`, `check`).
    pub fn in_memory(root: &Path) -> Sources {
        Sources {
            root: root.to_path_buf(),
            ..Sources::default()
        }
    }

    /// The site folder paths are relative to.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What the picture at `rel` (relative to the site root) is, found with
    /// `stamp` (`source::resolve` took it): known by that stamp, or read now.
    pub fn probe(&self, rel: &Path, stamp: Stamp) -> Result<Probed, Problem> {
        let path = self.root.join(rel);
        if let Some((s, p)) = self.known.lock().expect("not poisoned").get(rel)
            && *s == stamp
        {
            return Ok(*p);
        }
        if stamp.size > probe::MAX_FILE_BYTES {
            return Err(Problem::Refused(Refusal::TooLarge(format!(
                "the file is {} MB; the build reads images of at most {} MB",
                stamp.size >> 20,
                probe::MAX_FILE_BYTES >> 20
            ))));
        }
        let bytes = std::fs::read(&path).map_err(|e| Problem::Unreadable(e.to_string()))?;
        let header = probe::header(&bytes).map_err(Problem::Refused)?;
        let probed = Probed {
            hash: xxhash_rust::xxh3::xxh3_128(&bytes),
            header,
        };
        (self.known.lock().expect("not poisoned")).insert(rel.to_path_buf(), (stamp, probed));
        self.learned.store(true, Ordering::Relaxed);
        Ok(probed)
    }

    /// Writes what is known for the next build (best effort: without it the next
    /// build reads the pictures again).
    pub fn save(&self) {
        let Some(file) = &self.file else { return };
        let known = self.known.lock().expect("not poisoned");
        // A site without pictures keeps nothing.
        if known.is_empty() {
            let _ = std::fs::remove_file(file);
            return;
        }
        // Nothing read that the file does not say already (10,000 lines unwritten).
        if !self.learned.load(Ordering::Relaxed) {
            return;
        }
        let mut lines: Vec<String> = known
            .iter()
            .filter_map(|(rel, (stamp, p))| {
                Some(format!(
                    "{:032x} {} {} {} {} {} {}\n",
                    p.hash,
                    p.header.format.ext(),
                    p.header.width,
                    p.header.height,
                    stamp.size,
                    stamp.modified,
                    rel.to_str()?
                ))
            })
            .collect();
        lines.sort_unstable();
        if let Some(dir) = file.parent()
            && std::fs::create_dir_all(dir).is_ok()
        {
            let tmp = file.with_extension(format!("tmp-{}", std::process::id()));
            if std::fs::write(&tmp, lines.concat()).is_ok() {
                let _ = std::fs::rename(&tmp, file);
            }
        }
    }
}

fn parse_line(line: &str) -> Option<(PathBuf, (Stamp, Probed))> {
    let mut parts = line.splitn(7, ' ');
    let hash = u128::from_str_radix(parts.next()?, 16).ok()?;
    let format = Format::of_name(&format!("x.{}", parts.next()?))?;
    let width = parts.next()?.parse().ok()?;
    let height = parts.next()?.parse().ok()?;
    let size = parts.next()?.parse().ok()?;
    let modified = parts.next()?.parse().ok()?;
    let rel = PathBuf::from(parts.next()?);
    let header = Header {
        format,
        width,
        height,
    };
    Some((rel, (Stamp { size, modified }, Probed { hash, header })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sources_survive_a_save_and_a_load() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("static")).unwrap();
        let png = crate::media::probe::tests::png(64, 32);
        std::fs::write(dir.path().join("static/a b.png"), &png).unwrap();
        let sources = Sources::load(dir.path());
        let rel = Path::new("static/a b.png");
        let stamp = Stamp::of(&dir.path().join(rel)).unwrap();
        let first = sources.probe(rel, stamp).unwrap();
        assert_eq!((first.header.width, first.header.height), (64, 32));
        sources.save();
        let again = Sources::load(dir.path());
        assert_eq!(again.known.lock().unwrap().get(rel).unwrap().1, first);
        // Nothing new learned: the list is not written again.
        let file = dir.path().join(DIR).join("media").join("sources");
        std::fs::write(
            &file,
            format!("{}# kept\n", std::fs::read_to_string(&file).unwrap()),
        )
        .unwrap();
        assert_eq!(again.probe(rel, stamp).unwrap(), first);
        again.save();
        assert!(
            std::fs::read_to_string(&file)
                .unwrap()
                .ends_with("# kept\n")
        );
        assert!(matches!(
            again.probe(
                Path::new("static/none.png"),
                Stamp {
                    size: 1,
                    modified: 1
                }
            ),
            Err(Problem::Unreadable(_))
        ));
    }
}
