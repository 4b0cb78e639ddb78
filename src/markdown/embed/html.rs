//! The HTML of an embed, which works with no script at all: a `<figure>` holding a
//! link to the video's own page, with the poster (a local image, or a neutral frame
//! the stylesheet draws, so nothing is requested from anyone), a play sign and the
//! title. The theme's `embed.js` reads `data-embed` (`youtube:ID`, `vimeo:ID`) and
//! the start and hash beside it, checks them again, turns the link into a button,
//! and only on a click puts the player's iframe in its place. Feeds carry the same
//! HTML, which a feed reader shows as a linked picture and title.

use pulldown_cmark_escape::{escape_href, escape_html};

use super::video::Video;

/// What an embed shows besides the video.
pub(super) struct Shown<'a> {
    /// The title; the provider's "YouTube video" when `None`.
    pub title: Option<&'a str>,
    /// The poster's URL on the site.
    pub poster: Option<&'a str>,
    /// The caption as HTML, already rendered and sanitised.
    pub caption: Option<&'a str>,
}

/// The embed's HTML.
pub(super) fn figure(video: &Video, shown: &Shown<'_>) -> String {
    let name = video.provider.name();
    let mut out = String::with_capacity(512);
    out.push_str("<figure class=\"embed\" data-embed=\"");
    out.push_str(video.provider.key());
    out.push(':');
    // Ids, hashes and start times are validated to characters that need no escaping.
    out.push_str(&video.id);
    out.push('"');
    if let Some(hash) = &video.hash {
        out.push_str(" data-embed-hash=\"");
        out.push_str(hash);
        out.push('"');
    }
    if let Some(start) = video.start {
        out.push_str(&format!(" data-embed-start=\"{start}\""));
    }
    out.push_str(">\n<a class=\"embed-link\" href=\"");
    let _ = escape_href(&mut out, &video.page_url());
    out.push_str("\">");
    match shown.poster {
        Some(poster) => {
            // The link's text names the video, so the picture adds nothing to read.
            out.push_str("<span class=\"embed-poster\"><img src=\"");
            let _ = escape_href(&mut out, poster);
            out.push_str("\" alt=\"\" loading=\"lazy\" decoding=\"async\"></span>");
        }
        None => out.push_str("<span class=\"embed-poster embed-placeholder\"></span>"),
    }
    out.push_str(
        "<span class=\"embed-play\" aria-hidden=\"true\">▶</span>\n<span class=\"embed-title\">",
    );
    match shown.title {
        Some(title) => {
            let _ = escape_html(&mut out, title);
        }
        None => out.push_str(&format!("{name} video")),
    }
    out.push_str("</span>\n<span class=\"embed-host\">Watch on ");
    out.push_str(name);
    out.push_str("</span></a>");
    if let Some(caption) = shown.caption {
        out.push_str("\n<figcaption>");
        out.push_str(caption);
        out.push_str("</figcaption>");
    }
    out.push_str("\n</figure>\n");
    out
}
