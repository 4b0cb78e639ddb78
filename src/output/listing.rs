//! Every file under an output folder with its stamp, in one pass: what a cached
//! build compares with its cache (which files are as the last build left them,
//! which were added by hand) and records for the next one.
//!
//! At 10,000 stories with a picture each, an output holds about 110,000 files
//! under 30,000 folders. Stating each by its path from `/` walks every component
//! of it in the kernel (`__d_lookup_rcu` was 17 % of a build with nothing to do),
//! and a walk that hands out absolute paths allocates and hashes them again. Here
//! each folder is opened once, read once, and its files stated by name relative to
//! it (`openat`, `getdents`, `fstatat`), folders in parallel; names are kept as
//! the output-relative, `/`-separated text the build cache uses.

use std::path::Path;

use rustc_hash::FxHashMap;

use crate::engine::cache::Stamp;

/// The files of one folder tree: by relative name, the stamp of each, or `None`
/// for an entry that is not a regular file (a symlink to a folder, a socket), which
/// no build makes and so never matches.
#[derive(Debug, Default)]
pub struct Listing {
    files: FxHashMap<String, Option<Stamp>>,
}

impl Listing {
    /// Everything under `dir` but folders (an empty listing when `dir` cannot be
    /// read: then every file counts as missing, and is made again).
    pub fn of(dir: &Path) -> Listing {
        let mut files = Vec::new();
        walk(dir, &mut files);
        Listing {
            files: files.into_iter().collect(),
        }
    }

    /// The stamp of the file `name` (relative, `/`-separated), when it is a file there.
    pub fn stamp(&self, name: &str) -> Option<Stamp> {
        self.files.get(name).copied().flatten()
    }

    /// Whether anything but a folder is at `name`.
    pub fn holds(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// Looks again at the files `names` (relative paths), which a build has just
    /// written or removed.
    pub fn refresh<'a>(&mut self, dir: &Path, names: impl Iterator<Item = &'a Path>) {
        for name in names {
            let Some(text) = name.to_str() else { continue };
            let path = dir.join(name);
            match std::fs::symlink_metadata(&path) {
                Ok(meta) if !meta.is_dir() => {
                    self.files.insert(text.to_owned(), Stamp::of(&path));
                }
                _ => {
                    self.files.remove(text);
                }
            }
        }
    }

    /// Every name listed, in no particular order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// How many entries were listed.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether nothing was.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

type Found = Vec<(String, Option<Stamp>)>;

#[cfg(unix)]
fn walk(dir: &Path, out: &mut Found) {
    // The output folder itself may be a link (to a mounted volume); what is in it
    // is not followed.
    let flags = folder_flags() - rustix::fs::OFlags::NOFOLLOW;
    if let Ok(fd) = rustix::fs::open(dir, flags, rustix::fs::Mode::empty()) {
        *out = unix::folder(fd, String::new());
    }
}

#[cfg(unix)]
fn folder_flags() -> rustix::fs::OFlags {
    use rustix::fs::OFlags;
    OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOFOLLOW
}

#[cfg(unix)]
mod unix {
    use super::{Found, Stamp, folder_flags};
    use rayon::prelude::*;
    use rustix::fd::OwnedFd;
    use rustix::fs::{AtFlags, Dir, FileType, Mode};

    /// The files under the open folder `fd`, named after `prefix` (empty, or
    /// ending in `/`). Sub-folders are listed in parallel.
    pub(super) fn folder(fd: OwnedFd, prefix: String) -> Found {
        let Ok(mut dir) = Dir::new(fd) else {
            return Vec::new();
        };
        let mut files = Vec::new();
        let mut folders = Vec::new();
        while let Some(Ok(entry)) = dir.read() {
            let name = entry.file_name().to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            let Ok(name) = std::str::from_utf8(name) else {
                // The build names every file in UTF-8; anything else is a stray.
                let lossy = String::from_utf8_lossy(name);
                files.push((format!("{prefix}{lossy}"), None));
                continue;
            };
            let Ok(fd) = dir.fd() else { break };
            let kind = match entry.file_type() {
                FileType::Unknown => rustix::fs::statat(fd, name, AtFlags::SYMLINK_NOFOLLOW)
                    .map(|s| FileType::from_raw_mode(s.st_mode))
                    .unwrap_or(FileType::Unknown),
                kind => kind,
            };
            if kind == FileType::Directory {
                if let Ok(sub) = rustix::fs::openat(fd, name, folder_flags(), Mode::empty()) {
                    folders.push((sub, format!("{prefix}{name}/")));
                }
            } else {
                let stamp = rustix::fs::statat(fd, name, AtFlags::empty())
                    .ok()
                    .and_then(stamp);
                files.push((format!("{prefix}{name}"), stamp));
            }
        }
        drop(dir);
        let nested: Vec<Found> = folders
            .into_par_iter()
            .map(|(fd, prefix)| folder(fd, prefix))
            .collect();
        files.extend(nested.into_iter().flatten());
        files
    }

    /// The stamp of a regular file, as [`Stamp::of`] reads it.
    #[allow(clippy::unnecessary_cast)] // the field types differ between platforms
    fn stamp(s: rustix::fs::Stat) -> Option<Stamp> {
        if FileType::from_raw_mode(s.st_mode) != FileType::RegularFile || (s.st_mtime as i64) < 0 {
            return None;
        }
        let modified = u128::from(s.st_mtime as u64) * 1_000_000_000 + s.st_mtime_nsec as u128;
        Some(Stamp {
            size: s.st_size as u64,
            modified,
        })
    }
}

#[cfg(not(unix))]
fn walk(dir: &Path, out: &mut Found) {
    *out = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .ok()?
                .to_str()?
                .replace('\\', "/");
            Some((rel, Stamp::of(e.path())))
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_with_the_stamp_a_path_gives() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b c/d")).unwrap();
        std::fs::create_dir_all(root.join("empty")).unwrap();
        for name in ["top.html", "a/x.xml", "a/b c/d/index.html"] {
            std::fs::write(root.join(name), name).unwrap();
        }
        let listing = Listing::of(root);
        assert_eq!(listing.len(), 3);
        for name in ["top.html", "a/x.xml", "a/b c/d/index.html"] {
            assert_eq!(listing.stamp(name), Stamp::of(&root.join(name)), "{name}");
            assert!(listing.stamp(name).is_some());
        }
        assert!(!listing.holds("a") && !listing.holds("empty"));
        assert!(Listing::of(&root.join("none")).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn links_are_listed_but_never_stamped_as_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("real")).unwrap();
        std::fs::write(root.join("real/f"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("real"), root.join("alias")).unwrap();
        let listing = Listing::of(root);
        assert!(
            listing.holds("alias"),
            "a link to a folder is a stray, not walked"
        );
        assert_eq!(listing.stamp("alias"), None);
        assert!(!listing.holds("alias/f"));
        let mut names: Vec<&str> = listing.names().collect();
        names.sort_unstable();
        assert_eq!(names, ["alias", "real/f"]);
    }
}
