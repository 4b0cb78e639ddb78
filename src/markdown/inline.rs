//! Short Markdown rendered as a run of text, for notes shown inside a sentence (a
//! correction: "Correction, July 7, 2026: An earlier version ..."). Emphasis, code,
//! links and images are kept, and links and raw HTML go through the body's own
//! rewriting and sanitising, so a note is exactly as safe as a body. Block structure
//! is flattened: paragraphs, headings, quotes and list items become their text, set
//! apart by a space, and a code block becomes inline code. Tables, footnotes and
//! task lists are not read (their markers stay text), so nothing in a note can name
//! an anchor of the page it is on. Raw HTML that survives sanitising is kept as it
//! is, so a theme puts a note in an element that may hold blocks (a `<div>`).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::links::LinkProblems;
use super::{Links, RawHtml, Rendered, Rewriter, nesting, to_html};

/// The extensions a note reads: those that only change text within a line.
fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION
}

/// Tags that stay in a run of text.
fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// Renders `source` as a run of text. Of the result, `html` (with no `<p>` around
/// it) and the problems are filled: link problems, what sanitising removed and
/// nesting past the limits, as for a body, with offsets into `source`.
pub fn render_inline(source: &str, links: &Links<'_>, raw_html: RawHtml) -> Rendered {
    if let Some(found) = nesting::too_deep(source) {
        return Rendered {
            too_deep: Some(found),
            ..Rendered::default()
        };
    }
    let mut rewriter = Rewriter {
        links,
        raw_html,
        problems: LinkProblems::default(),
        raw: Vec::new(),
        in_image: 0,
        images: Vec::new(),
    };
    let mut events: Vec<Event<'_>> = Vec::new();
    // A block ended: the next text is set apart from what came before by a space.
    let mut gap = false;
    let mut parser = Parser::new_ext(source, options()).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        let event = match event {
            Event::Start(Tag::CodeBlock(_)) => {
                let code: String = parser
                    .by_ref()
                    .take_while(|(e, _)| !matches!(e, Event::End(TagEnd::CodeBlock)))
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) => Some(t.trim_end_matches('\n').to_owned()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                gap = true;
                Event::Code(code.into())
            }
            Event::Start(tag) if !is_inline(&tag) => continue,
            Event::End(tag) if !is_inline_end(&tag) => {
                gap = true;
                continue;
            }
            Event::Rule => {
                gap = true;
                continue;
            }
            event => event,
        };
        if std::mem::take(&mut gap) && !events.is_empty() {
            events.push(Event::Text(" ".into()));
        }
        events.push(rewriter.rewrite(event, range.start));
    }
    let (html, dropped_html) = match to_html(events, source.len(), &rewriter.raw) {
        Ok(done) => done,
        Err(found) => {
            return Rendered {
                too_deep: Some(found),
                ..Rendered::default()
            };
        }
    };
    Rendered {
        html: html.trim_end().to_owned(),
        broken_links: rewriter.problems.broken,
        unsafe_urls: rewriter.problems.unsafe_urls,
        dropped_html,
        ..Rendered::default()
    }
}

/// What sanitising removes from a note's raw HTML, exactly as [`render_inline`]
/// finds it; a note without a `<` is not rendered for it.
pub fn dropped_inline_html(source: &str, raw_html: RawHtml) -> Vec<super::DroppedHtml> {
    if raw_html == RawHtml::Trusted || !source.contains('<') {
        return Vec::new();
    }
    render_inline(source, &Links::plain("/"), raw_html).dropped_html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(source: &str) -> String {
        render_inline(source, &Links::plain("/"), RawHtml::Sanitize).html
    }

    #[test]
    fn a_sentence_has_no_paragraph_around_it() {
        assert_eq!(
            html("An earlier version said *three*; it was `four`."),
            "An earlier version said <em>three</em>; it was <code>four</code>."
        );
    }

    #[test]
    fn blocks_are_flattened_into_one_run_of_text() {
        let r = render_inline(
            "# Head\n\nFirst.\n\n- one\n- two\n\n> quoted\n\n```\ncode\n```\n",
            &Links::plain("/"),
            RawHtml::Sanitize,
        );
        assert_eq!(r.html, "Head First. one two quoted <code>code</code>");
    }

    #[test]
    fn footnotes_and_tables_stay_text() {
        assert_eq!(html("See [^1]."), "See [^1].");
        assert_eq!(html("a | b"), "a | b");
    }

    #[test]
    fn raw_html_is_sanitised_and_unsafe_links_reported() {
        let r = render_inline(
            "Fixed <script>alert(1)</script><b onclick=\"x()\">bold</b> [x](javascript:alert(1))",
            &Links::plain("/"),
            RawHtml::Sanitize,
        );
        assert!(
            !r.html.contains("script") && !r.html.contains("onclick"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<b>bold</b>"), "{}", r.html);
        assert_eq!(r.unsafe_urls.len(), 1);
        assert!(!r.dropped_html.is_empty());
        assert_eq!(
            dropped_inline_html("a <script>x</script>", RawHtml::Sanitize).len(),
            1
        );
    }

    #[test]
    fn site_paths_get_the_base_path() {
        let r = render_inline(
            "[it](/2026/07/05/a/)",
            &Links::plain("/picks/"),
            RawHtml::Sanitize,
        );
        assert_eq!(r.html, "<a href=\"/picks/2026/07/05/a/\">it</a>");
    }
}
