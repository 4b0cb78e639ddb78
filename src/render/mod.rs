//! The render stage: the route table, the theme, the template views and the
//! rendering of each route to bytes. Nothing here touches the output folder.

pub mod feeds;
mod jsonld;
mod metadata;
mod pages;
mod routes;
mod sitemap;
mod static_clash;
mod theme;
pub mod views;
mod xml;

pub use feeds::FeedFormat;
pub use jsonld::script_json;
pub use metadata::{FeedLink, MetaView};
pub use pages::{NeighbourView, Renderer, redirect_page};
pub use routes::{Route, page_count, page_permalink, routes};
pub use static_clash::check_static_clashes;
pub use theme::{REQUIRED as REQUIRED_TEMPLATES, Theme, files_under};
