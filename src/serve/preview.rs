//! Where a preview is written. Every rebuild replaces files (each written beside
//! its page and renamed over it, so no request sees half a file), and on a disk
//! each replacement costs a new inode: on this project's 2-core test machine, with
//! `/tmp` on ext4, 0.6 ms a file, 220 ms of a category edit's 360 pages. So the
//! preview goes to a file system in memory when the machine has one with room to
//! spare, as `hugo server` and `zola serve` keep theirs in memory, and to the
//! temporary folder otherwise.

use std::path::{Path, PathBuf};

/// The name of a preview folder, before the process id.
pub(super) const PREFIX: &str = "smartpicks-serve-";

/// The free space a file system in memory must have to be used: a 10,000-story
/// site is about 340 MB; Docker's default `/dev/shm` (64 MB) is passed over.
const ROOM: u64 = 2 << 30;

/// The folder previews are made in: the user's runtime folder or `/dev/shm` when
/// either is in memory, writable and roomy enough, else the temporary folder.
pub fn preview_base() -> PathBuf {
    let in_memory = [
        std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from),
        Some(PathBuf::from("/dev/shm")),
    ];
    in_memory
        .into_iter()
        .flatten()
        .find(|dir| roomy_memory(dir))
        .unwrap_or_else(std::env::temp_dir)
}

/// Where the preview of the process `pid` is.
pub fn preview_folder(pid: u32) -> PathBuf {
    preview_base().join(folder_name(pid))
}

/// The name of the preview folder of the process `pid`.
pub(super) fn folder_name(pid: u32) -> String {
    format!("{PREFIX}{pid}")
}

#[cfg(target_os = "linux")]
fn roomy_memory(dir: &Path) -> bool {
    use rustix::fs::{Access, access, statfs};
    const TMPFS_MAGIC: i128 = 0x0102_1994;
    let Ok(fs) = statfs(dir) else {
        return false;
    };
    // The field types differ between architectures.
    #[allow(clippy::useless_conversion)]
    let (kind, free) = (
        i128::from(fs.f_type),
        i128::from(fs.f_bavail) * i128::from(fs.f_bsize),
    );
    kind == TMPFS_MAGIC && free >= i128::from(ROOM) && access(dir, Access::WRITE_OK).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn roomy_memory(_: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_not_used() {
        assert!(!roomy_memory(Path::new("/no/such/folder")));
    }

    #[test]
    fn the_base_is_a_writable_folder() {
        let base = preview_base();
        assert!(base.is_dir(), "{}", base.display());
        let probe = tempfile::tempdir_in(&base).unwrap();
        std::fs::write(probe.path().join("index.html"), "x").unwrap();
    }
}
