//! One file per kind of output; each is a [`Generator`](super::kind::Generator)
//! registered in [`KINDS`](super::kind::KINDS).

pub mod archive;
pub mod article;
pub mod card;
pub mod corrections;
pub mod digest;
pub mod email;
pub mod feed;
pub mod home;
pub mod not_found;
pub mod redirect;
pub mod search;
pub mod sitemap;
pub mod taxonomy;
