//! Media: files made from pictures and templates rather than text (resized images,
//! social cards). `store.rs` keeps what is slow to make across builds.

pub mod card;
pub mod store;

pub use store::{MediaKey, MediaStore};
