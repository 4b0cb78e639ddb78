//! The render stage: the route table, the theme, the template views and the
//! rendering of each route to bytes. Nothing here touches the output folder.

mod pages;
mod routes;
mod theme;
pub mod views;

pub use pages::{MetaView, NeighbourView, Renderer, redirect_page};
pub use routes::{Route, page_count, page_permalink, routes};
pub use theme::{REQUIRED as REQUIRED_TEMPLATES, Theme, files_under};
