//! The weekly newsletter's data and finishing. An edition is a week's digest made
//! for a mail client: its stories in the order an editor would lead with (editor's
//! picks first, then newest first), every URL absolute (a message has no base URL
//! to resolve against), and a size Gmail shows whole: Gmail clips a message's HTML
//! past 102 KB behind a "View entire message" link, so an edition shows the first
//! [`FULL_STORIES`] with their deks, the next [`LINKED_STORIES`] as headline links,
//! and only counts the rest, which the digest page links to. Deks are cut at
//! [`DEK_CHARS`] characters. With every value at its front-matter limit (300-character
//! headlines, 2,000-character deks) that keeps the default theme's HTML under
//! 100 KB (`tests/integration/newsletter.rs` builds such a week).
//!
//! [`finish_html`] turns the theme's rendered `email.html` into the message: its
//! `<style>` inlined by `css-inline` (no remote or file stylesheets are fetched;
//! `<style>` and `<link rel="stylesheet">` are gone afterwards), then every relative
//! URL made absolute by the feeds' rewriter. `wrap.rs` wraps the plain-text part.

use std::borrow::Cow;

use serde::Serialize;

use super::feeds::absolute_urls;
use super::metadata::absolute_asset;
use super::views::{DateView, LinkView, StoryCard, Views, WeekView};
use crate::index::Week;
use crate::site::Site;

mod wrap;

pub use wrap::{WIDTH, wrap};

/// Stories shown with their deks (the lead included).
pub const FULL_STORIES: usize = 10;
/// Stories after those shown as headline links; the rest are only counted.
pub const LINKED_STORIES: usize = 50;
/// Deks longer than this many characters are cut at a word, with "…".
pub const DEK_CHARS: usize = 400;
/// The preheader (the line inboxes show after the subject) is the lead's dek, cut
/// at this many characters: inboxes show 40 to 140.
pub const PREHEADER_CHARS: usize = 150;

/// One week's edition, as `edition` in `email.html` and `email.txt`.
#[derive(Debug, Serialize)]
pub struct EditionView<'a> {
    /// The week: label, dates, story count (`groups` is empty).
    pub week: WeekView<'a>,
    /// The absolute URL of the week's digest page: "view in browser".
    pub page_url: String,
    /// The absolute URL of the list of every digest.
    pub digest_url: String,
    /// The absolute URL of the site's logo (`logo` in `site.toml`).
    pub logo: String,
    /// The lead story's dek, cut to [`PREHEADER_CHARS`]; empty in a week without stories.
    pub preheader: Cow<'a, str>,
    /// The lead: the week's first editor's pick, else its newest story.
    pub lead: Option<EmailStory<'a>>,
    /// The next stories shown with their deks.
    pub stories: Vec<EmailStory<'a>>,
    /// The stories after those, shown as headline links.
    pub more: Vec<EmailStory<'a>>,
    /// How many stories of the week the edition leaves to the digest page.
    pub unlisted: usize,
}

/// A story in an edition: a [`StoryCard`] with absolute URLs and a dek cut to
/// [`DEK_CHARS`].
#[derive(Debug, Serialize)]
pub struct EmailStory<'a> {
    /// The headline.
    pub title: &'a str,
    /// The story's absolute URL.
    pub url: String,
    /// The category kicker, its URL absolute.
    pub category: LinkView<'a>,
    /// Publication date.
    pub date: DateView<'a>,
    /// The dek, cut at a word past [`DEK_CHARS`] characters.
    pub summary: Cow<'a, str>,
    /// Parties, their URLs absolute.
    pub parties: Vec<LinkView<'a>>,
    /// An editor's pick.
    pub featured: bool,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// The lead image's absolute URL, if the story has one.
    pub image: Option<String>,
    /// Its alternative text; empty when the writer gave none.
    pub image_alt: &'a str,
}

/// The week's stories in edition order: editor's picks, then the others, each
/// newest first (the order of `week.articles`).
pub fn order(site: &Site, week: &Week) -> Vec<usize> {
    let (mut picks, rest): (Vec<usize>, Vec<usize>) =
        (week.articles.iter()).partition(|&&i| site.articles[i].featured);
    picks.extend(rest);
    picks
}

/// The edition of `week`.
pub fn edition<'a>(site: &'a Site, views: &Views<'a>, week: &Week) -> EditionView<'a> {
    let base = &site.config.base_url;
    let ordered = order(site, week);
    let full = ordered.len().min(FULL_STORIES);
    let linked = (ordered.len() - full).min(LINKED_STORIES);
    let story = |i: usize| email_story(site, views.card(i));
    let lead = ordered.first().map(|&i| story(i));
    let preheader = ordered.first().map_or(Cow::Borrowed(""), |&i| {
        cut(&site.articles[i].summary, PREHEADER_CHARS)
    });
    EditionView {
        week: views.week(week, false),
        page_url: base.absolute(&week.permalink),
        digest_url: base.absolute(&crate::url::Permalink::folder(&["digest"])),
        logo: absolute_asset(site, &site.config.logo),
        preheader,
        lead,
        stories: ordered[1.min(full)..full]
            .iter()
            .map(|&i| story(i))
            .collect(),
        more: ordered[full..full + linked]
            .iter()
            .map(|&i| story(i))
            .collect(),
        unlisted: ordered.len() - full - linked,
    }
}

fn email_story<'a>(site: &Site, card: StoryCard<'a>) -> EmailStory<'a> {
    let origin = site.config.base_url.origin();
    let absolute = |link: LinkView<'a>| LinkView {
        name: link.name,
        url: Cow::Owned(format!("{origin}{}", link.url)),
    };
    EmailStory {
        title: card.title,
        url: format!("{origin}{}", card.url),
        category: absolute(card.category),
        date: card.date,
        summary: cut(card.summary, DEK_CHARS),
        parties: card.parties.into_iter().map(absolute).collect(),
        featured: card.featured,
        reading_minutes: card.reading_minutes,
        // A picture of the site: its ~600 px variant, not the full original.
        image: match card.picture {
            Some(p) => Some(crate::render::views::picture::email_image(site, p)),
            None => card.image.map(|img| absolute_asset(site, img)),
        },
        image_alt: card.image_alt.unwrap_or(""),
    }
}

/// `text` cut to at most `max` characters at the last space before the limit (or at
/// the limit, for a text without one), with "…" after it.
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    let Some((end, _)) = text.char_indices().nth(max) else {
        return Cow::Borrowed(text);
    };
    let head = &text[..end];
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > 0 => &head[..space],
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    Cow::Owned(format!("{head}…"))
}

/// The message a mail client renders: `html` (the theme's `email.html`) with its
/// `<style>` rules inlined into `style` attributes and the element removed, every
/// `<link rel="stylesheet">` removed unread, and every URL made absolute against
/// `url`, the edition's own address. An error is a stylesheet the inliner cannot
/// parse, in its words.
pub fn finish_html(html: &str, url: &str) -> Result<String, String> {
    let inliner = css_inline::CSSInliner::options()
        .load_remote_stylesheets(false)
        .keep_style_tags(false)
        .keep_link_tags(false)
        .keep_at_rules(false)
        .build();
    let inlined = inliner.inline(html).map_err(|e| e.to_string())?;
    Ok(absolute_urls(&inlined, url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_stops_at_a_word_and_marks_the_cut() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("one two three four", 11), "one two…");
        assert_eq!(cut("one two, three", 9), "one two…");
        assert_eq!(cut("abcdefghij", 4), "abcd…");
        assert_eq!(cut("Société générale", 9), "Société…");
    }

    #[test]
    fn styles_are_inlined_and_urls_made_absolute() {
        let html = "<!doctype html><html><head><style>p.dek { color: red }</style>\
                    <link rel=\"stylesheet\" href=\"/style.css\"></head><body>\
                    <p class=\"dek\"><a href=\"/picks/x/\">x</a><img src=\"/picks/a.png\" width=\"10\" alt=\"\"></p>\
                    </body></html>";
        let out = finish_html(html, "https://e.org/picks/digest/2026-w27/email.html").unwrap();
        assert!(!out.contains("<style") && !out.contains("<link"), "{out}");
        assert!(out.contains("style=\"color: red;\""), "{out}");
        assert!(out.contains("href=\"https://e.org/picks/x/\""), "{out}");
        assert!(out.contains("src=\"https://e.org/picks/a.png\""), "{out}");
    }
}
