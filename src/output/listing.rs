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

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::engine::cache::Stamp;

/// The files of one folder tree: by relative name, the stamp of each, or `None`
/// for an entry that is not a regular file (a symlink to a folder, a socket), which
/// no build makes and so never matches.
#[derive(Debug, Default)]
pub struct Listing {
    files: FxHashMap<String, Option<Stamp>>,
    /// Files whose paths are not UTF-8: never a build's, so always strays.
    unnamed: Vec<PathBuf>,
    /// The folders under the root, by relative name.
    folders: Vec<String>,
    /// Whether every folder was read to its end (one that could not be opened or
    /// read, or lay deeper than [`MAX_DEPTH`], leaves the listing short).
    complete: bool,
}

/// How deep a listing goes. Deeper folders are left out (the listing is then not
/// complete): nothing a build writes is nested that deep, and a hostile tree of
/// thousands of levels must not exhaust the walk's stack.
const MAX_DEPTH: usize = 64;

/// A relative path as the listing names it: `/`-separated, as outputs are named.
fn key(name: &str) -> std::borrow::Cow<'_, str> {
    match std::path::MAIN_SEPARATOR {
        '/' => name.into(),
        sep => name.replace(sep, "/").into(),
    }
}

impl Listing {
    /// Everything under `dir` (an empty, incomplete listing when `dir` cannot be
    /// read: then every file counts as missing, and is made again).
    pub fn of(dir: &Path) -> Listing {
        let found = walk(dir);
        Listing {
            files: found.named.into_iter().collect(),
            unnamed: found.unnamed,
            folders: found.folders,
            complete: found.complete,
        }
    }

    /// The stamp of the file `name` (relative), when it is a file there.
    pub fn stamp(&self, name: &str) -> Option<Stamp> {
        self.files.get(key(name).as_ref()).copied().flatten()
    }

    /// Whether anything but a folder is at `name`.
    pub fn holds(&self, name: &str) -> bool {
        self.files.contains_key(key(name).as_ref())
    }

    /// Looks again at the files `names` (relative paths), which a build has just
    /// written or removed.
    pub fn refresh<'a>(&mut self, dir: &Path, names: impl Iterator<Item = &'a Path>) {
        for name in names {
            let path = dir.join(name);
            let there = std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir());
            let Some(text) = name.to_str() else {
                self.unnamed.retain(|u| u != name || there);
                continue;
            };
            let text = key(text).into_owned();
            match there {
                true => self.files.insert(text, Stamp::of(&path)),
                false => self.files.remove(&text),
            };
        }
    }

    /// Every name listed, in no particular order, then the paths that are not
    /// UTF-8.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        let named = self.files.keys().map(|n| Path::new(n.as_str()));
        named.chain(self.unnamed.iter().map(PathBuf::as_path))
    }

    /// The folders under the root, relative, in no particular order.
    pub fn folders(&self) -> &[String] {
        &self.folders
    }

    /// Whether every folder was read whole.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// How many entries were listed, folders aside.
    pub fn len(&self) -> usize {
        self.files.len() + self.unnamed.len()
    }

    /// Whether nothing was.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What a walk finds: files by UTF-8 name, the others, the folders, and whether
/// every folder was read whole.
#[derive(Debug)]
struct Found {
    named: Vec<(String, Option<Stamp>)>,
    unnamed: Vec<PathBuf>,
    folders: Vec<String>,
    complete: bool,
}

impl Found {
    fn empty(complete: bool) -> Found {
        Found {
            named: Vec::new(),
            unnamed: Vec::new(),
            folders: Vec::new(),
            complete,
        }
    }

    fn add(&mut self, other: Found) {
        self.named.extend(other.named);
        self.unnamed.extend(other.unnamed);
        self.folders.extend(other.folders);
        self.complete &= other.complete;
    }
}

#[cfg(unix)]
fn walk(dir: &Path) -> Found {
    // The output folder itself may be a link (to a mounted volume); what is in it
    // is not followed.
    let flags = unix::FOLDER - rustix::fs::OFlags::NOFOLLOW;
    match rustix::fs::open(dir, flags, rustix::fs::Mode::empty()) {
        Ok(fd) => unix::folder(fd, Vec::new(), 0),
        // Nothing there is a whole listing of nothing; anything else is not.
        Err(e) => Found::empty(e == rustix::io::Errno::NOENT),
    }
}

#[cfg(unix)]
mod unix {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;
    use std::path::PathBuf;

    use super::{Found, MAX_DEPTH, Stamp};
    use rayon::prelude::*;
    use rustix::fd::OwnedFd;
    use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags};

    /// How folders are opened: never through a link.
    pub(super) const FOLDER: OFlags = OFlags::RDONLY
        .union(OFlags::DIRECTORY)
        .union(OFlags::CLOEXEC)
        .union(OFlags::NOFOLLOW);

    /// The files under the open folder `fd`, `depth` folders down, named after
    /// `prefix` (empty, or ending in `/`). Sub-folders are listed in parallel, each
    /// opened only when its turn comes: a folder of 10,000 picture folders must not
    /// hold 10,000 descriptors open at once (the usual limit is 1,024). A folder
    /// that cannot be opened or read to its end makes the listing incomplete.
    pub(super) fn folder(fd: OwnedFd, prefix: Vec<u8>, depth: usize) -> Found {
        let Ok(mut dir) = Dir::new(fd) else {
            return Found::empty(false);
        };
        let mut found = Found::empty(true);
        let mut folders: Vec<Vec<u8>> = Vec::new();
        while let Some(entry) = dir.read() {
            let Ok(entry) = entry else {
                found.complete = false;
                break;
            };
            let name = entry.file_name().to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            let Ok(fd) = dir.fd() else { break };
            let kind = match entry.file_type() {
                FileType::Unknown => rustix::fs::statat(fd, name, AtFlags::SYMLINK_NOFOLLOW)
                    .map(|s| FileType::from_raw_mode(s.st_mode))
                    .unwrap_or(FileType::Unknown),
                kind => kind,
            };
            let path = [prefix.as_slice(), name].concat();
            if kind == FileType::Directory {
                folders.push(path);
                continue;
            }
            let stamp = rustix::fs::statat(fd, name, AtFlags::empty())
                .ok()
                .and_then(stamp);
            match String::from_utf8(path) {
                Ok(text) => found.named.push((text, stamp)),
                Err(e) => found
                    .unnamed
                    .push(PathBuf::from(OsString::from_vec(e.into_bytes()))),
            }
        }
        if depth >= MAX_DEPTH && !folders.is_empty() {
            found.complete = false;
            return found;
        }
        let Ok(parent) = dir.fd() else {
            found.complete = false;
            return found;
        };
        let nested: Vec<Found> = folders
            .into_par_iter()
            .map(|path| {
                let name = &path[prefix.len()..];
                let mut sub = match rustix::fs::openat(parent, name, FOLDER, Mode::empty()) {
                    Ok(fd) => folder(fd, [path.as_slice(), b"/"].concat(), depth + 1),
                    Err(_) => Found::empty(false),
                };
                match String::from_utf8(path) {
                    Ok(text) => sub.folders.push(text),
                    Err(_) => sub.complete = false,
                }
                sub
            })
            .collect();
        for n in nested {
            found.add(n);
        }
        found
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
fn walk(dir: &Path) -> Found {
    let mut found = Found::empty(dir.is_dir() || !dir.exists());
    let entries = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(MAX_DEPTH)
        .into_iter();
    for e in entries {
        let Ok(e) = e else {
            found.complete = false;
            continue;
        };
        let Ok(rel) = e.path().strip_prefix(dir) else {
            continue;
        };
        match (rel.to_str(), e.file_type().is_dir()) {
            (Some(text), true) => found.folders.push(key(text).into_owned()),
            (Some(text), false) => found
                .named
                .push((key(text).into_owned(), Stamp::of(e.path()))),
            (None, _) => found.unnamed.push(rel.to_path_buf()),
        }
    }
    found
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
        let mut names: Vec<&Path> = listing.paths().collect();
        names.sort_unstable();
        assert_eq!(names, [Path::new("alias"), Path::new("real/f")]);
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_listed_as_paths() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let odd = std::ffi::OsStr::from_bytes(b"caf\xe9");
        std::fs::create_dir(dir.path().join(odd)).unwrap();
        std::fs::write(dir.path().join(odd).join("x.html"), "x").unwrap();
        std::fs::write(dir.path().join("ok.html"), "x").unwrap();
        let mut listing = Listing::of(dir.path());
        assert_eq!(listing.len(), 2);
        let odd_file = Path::new(odd).join("x.html");
        assert!(listing.paths().any(|p| p == odd_file));
        std::fs::remove_file(dir.path().join(&odd_file)).unwrap();
        listing.refresh(dir.path(), [odd_file.as_path()].into_iter());
        assert_eq!(listing.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_wider_than_the_descriptor_limit_is_listed_whole() {
        // More sub-folders than the usual limit of open files, 1,024, which the
        // listing is held to (machines that allow more would hide the bug). The
        // limit is a process's: the test runs again in a process of its own, so
        // no other test is held to it.
        const ALONE: &str = "SMARTPICKS_TEST_FD_LIMIT";
        if std::env::var_os(ALONE).is_none() {
            let name =
                "output::listing::tests::a_folder_wider_than_the_descriptor_limit_is_listed_whole";
            let run = std::process::Command::new(std::env::current_exe().unwrap())
                .args([name, "--exact", "--test-threads=1", "--nocapture"])
                .env(ALONE, "1")
                .output()
                .unwrap();
            let out = String::from_utf8_lossy(&run.stdout);
            assert!(run.status.success() && out.contains("1 passed"), "{out}");
            return;
        }
        use rustix::process::{Resource, getrlimit, setrlimit};
        let mut limit = getrlimit(Resource::Nofile);
        limit.current = Some(limit.current.map_or(1024, |c| c.min(1024)));
        setrlimit(Resource::Nofile, limit).unwrap();
        let dir = tempfile::tempdir().unwrap();
        for i in 0..1500 {
            let folder = dir.path().join(format!("images/{i:04}"));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("a.webp"), "x").unwrap();
        }
        let listing = Listing::of(dir.path());
        assert_eq!(listing.len(), 1500);
        assert!(listing.is_complete());
    }

    #[test]
    fn a_tree_deeper_than_the_limit_is_listed_as_incomplete() {
        let dir = tempfile::tempdir().unwrap();
        let deep: PathBuf = (0..MAX_DEPTH + 2).map(|_| "d").collect();
        std::fs::create_dir_all(dir.path().join(&deep)).unwrap();
        std::fs::write(dir.path().join(&deep).join("f"), "x").unwrap();
        std::fs::write(dir.path().join("top"), "x").unwrap();
        let listing = Listing::of(dir.path());
        assert!(!listing.is_complete());
        assert!(listing.holds("top"));
        assert!(
            Listing::of(&dir.path().join("none")).is_complete(),
            "nothing there"
        );
    }
}
