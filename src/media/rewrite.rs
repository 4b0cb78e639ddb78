//! Rewriting a rendered body's Markdown images into `<picture>`s. The HTML was made
//! (and sanitised) by the Markdown stage; this adds elements and attributes whose
//! every value comes from the build (variant URLs, sizes), escaped here, and leaves
//! everything else byte for byte, so the sanitiser's guarantees hold.

use lol_html::html_content::{ContentType, Element};
use std::borrow::Cow;

use lol_html::{ElementContentHandlers, HandlerResult, RewriteStrSettings, Selector};
use pulldown_cmark_escape::escape_html;

use super::picture::{ARTICLE_SIZES, Picture, srcset};

/// `html` with each `<img>` whose `src` is one of `pictures` (as the HTML writes
/// it) inside a `<picture>`, loaded lazily.
pub fn pictures_in(html: &str, pictures: &[(String, Picture)], base_path: &str) -> String {
    let handler = |el: &mut Element| -> HandlerResult {
        let Some(src) = el.get_attribute("src") else {
            return Ok(());
        };
        let src = src.replace("&amp;", "&");
        let Some((_, picture)) = pictures.iter().find(|(s, _)| *s == src) else {
            return Ok(());
        };
        let mut open = String::from("<picture>");
        let webp = srcset(picture.webp(), base_path);
        if !webp.is_empty() {
            open.push_str("<source type=\"image/webp\" srcset=\"");
            let _ = escape_html(&mut open, &webp);
            open.push_str("\" sizes=\"");
            open.push_str(ARTICLE_SIZES);
            open.push_str("\">");
        }
        el.before(&open, ContentType::Html);
        let largest = picture.largest();
        el.set_attribute("src", &format!("{base_path}{}", largest.name))?;
        el.set_attribute("srcset", &srcset(picture.fallback(), base_path))?;
        el.set_attribute("sizes", ARTICLE_SIZES)?;
        el.set_attribute("width", &largest.width.to_string())?;
        el.set_attribute("height", &largest.height.to_string())?;
        el.set_attribute("loading", "lazy")?;
        el.set_attribute("decoding", "async")?;
        el.after("</picture>", ContentType::Html);
        Ok(())
    };
    let selector: Selector = "img[src]".parse().expect("a valid selector");
    let settings = RewriteStrSettings::new().append_element_content_handler((
        Cow::Owned(selector),
        ElementContentHandlers::default().element(handler),
    ));
    // The rewriter fails only past a memory limit, which these settings do not set.
    lol_html::rewrite_str(html, settings).unwrap_or_else(|_| html.to_owned())
}
