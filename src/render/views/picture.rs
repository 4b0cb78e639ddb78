//! The views of a story's lead picture: the article's `<picture>` (`article.picture`),
//! a card's thumbnail (`story.thumbnail`), and the variants other outputs link to
//! (social cards, email editions), all URLs made here.

use serde::Serialize;

use crate::media::Picture;
use crate::media::picture::{ARTICLE_SIZES, srcset};
use crate::media::variants::{EMAIL_WIDTH, SOCIAL_WIDTH};
use crate::site::Site;
use crate::url::Permalink;

/// The lead picture of an article page, as `article.picture`.
#[derive(Debug, Serialize)]
pub struct PictureView {
    /// The fallback `<img src>`: the widest variant in the picture's own format.
    pub src: String,
    /// The `srcset` of the variants in the picture's own format.
    pub srcset: String,
    /// The `srcset` of the WebP variants, for `<source type="image/webp">`; empty when
    /// the picture is WebP already (or WebP is off).
    pub webp_srcset: String,
    /// The `sizes` the theme's column takes.
    pub sizes: &'static str,
    /// Width of the widest variant (for `width`, so the page does not shift).
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// A variant about 1,200 px wide in JPEG or PNG (the picture's own format), as
    /// an absolute URL: what `og:image` should name.
    pub social: String,
    /// Its width.
    pub social_width: u32,
    /// Its height.
    pub social_height: u32,
}

/// A small version of a story's lead picture, for cards, as `story.thumbnail`.
#[derive(Debug, Hash, Serialize)]
pub struct ThumbnailView {
    /// The narrowest variant (WebP when made), its URL.
    pub src: String,
    /// Its width.
    pub width: u32,
    /// Its height.
    pub height: u32,
}

fn href(site: &Site, name: &str) -> String {
    format!("{}{name}", site.config.base_url.path())
}

/// The absolute URL of a variant.
pub fn absolute(site: &Site, name: &str) -> String {
    site.config
        .base_url
        .absolute(&Permalink::file(&format!("/{name}")))
}

/// The variant a shared link shows (`og:image`, `twitter:image`, JSON-LD): about
/// 1,200 px wide, in the picture's own format (not every network reads WebP).
pub fn social(p: &Picture) -> &crate::media::variants::Variant {
    p.at_least(SOCIAL_WIDTH)
}

/// The article view of a picture.
pub fn picture_view(site: &Site, p: &Picture) -> PictureView {
    let base = site.config.base_url.path();
    let largest = p.largest();
    let social = social(p);
    PictureView {
        src: href(site, &largest.name),
        srcset: srcset(p.fallback(), base),
        webp_srcset: srcset(p.webp(), base),
        sizes: ARTICLE_SIZES,
        width: largest.width,
        height: largest.height,
        social: absolute(site, &social.name),
        social_width: social.width,
        social_height: social.height,
    }
}

/// A card's thumbnail of a picture.
pub fn thumbnail_view(site: &Site, p: &Picture) -> ThumbnailView {
    let v = p.smallest();
    ThumbnailView {
        src: href(site, &v.name),
        width: v.width,
        height: v.height,
    }
}

/// The absolute URL of the variant an email edition shows.
pub fn email_image(site: &Site, p: &Picture) -> String {
    absolute(site, &p.at_least(EMAIL_WIDTH).name)
}
