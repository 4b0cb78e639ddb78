//! Social cards: the 1200 × 630 pictures a shared link shows (`og:image`,
//! `twitter:image`). A card is an SVG the theme's `cards/*.svg` template makes; its
//! `data-fit` text boxes are laid out here with the theme's fonts (`layout.rs`,
//! `fit.rs`), the SVG is drawn by resvg and written as PNG (`encode.rs`). The
//! `social-card` page kind (`render/kinds/card.rs`) decides which cards a site has
//! and keeps each in the media store, so none is drawn twice.

mod encode;
pub mod fit;
mod fonts;
mod layout;

pub use fonts::CardFonts;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg;

/// A card's width in pixels: what Open Graph and X show without cropping.
pub const WIDTH: u32 = 1200;
/// A card's height in pixels (1.91:1).
pub const HEIGHT: u32 = 630;

/// The card an SVG template rendered, drawn: PNG bytes, or why it cannot be drawn
/// (the SVG does not parse, a `data-fit` box is malformed).
pub fn render(svg: &str, fonts: &CardFonts) -> Result<Vec<u8>, String> {
    let pixmap = draw(svg, fonts)?;
    encode::png(pixmap.width(), pixmap.height(), pixmap.data())
}

/// Whether the SVG lays out and parses, as [`render`] would need (for `check`,
/// which draws nothing).
pub fn check(svg: &str, fonts: &CardFonts) -> Result<(), String> {
    tree(svg, fonts).map(drop)
}

fn tree(svg: &str, fonts: &CardFonts) -> Result<usvg::Tree, String> {
    let db = fonts.database();
    let svg = layout::lay_out(svg, &db)?;
    let options = usvg::Options {
        fontdb: db,
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(&svg, &options).map_err(|e| format!("the SVG does not parse: {e}"))
}

/// The card's pixels: the SVG laid out and drawn at [`WIDTH`] × [`HEIGHT`],
/// whatever size it says it is.
pub fn draw(svg: &str, fonts: &CardFonts) -> Result<Pixmap, String> {
    let tree = tree(svg, fonts)?;
    let mut pixmap = Pixmap::new(WIDTH, HEIGHT).ok_or("cannot allocate the card")?;
    let size = tree.size();
    let scale = Transform::from_scale(WIDTH as f32 / size.width(), HEIGHT as f32 / size.height());
    resvg::render(&tree, scale, &mut pixmap.as_mut());
    Ok(pixmap)
}

#[cfg(test)]
mod tests;
