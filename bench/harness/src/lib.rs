//! The smartpicks benchmark harness: the generated corpus (the same module the
//! integration tests use, included by path so both always write the same stories),
//! its Hugo flavour, walking an output folder, and classifying the pages a build wrote.
//! The binaries in `src/bin/` are thin command lines over these modules.

#[path = "../../../tests/integration/corpus/mod.rs"]
pub mod corpus;

pub mod args;
pub mod hugo;
pub mod pages;
pub mod photo;
pub mod tree;

use std::path::PathBuf;

/// The smartpicks repository this harness belongs to (two folders up).
pub fn repo_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.join("../..")
        .canonicalize()
        .expect("the repository root exists")
}
