//! Which names under `content/` are stories, and opening one safely.
//!
//! The walk follows symbolic links that stay inside the site, to files and to folders
//! (a folder link back to one of its own parents is a loop and is not entered). Every
//! `*.md` name that is not a readable story file is still listed, as is every folder
//! link that is not followed, so that [`open`] turns it into a diagnostic naming the
//! file: a story must never vanish from the site without a word. Both `build` and
//! `check` (and `serve`) read stories through [`open`], so they report the same.
//!
//! Nothing here opens a file before knowing it is a regular one: opening a FIFO for
//! reading blocks until someone writes to it, which would hang the build.

use std::fs::File;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{CONTENT_DIR, is_ignored};
use crate::error::{Code, Diagnostic, Error, Result};

/// Lists the story files under `content/` (paths relative to `root`, as the writer
/// sees them, links included), sorted so that nothing depends on directory order.
/// Names that cannot be stories but look like one (see the module text) are listed
/// too; [`open`] says what is wrong with them.
pub fn story_files(root: &Path) -> Result<Vec<PathBuf>> {
    let dir = root.join(CONTENT_DIR);
    if !dir.exists() {
        return Ok(Vec::new());
    }
    if !dir.is_dir() {
        return Err(Error::io(
            "cannot read the stories in",
            &dir,
            std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder"),
        ));
    }
    let canonical = |p: &Path| {
        p.canonicalize()
            .map_err(|e| Error::io("cannot open", p.to_path_buf(), e))
    };
    let site = canonical(root)?;
    let mut walk = Walk {
        root,
        chain: vec![site.clone(), canonical(&dir)?],
        site,
        files: Vec::new(),
    };
    walk.folder(&dir)?;
    Ok(walk.files)
}

/// One walk of `content/`.
struct Walk<'a> {
    root: &'a Path,
    /// The site folder, resolved.
    site: PathBuf,
    /// The resolved folders from the site down to the one being walked: a link to
    /// any of them would walk in circles.
    chain: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

impl Walk<'_> {
    fn folder(&mut self, dir: &Path) -> Result<()> {
        let cannot = |e| Error::io("cannot read", dir.to_path_buf(), e);
        let mut entries = std::fs::read_dir(dir)
            .map_err(cannot)?
            .collect::<std::io::Result<Vec<_>>>()
            .map_err(cannot)?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let name = entry.file_name();
            if is_ignored(&name) {
                continue;
            }
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|e| Error::io("cannot read", path.clone(), e))?;
            if kind.is_dir() {
                let resolved = self.chain.last().expect("never empty").join(&name);
                self.enter(&path, resolved)?;
            } else if kind.is_symlink() {
                match std::fs::metadata(&path).map(|m| m.is_dir()) {
                    Ok(true) => match path.canonicalize() {
                        Ok(resolved) if resolved.starts_with(&self.site) => {
                            self.enter(&path, resolved)?;
                        }
                        _ => self.list(&path),
                    },
                    _ if is_story_name(&path) => self.list(&path),
                    _ => {}
                }
            } else if is_story_name(&path) {
                // Regular files and FIFOs, sockets, devices alike: `open` tells them apart.
                self.list(&path);
            }
        }
        Ok(())
    }

    /// Walks a folder (reached as `path`, resolved to `resolved`) unless it is one of
    /// the folders being walked already; then it is listed, to be reported as a loop.
    fn enter(&mut self, path: &Path, resolved: PathBuf) -> Result<()> {
        if self.chain.contains(&resolved) {
            self.list(path);
            return Ok(());
        }
        self.chain.push(resolved);
        let walked = self.folder(path);
        self.chain.pop();
        walked
    }

    fn list(&mut self, path: &Path) {
        let rel = path.strip_prefix(self.root).unwrap_or(path);
        self.files.push(rel.to_path_buf());
    }
}

fn is_story_name(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "md")
}

/// Opens a story file (`rel` is relative to `root`) for reading, or says why it is
/// not one. The file type is checked before the file is opened, and again on the
/// open file, so a FIFO swapped in between cannot block the read either.
pub fn open(root: &Path, rel: &Path) -> std::result::Result<File, Diagnostic> {
    let path = root.join(rel);
    inspect(root, &path).map_err(|u| u.diagnostic(rel))?;
    let file = open_nonblocking(&path).map_err(|e| Unusable::Io(e).diagnostic(rel))?;
    let meta = file
        .metadata()
        .map_err(|e| Unusable::Io(e).diagnostic(rel))?;
    if !meta.is_file() {
        return Err(Unusable::from_type(meta.file_type()).diagnostic(rel));
    }
    Ok(file)
}

/// Opening never waits for a writer: a FIFO opened with `O_NONBLOCK` returns at once
/// (and is then refused by its type); regular files read as usual.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Why a name under `content/` is not a story that can be read.
#[derive(Debug)]
enum Unusable {
    /// A link (to a file or a folder) that resolves outside the site.
    Outside { target: PathBuf, folder: bool },
    /// A link to nothing.
    Dangling { target: PathBuf },
    /// A link that leads back to itself (through other links, perhaps).
    Loop,
    /// A link to a folder that holds it.
    FolderLoop { target: PathBuf },
    /// Something other than a file or folder: a FIFO, a socket, a device.
    Special(&'static str),
    /// A folder where a story file was expected.
    Folder,
    /// The file system could not say.
    Io(std::io::Error),
}

/// Checks what `path` is without opening it.
fn inspect(root: &Path, path: &Path) -> std::result::Result<(), Unusable> {
    let own = std::fs::symlink_metadata(path).map_err(Unusable::Io)?;
    if own.is_file() {
        return Ok(());
    }
    if !own.file_type().is_symlink() {
        return Err(if own.is_dir() {
            Unusable::Folder
        } else {
            Unusable::from_type(own.file_type())
        });
    }
    let target = std::fs::read_link(path).unwrap_or_default();
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        ErrorKind::NotFound => Unusable::Dangling {
            target: target.clone(),
        },
        _ if is_loop(&e) => Unusable::Loop,
        _ => Unusable::Io(e),
    })?;
    let resolved = path.canonicalize().map_err(Unusable::Io)?;
    let site = root.canonicalize().map_err(Unusable::Io)?;
    if !resolved.starts_with(&site) {
        return Err(Unusable::Outside {
            target: resolved,
            folder: meta.is_dir(),
        });
    }
    if meta.is_dir() {
        let encloses = path
            .ancestors()
            .skip(1)
            .take_while(|a| a.starts_with(root))
            .any(|a| a.canonicalize().is_ok_and(|a| a == resolved));
        return Err(if encloses {
            Unusable::FolderLoop { target }
        } else {
            Unusable::Folder
        });
    }
    if meta.is_file() {
        Ok(())
    } else {
        Err(Unusable::from_type(meta.file_type()))
    }
}

#[cfg(unix)]
fn is_loop(e: &std::io::Error) -> bool {
    rustix::io::Errno::from_io_error(e) == Some(rustix::io::Errno::LOOP)
}

#[cfg(not(unix))]
fn is_loop(_: &std::io::Error) -> bool {
    false
}

impl Unusable {
    fn from_type(kind: std::fs::FileType) -> Unusable {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                return Unusable::Special("a named pipe (FIFO)");
            }
            if kind.is_socket() {
                return Unusable::Special("a socket");
            }
            if kind.is_char_device() || kind.is_block_device() {
                return Unusable::Special("a device file");
            }
        }
        if kind.is_dir() {
            Unusable::Folder
        } else {
            Unusable::Special("not a regular file")
        }
    }

    fn diagnostic(self, rel: &Path) -> Diagnostic {
        const SKIP: &str = "or start its name with _ to leave it out of the site";
        let code = match self {
            Unusable::Io(_) => Code::Unreadable,
            _ => Code::IrregularFile,
        };
        let (message, hint) = match self {
            Unusable::Outside { target, folder } => (
                format!(
                    "is a symbolic link to {}, outside the site; a build reads only the site's own files",
                    target.display()
                ),
                format!(
                    "copy the {} into the site (or link to one inside it), {SKIP}",
                    if folder { "folder" } else { "story" }
                ),
            ),
            Unusable::Dangling { target } => (
                format!(
                    "is a symbolic link to {}, which does not exist",
                    target.display()
                ),
                format!("point the link at an existing story, remove it, {SKIP}"),
            ),
            Unusable::Loop => (
                "is a symbolic link that leads back to itself, so it never reaches a story"
                    .to_owned(),
                format!("point the link at a story, remove it, {SKIP}"),
            ),
            Unusable::FolderLoop { target } => (
                format!(
                    "is a symbolic link to {}, a folder that holds it: following it would go round in circles",
                    target.display()
                ),
                format!("remove the link, {SKIP}"),
            ),
            Unusable::Special(what) => (
                format!("is {what}, not a story file; it is not read"),
                format!("move it out of content/, {SKIP}"),
            ),
            Unusable::Folder => (
                "is a folder where a story file was expected".to_owned(),
                format!("rename it, {SKIP}"),
            ),
            Unusable::Io(e) => (
                format!("cannot read the file: {e}"),
                "check that the file exists and can be read".to_owned(),
            ),
        };
        Diagnostic::new(code, rel, 0, message).hint(hint)
    }
}
