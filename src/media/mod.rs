//! Media: files made from pictures and templates rather than text (resized images,
//! social cards). `store.rs` keeps what is slow to make across builds.
//!
//! Pictures go through: `source.rs` (where a written source is), `sources.rs` (its
//! hash and header, remembered by file stamp), `probe.rs` (the header, refused past
//! the size limits), `variants.rs` (the widths and formats made, and their names),
//! `picture.rs` (the pipeline stage giving each article its [`Pictures`]),
//! `rewrite.rs` (body `<img>`s into `<picture>`s), `encode.rs` (decode, resize,
//! encode) and `jobs.rs` (making the files, in parallel, through the store).

pub mod card;
pub mod encode;
pub mod jobs;
pub mod picture;
pub mod probe;
mod rewrite;
pub mod source;
pub mod sources;
pub mod store;
pub mod variants;

pub use jobs::{Job, Outputs, jobs};
pub use picture::{Picture, Pictures, attach, attach_one};
pub use sources::Sources;
pub use store::{MediaKey, MediaStore};
