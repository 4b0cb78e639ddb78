//! A build in progress. Files go into a fresh staging folder beside the output,
//! `.<name>.staging-<pid>`, and the finished folder takes the output's place in one
//! step, so a failed build leaves the previous site untouched and a reader never
//! finds the output missing or half-written. Folders that builds killed half-way
//! left behind are removed by the next build, once their process is gone.
//!
//! Messages never name the staging folder, which the user never sees: a path inside
//! it is reported as the same path inside the output (`public/2026/…`).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::target::{MARKER, MARKER_TEXT, Target};
use crate::error::{Error, Result};

/// A build in progress: files go into a staging folder until [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: Target,
    committed: bool,
}

/// The two kinds of folder a build makes beside its output, named `.<name><kind><pid>`.
const STAGING: &str = ".staging-";
const OLD: &str = ".old-";

/// Removes the folders builds killed half-way left beside `target`.
pub fn remove_killed_builds(target: &Target) {
    let (parent, name) = split(&target.path);
    remove_leftovers(parent, name);
}

impl Staging {
    /// Creates a fresh staging folder beside `target` (from
    /// [`checked_output`](super::checked_output)), holding only the marker so far,
    /// after removing the folders killed builds left there.
    pub fn create(target: &Target) -> Result<Staging> {
        remove_killed_builds(target);
        let dir = beside(&target.path, STAGING, std::process::id());
        let cannot = |e| Error::io("cannot create a folder beside", &target.shown, e);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(cannot)?;
        }
        std::fs::create_dir_all(&dir).map_err(cannot)?;
        let staging = Staging {
            dir,
            target: target.clone(),
            committed: false,
        };
        staging.write(Path::new(MARKER), MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// The staging folder (for tests and reports).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// How messages name a path inside the staging folder: the same path in the output.
    fn shown(&self, staged: &Path) -> PathBuf {
        match staged.strip_prefix(&self.dir) {
            Ok(rel) => self.target.shown.join(rel),
            Err(_) => staged.to_path_buf(),
        }
    }

    /// Creates, once each, the folders the given files will be written into: level by
    /// level, each level in parallel (a large archive has one folder per story).
    pub fn create_dirs<'p>(&self, files: impl Iterator<Item = &'p Path>) -> Result<()> {
        // Hashed by their bytes (the plan's paths are made by joining clean parts, so
        // one folder has one spelling): comparing `Path`s component by component
        // cost more than creating the folders.
        let mut dirs: rustc_hash::FxHashSet<&OsStr> = Default::default();
        for file in files {
            for ancestor in file
                .ancestors()
                .skip(1)
                .take_while(|p| !p.as_os_str().is_empty())
            {
                if !dirs.insert(ancestor.as_os_str()) {
                    break;
                }
            }
        }
        let mut levels: Vec<Vec<&Path>> = Vec::new();
        for d in dirs {
            let d = Path::new(d);
            let depth = d.components().count();
            if levels.len() < depth {
                levels.resize_with(depth, Vec::new);
            }
            levels[depth - 1].push(d);
        }
        for level in levels {
            level.par_iter().try_for_each(|d| {
                let path = self.dir.join(d);
                match std::fs::create_dir(&path) {
                    Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                        Err(Error::io("cannot create", self.shown(&path), e))
                    }
                    _ => Ok(()),
                }
            })?;
        }
        Ok(())
    }

    /// Writes one file; its folder must exist (see [`Staging::create_dirs`]).
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(rel);
        std::fs::write(&path, bytes).map_err(|e| Error::io("cannot write", self.shown(&path), e))
    }

    /// Copies the static files as the plan chose them (the theme's, the site's own
    /// winning, page bundles'); returns how many.
    pub fn copy_static(&self, assets: &[crate::engine::Asset]) -> Result<usize> {
        for asset in assets {
            let dest = self.dir.join(&asset.name);
            let copied = match dest.parent() {
                Some(parent) => std::fs::create_dir_all(parent),
                None => Ok(()),
            }
            .and_then(|()| std::fs::copy(&asset.path, &dest));
            copied.map_err(|source| Error::Copy {
                hint: clash_hint(&source),
                from: asset.path.clone(),
                to: self.shown(&dest),
                source,
            })?;
        }
        Ok(assets.len())
    }

    /// Puts the staged site in place of the target: with one atomic exchange where
    /// the system offers it, else by moving the old site aside first. The previous
    /// site is then removed; if that fails, the next build removes it.
    pub fn commit(mut self) -> Result<()> {
        let shown = self.target.shown.clone();
        let target = self.target.path.clone();
        if std::fs::symlink_metadata(&target).is_err() {
            std::fs::rename(&self.dir, &target)
                .map_err(|e| Error::io("cannot move the new site into", &shown, e))?;
            self.committed = true;
            return Ok(());
        }
        match exchange(&self.dir, &target) {
            Ok(()) => {
                // The staging folder now holds the previous site.
                self.committed = true;
                let _ = remove_in_parallel(&self.dir);
                return Ok(());
            }
            Err(e) if !exchange_unsupported(&e) => {
                return Err(Error::io("cannot move the new site into", &shown, e));
            }
            Err(_) => {}
        }
        let old = beside(&target, OLD, std::process::id());
        std::fs::rename(&target, &old)
            .map_err(|e| Error::io("cannot move aside the previous site in", &shown, e))?;
        if let Err(e) = std::fs::rename(&self.dir, &target) {
            let _ = std::fs::rename(&old, &target);
            return Err(Error::io("cannot move the new site into", &shown, e));
        }
        self.committed = true;
        let _ = remove_in_parallel(&old);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A copy fails this way when a page (or another static file) already holds the
/// path, or a folder on the way to it.
fn clash_hint(e: &std::io::Error) -> Option<&'static str> {
    use std::io::ErrorKind::{AlreadyExists, IsADirectory, NotADirectory};
    matches!(e.kind(), AlreadyExists | IsADirectory | NotADirectory).then_some(
        "a page of the site or another static file already uses this path or a folder on the way to it; rename the static file or folder",
    )
}

/// The parent folder and the name of a checked output path.
fn split(target: &Path) -> (&Path, &OsStr) {
    let parent = target.parent().expect("checked output has a parent");
    let name = target.file_name().expect("checked output has a name");
    (parent, name)
}

/// `.<name><kind><pid>` beside `target`.
fn beside(target: &Path, kind: &str, pid: u32) -> PathBuf {
    let (parent, name) = split(target);
    parent.join(format!(".{}{kind}{pid}", name.to_string_lossy()))
}

/// The process id in the name of a folder a build of `name` made beside it.
fn leftover_pid(file: &OsStr, name: &OsStr) -> Option<u32> {
    let rest = file
        .to_str()?
        .strip_prefix('.')?
        .strip_prefix(name.to_str()?)?;
    let pid = rest
        .strip_prefix(STAGING)
        .or_else(|| rest.strip_prefix(OLD))?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Removes the staging and old-site folders beside the output whose build is no
/// longer running (killed, or crashed). A folder whose process is alive belongs to a
/// build running now and is left alone; one with this process's id can only be from
/// an earlier process that had the same id. Best effort: what cannot be removed now
/// is tried again by the next build.
fn remove_leftovers(parent: &Path, name: &OsStr) {
    remove_dead_folders(parent, |file| leftover_pid(file, name));
}

/// Removes the folders in `parent` whose name carries (by `pid_of`) the id of a
/// process that no longer runs, or of this one (an earlier process with the same id
/// left it). `serve` clears its killed previews with the same rule.
pub(crate) fn remove_dead_folders(parent: &Path, pid_of: impl Fn(&OsStr) -> Option<u32>) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let Some(pid) = pid_of(&entry.file_name()) else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && (pid == std::process::id() || !process_alive(pid)) {
            let _ = remove_in_parallel(&entry.path());
        }
    }
}

/// Whether a process with this id exists (a signal 0 probe: nothing is sent).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    // EPERM means it exists but belongs to someone else.
    rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH)
}

/// Without a way to ask, every process is taken to be alive, so nothing is removed.
#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    true
}

/// Swaps two folders in one step (`renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Whether an exchange failed because the kernel or the file system cannot do it
/// (then the folders are moved one after the other instead).
fn exchange_unsupported(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::io::Errno;
        if let Some(errno) = Errno::from_io_error(e) {
            return [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP].contains(&errno);
        }
    }
    e.kind() == std::io::ErrorKind::Unsupported
}

/// Removes a folder tree, its top-level entries in parallel.
fn remove_in_parallel(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    entries.par_iter().try_for_each(|p| {
        if p.is_dir() && !p.is_symlink() {
            std::fs::remove_dir_all(p)
        } else {
            std::fs::remove_file(p)
        }
    })?;
    std::fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(path: &Path) -> Target {
        Target {
            path: path.to_path_buf(),
            shown: PathBuf::from("public"),
        }
    }

    #[test]
    fn commit_swaps_and_drop_cleans_up() {
        let tmp = tempfile::tempdir().unwrap();
        let target = target(&tmp.path().join("public"));
        std::fs::create_dir_all(&target.path).unwrap();
        std::fs::write(target.path.join("index.html"), "old").unwrap();
        let failed = Staging::create(&target).unwrap();
        let failed_dir = failed.dir().to_path_buf();
        drop(failed);
        assert!(!failed_dir.exists());
        let read = || std::fs::read_to_string(target.path.join("index.html")).unwrap();
        assert_eq!(read(), "old");
        let s = Staging::create(&target).unwrap();
        s.write(Path::new("index.html"), b"new").unwrap();
        s.commit().unwrap();
        assert_eq!(read(), "new");
        assert!(target.path.join(MARKER).is_file());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn exchange_swaps_or_says_it_cannot() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("which"), "a").unwrap();
        match exchange(&a, &b) {
            Ok(()) => assert_eq!(std::fs::read_to_string(b.join("which")).unwrap(), "a"),
            Err(e) => assert!(exchange_unsupported(&e), "{e}"),
        }
    }

    #[test]
    fn leftover_names() {
        let name = OsStr::new("public");
        let pid = |f: &str| leftover_pid(OsStr::new(f), name);
        assert_eq!(pid(".public.staging-42"), Some(42));
        assert_eq!(pid(".public.old-7"), Some(7));
        assert_eq!(pid(".public.staging-"), None);
        assert_eq!(pid(".public.staging-+4"), None);
        assert_eq!(pid(".docs.staging-42"), None);
        assert_eq!(pid("public.staging-42"), None);
        assert_eq!(pid(".public.staging-42x"), None);
    }

    #[test]
    fn messages_name_the_output_not_the_staging_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let s = Staging::create(&target(&tmp.path().join("public"))).unwrap();
        let e = s.write(Path::new("missing/index.html"), b"x").unwrap_err();
        let text = e.to_string();
        assert!(
            text.starts_with("cannot write public/missing/index.html:"),
            "{text}"
        );
    }
}
