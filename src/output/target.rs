//! Choosing the output folder. A build deletes whatever the folder held, so folders
//! that would destroy the site's sources (or worse) are refused, and so is any
//! non-empty folder a build did not write: every build leaves a small marker file,
//! [`MARKER`], at the top of its output to be recognised by the next one. `--force`
//! lifts only the last rule.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file at the top of every build's output that marks the folder as one a build
/// may replace. A dot-file, so hosts that skip hidden files do not publish it; those
/// that do serve two harmless lines.
pub const MARKER: &str = ".smartpicks-output";

/// What [`MARKER`] says to someone who opens it. Fixed text, so the output stays
/// byte-identical from build to build.
pub const MARKER_TEXT: &str = "This folder is written by `smartpicks build`, which replaces all of it on every build.\n\
Files added here by hand are deleted by the next build.\n";

/// An output folder that a build may replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The folder, resolved.
    pub path: PathBuf,
    /// How messages name it: relative to the site folder when inside it (`public`),
    /// else the resolved path.
    pub shown: PathBuf,
}

/// Resolves `output` (relative paths are taken from the current folder) and checks
/// that replacing it cannot harm the site's sources, the system, or a folder of
/// someone else's files (unless `force`).
pub fn checked_output(root: &Path, output: &Path, force: bool) -> Result<Target> {
    let unsafe_out = |reason: &str, hint: &str| Error::UnsafeOutput {
        path: output.to_path_buf(),
        reason: reason.to_owned(),
        hint: hint.to_owned(),
    };
    const ELSEWHERE: &str = "choose another folder, e.g. --output public";
    let root = root
        .canonicalize()
        .map_err(|e| Error::io("cannot open the site folder", root, e))?;
    let absolute = if output.is_absolute() {
        output.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io("cannot read the current folder", ".", e))?
            .join(output)
    };
    let name = absolute
        .file_name()
        .filter(|n| *n != "." && *n != "..")
        .ok_or_else(|| unsafe_out("it has no folder name of its own", ELSEWHERE))?
        .to_owned();
    let parent = absolute
        .parent()
        .ok_or_else(|| unsafe_out("it is the file system root", ELSEWHERE))?;
    std::fs::create_dir_all(parent).map_err(|e| Error::io("cannot create", parent, e))?;
    let parent = parent
        .canonicalize()
        .map_err(|e| Error::io("cannot open", parent, e))?;
    let target = parent.join(&name);
    let target = target.canonicalize().unwrap_or(target);
    if target.parent().is_none() {
        return Err(unsafe_out("it is the file system root", ELSEWHERE));
    }
    if root.starts_with(&target) {
        return Err(unsafe_out(
            "it is the site folder or one of its parents",
            ELSEWHERE,
        ));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && home.canonicalize().is_ok_and(|h| h == target)
    {
        return Err(unsafe_out("it is your home folder", ELSEWHERE));
    }
    for source in ["content", "themes", "templates", "static"] {
        if target.starts_with(root.join(source)) {
            return Err(unsafe_out(
                &format!("it is inside the site's {source}/ folder"),
                "choose a folder outside content/, themes/, templates/ and static/, e.g. --output public",
            ));
        }
    }
    if target.exists() && !target.is_dir() {
        return Err(unsafe_out(
            "it exists and is not a folder",
            "remove the file or choose another --output",
        ));
    }
    if !force && target.is_dir() {
        refuse_foreign(&target).map_err(|(reason, hint)| unsafe_out(reason, hint))?;
    }
    let shown = target.strip_prefix(&root).unwrap_or(&target).to_path_buf();
    Ok(Target {
        path: target,
        shown,
    })
}

/// Refuses a folder that holds files but no [`MARKER`], with the reason and a hint.
fn refuse_foreign(dir: &Path) -> std::result::Result<(), (&'static str, &'static str)> {
    let empty = std::fs::read_dir(dir).is_ok_and(|mut rd| rd.next().is_none());
    let ours = std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file());
    if empty || ours {
        return Ok(());
    }
    // Builds before the marker existed left none; such a folder is most likely a
    // site, but an `index.html` alone does not prove that nothing else lives there.
    if dir.join("index.html").is_file() {
        return Err((
            "it holds a site but no .smartpicks-output marker, so no build of this version wrote it, and a build deletes everything in it",
            "if an older smartpicks built it, pass --force once (its files are deleted; later builds recognise the folder by the marker); otherwise choose another --output",
        ));
    }
    Err((
        "it is a non-empty folder that smartpicks did not write (no .smartpicks-output marker), and a build deletes everything in it",
        "choose a new or empty folder, or pass --force to replace this one and delete its files",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_outputs_even_with_force() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        for force in [false, true] {
            assert!(checked_output(&root, &root, force).is_err());
            assert!(checked_output(&root, tmp.path(), force).is_err());
            assert!(checked_output(&root, &root.join("content"), force).is_err());
            assert!(checked_output(&root, &root.join("themes"), force).is_err());
            assert!(checked_output(&root, Path::new("/"), force).is_err());
        }
        let public = checked_output(&root, &root.join("public"), false).unwrap();
        assert_eq!(public.shown, Path::new("public"));
    }

    #[test]
    fn replaces_only_empty_marked_or_forced_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("docs");
        std::fs::create_dir_all(&out).unwrap();
        assert!(checked_output(tmp.path(), &out, false).is_ok());
        std::fs::write(out.join("index.html"), "a site?").unwrap();
        assert!(checked_output(tmp.path(), &out, false).is_err());
        assert!(checked_output(tmp.path(), &out, true).is_ok());
        std::fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        assert!(checked_output(tmp.path(), &out, false).is_ok());
    }
}
