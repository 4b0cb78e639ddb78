//! The render stage: the page kinds (generators) and their registry, the route
//! table, the theme, the template views and the rendering of each route to bytes.
//! Nothing here touches the output folder.

mod byline;
mod cards;
mod context;
mod edition;
pub mod feeds;
mod jsonld;
pub mod kind;
mod kinds;
mod metadata;
mod routes;
mod sitemap;
mod static_clash;
mod theme;
pub mod views;
pub(crate) mod xml;

pub use cards::Cards;
pub use context::{Cx, NeighbourView, redirect_page};
pub use feeds::FeedFormat;
pub use jsonld::script_json;
pub use kind::{Generator, KINDS, Key, Route, Source};
pub use metadata::{About, FeedLink, MetaView, PageText};
pub use routes::{RouteTable, output_name, page_count, page_permalink, page_slice, routes};
pub use static_clash::check_static_clashes;
pub use theme::{REQUIRED as REQUIRED_TEMPLATES, Theme, files_under};
