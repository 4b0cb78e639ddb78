//! The media store: files that are slow to make (resized and re-encoded images,
//! social cards rendered to PNG) kept by the hash of everything they are made from,
//! in `.smartpicks/media/` beside `site.toml`. Any build, full or cached, and any
//! `serve` session asks the store first, so an unchanged image is never encoded
//! twice, even after `rm -rf public` or a template edit that re-renders every page.
//!
//! Entries are written to a temporary name and renamed into place, so a killed build
//! leaves no half-written file under a real name; two builds making the same entry
//! at once both write the same bytes. Nothing is ever read back by a stale name: the
//! key covers the inputs, the settings and [`FORMAT`], so a change to any of them is
//! a different file. The store is never pruned by a build (it would have to know
//! every other build's outputs); deleting the folder is always safe.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use xxhash_rust::xxh3::Xxh3;

use crate::engine::cache::DIR;
use crate::error::{Error, Result};

/// Bumped whenever what a key stands for changes (an encoder setting, a resizing
/// filter): every entry made before is then a different key.
const FORMAT: &[u8] = b"smartpicks media 1";

/// What a stored file is made from, hashed (128 bits, so two inputs never meet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MediaKey(u128);

impl MediaKey {
    /// The key of a file made from these parts (source bytes, settings, template
    /// text...). Each part is length-prefixed, so `["ab", "c"]` and `["a", "bc"]` differ.
    pub fn of(parts: &[&[u8]]) -> MediaKey {
        let mut h = Xxh3::new();
        h.update(FORMAT);
        for part in parts {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
        MediaKey(h.digest128())
    }

    /// The key as a number (a build cache fingerprint of the file it names).
    pub fn value(self) -> u128 {
        self.0
    }

    /// The key as 32 hexadecimal digits, for file names.
    pub fn hex(self) -> String {
        format!("{:032x}", self.0)
    }
}

/// The store of one site, or none (`--no-cache`, `check`): then everything is made
/// each time and nothing is kept.
#[derive(Debug)]
pub struct MediaStore {
    dir: Option<PathBuf>,
    made: AtomicUsize,
    reused: AtomicUsize,
    /// The store's 256 shard folders, each opened once it is first found, so
    /// a link names its entry relative to an open folder, not by a path from `/`.
    #[cfg(unix)]
    shards: Box<[std::sync::OnceLock<rustix::fd::OwnedFd>; 256]>,
}

/// A folder of the output that entries are placed into, opened once for every
/// file placed in it (pictures share folders): each link then names its file
/// relative to it.
#[derive(Debug)]
pub struct Folder {
    path: PathBuf,
    #[cfg(unix)]
    fd: rustix::fd::OwnedFd,
}

impl Folder {
    /// The folder at `path`, created with its parents when missing.
    pub fn create(path: PathBuf) -> Result<Folder> {
        std::fs::create_dir_all(&path).map_err(|e| Error::io("cannot create", &path, e))?;
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let fd = rustix::fs::open(&path, flags, Mode::empty())
                .map_err(|e| Error::io("cannot open", &path, e.into()))?;
            Ok(Folder { path, fd })
        }
        #[cfg(not(unix))]
        Ok(Folder { path })
    }

    /// Where the file `name` in it is.
    pub fn path(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }
}

impl MediaStore {
    /// The store of the site in `root`.
    pub fn open(root: &Path) -> MediaStore {
        MediaStore::at(Some(root.join(DIR).join("media")))
    }

    /// What a build uses: the site's store, or none with `--no-cache`.
    pub fn for_build(root: &Path, no_cache: bool) -> MediaStore {
        match no_cache {
            true => MediaStore::disabled(),
            false => MediaStore::open(root),
        }
    }

    /// No store: every file is made, none kept.
    pub fn disabled() -> MediaStore {
        MediaStore::at(None)
    }

    fn at(dir: Option<PathBuf>) -> MediaStore {
        MediaStore {
            dir,
            made: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
            #[cfg(unix)]
            shards: Box::new(std::array::from_fn(|_| std::sync::OnceLock::new())),
        }
    }

    /// How many files this store made (encoded) since it was opened.
    pub fn made(&self) -> usize {
        self.made.load(Ordering::Relaxed)
    }

    /// How many files it found already made.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// Where the entry for `key` with extension `ext` lives, when there is a store.
    pub fn path(&self, key: MediaKey, ext: &str) -> Option<PathBuf> {
        let hex = key.hex();
        // Two levels, as git does, so no folder holds 100,000 files.
        Some(
            self.dir
                .as_ref()?
                .join(&hex[..2])
                .join(format!("{}.{ext}", &hex[2..])),
        )
    }

    /// Whether the store holds the entry for `key` (never, without a store).
    pub fn holds(&self, key: MediaKey, ext: &str) -> bool {
        self.path(key, ext).is_some_and(|p| p.is_file())
    }

    /// Removes the entry for `key`, if the store holds one: the next build makes it
    /// again. For an output file changed since the build that placed it, which may
    /// have been edited in place and so have changed the entry it is linked to.
    pub fn evict(&self, key: MediaKey, ext: &str) {
        if let Some(path) = self.path(key, ext) {
            let _ = std::fs::remove_file(path);
        }
    }

    /// The bytes of the entry, made by `make` when the store does not hold it yet.
    pub fn bytes(
        &self,
        key: MediaKey,
        ext: &str,
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<Vec<u8>> {
        let Some(path) = self.path(key, ext) else {
            self.made.fetch_add(1, Ordering::Relaxed);
            return make();
        };
        if let Ok(bytes) = std::fs::read(&path) {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(bytes);
        }
        let bytes = make()?;
        self.made.fetch_add(1, Ordering::Relaxed);
        keep(&path, &bytes)?;
        Ok(bytes)
    }

    /// Puts the entry as the file `name` of `folder` (in the output), made by `make`
    /// when the store does not hold it yet. A stored entry is hard-linked, so a
    /// warm build neither reads nor copies image bytes; a copy where links are
    /// refused (another file system, Windows shares). The output is replaced whole by
    /// every full build and never edited in place, so sharing the inode with the
    /// store is safe. The link is tried first: a warm build of 10,000 pictures places
    /// 80,000 files, one system call each, relative to open folders.
    pub fn place(
        &self,
        key: MediaKey,
        ext: &str,
        (folder, name): (&Folder, &str),
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<()> {
        if self.dir.is_none() {
            let bytes = make()?;
            self.made.fetch_add(1, Ordering::Relaxed);
            return write(&folder.path(name), &bytes);
        }
        match self.link_at(key, ext, (folder, name)) {
            Ok(()) => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
            // Anything but a missing entry is the output's problem, told below.
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io("placing", folder.path(name), e));
            }
            Err(_) => {}
        }
        let path = self.path(key, ext).expect("a store with a folder");
        let dest = folder.path(name);
        // By path too: an open shard may be a folder removed since (the store
        // deleted while `serve` runs), where nothing is ever found again.
        match link(&path, &dest) {
            Ok(()) => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::io("placing", dest, e));
            }
            Err(_) => {}
        }
        let bytes = make()?;
        self.made.fetch_add(1, Ordering::Relaxed);
        keep(&path, &bytes)?;
        link(&path, &dest).map_err(|e| Error::io("placing", dest, e))
    }

    /// [`link`], with the entry named relative to its open shard and the file to
    /// its open folder.
    #[cfg(unix)]
    fn link_at(
        &self,
        key: MediaKey,
        ext: &str,
        (folder, name): (&Folder, &str),
    ) -> std::io::Result<()> {
        use rustix::fs::AtFlags;
        let hex = key.hex();
        let Some(shard) = self.shard(&hex) else {
            return Err(std::io::ErrorKind::NotFound.into());
        };
        let entry = format!("{}.{ext}", &hex[2..]);
        let link_once = || rustix::fs::linkat(shard, &entry, &folder.fd, name, AtFlags::empty());
        let linked = match link_once() {
            // `serve` writes over its own output.
            Err(rustix::io::Errno::EXIST) => {
                rustix::fs::unlinkat(&folder.fd, name, AtFlags::empty())?;
                link_once()
            }
            other => other,
        };
        match linked {
            Ok(()) => Ok(()),
            Err(rustix::io::Errno::NOENT) => Err(std::io::ErrorKind::NotFound.into()),
            // Links refused (another file system, which the kernel tells only
            // after "exists"): the path-based way copies.
            Err(_) => {
                let path = self
                    .path(key, ext)
                    .expect("a store with shards has a folder");
                link(&path, &folder.path(name))
            }
        }
    }

    #[cfg(not(unix))]
    fn link_at(
        &self,
        key: MediaKey,
        ext: &str,
        (folder, name): (&Folder, &str),
    ) -> std::io::Result<()> {
        let path = self.path(key, ext).ok_or(std::io::ErrorKind::NotFound)?;
        link(&path, &folder.path(name))
    }

    /// The open shard folder of the entry whose key is `hex`, when it exists.
    #[cfg(unix)]
    fn shard(&self, hex: &str) -> Option<&rustix::fd::OwnedFd> {
        let slot = &self.shards[usize::from_str_radix(&hex[..2], 16).ok()?];
        if let Some(fd) = slot.get() {
            return Some(fd);
        }
        use rustix::fs::{Mode, OFlags};
        let path = self.dir.as_ref()?.join(&hex[..2]);
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        // Not there yet: asked again next time, as a build may make it meanwhile.
        let fd = rustix::fs::open(&path, flags, Mode::empty()).ok()?;
        Some(slot.get_or_init(|| fd))
    }
}

/// Hard-links the stored `entry` at `dest`, replacing a file there (`serve` writes
/// over its own output), or copies it where links are refused. `NotFound` when
/// the store has no such entry.
fn link(entry: &Path, dest: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(entry, dest) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(e),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(dest)?;
            link(entry, dest)
        }
        Err(_) => std::fs::copy(entry, dest).map(drop),
    }
}

/// Writes a store entry under a temporary name and links it into place. Two
/// threads (or builds) may make the same entry at once, two pictures having the
/// same bytes: each writes a temporary file of its own (process and a counter),
/// and the first to link it in wins. Renaming over an entry instead would unlink
/// the one another thread is linking into its output, and that link then fails.
/// Where links are refused, the temporary file is renamed into place.
fn keep(path: &Path, bytes: &[u8]) -> Result<()> {
    static WRITES: AtomicUsize = AtomicUsize::new(0);
    let dir = path.parent().expect("entries live in a folder");
    std::fs::create_dir_all(dir).map_err(|e| Error::io("creating", dir, e))?;
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let tmp = path.with_extension(format!("tmp-{}-{n}", std::process::id()));
    write(&tmp, bytes)?;
    let stored = match std::fs::hard_link(&tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(_) => return std::fs::rename(&tmp, path).map_err(|e| Error::io("storing", path, e)),
    };
    let _ = std::fs::remove_file(&tmp);
    stored
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::io("writing", path, e))
}

#[cfg(test)]
mod tests;
