//! A story body as plain text, from the HTML the Markdown stage rendered: what the
//! index reads and what result snippets show. The HTML is our own renderer's
//! (sanitised, well-formed), so a scan for tags and entities is enough; block
//! elements become spaces so words of two paragraphs do not run together, and the
//! heading anchors ("#") are left out.

use super::words::Words;

/// Whether an element's boundaries separate words.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "blockquote"
            | "br"
            | "dd"
            | "div"
            | "dt"
            | "figcaption"
            | "figure"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "li"
            | "ol"
            | "p"
            | "pre"
            | "table"
            | "td"
            | "th"
            | "tr"
            | "ul"
    )
}

/// What a body's HTML holds, in order.
enum Piece<'a> {
    /// Text between tags, entities still in it.
    Text(&'a str),
    /// A block element's start or end: words do not run across it.
    Boundary,
}

/// Calls `piece` with the text and block boundaries of `html`, in order, while it
/// returns `true`. Inline tags are dropped (a word split by one stays whole), and
/// the "#" anchor after a heading with them.
fn walk(html: &str, mut piece: impl FnMut(Piece<'_>) -> bool) {
    let mut rest = html;
    while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
        if !piece(Piece::Text(&rest[..lt])) {
            return;
        }
        let after = &rest[lt..];
        let Some(gt) = memchr::memchr(b'>', after.as_bytes()) else {
            return;
        };
        let tag = &after[1..gt];
        rest = &after[gt + 1..];
        if tag.starts_with("a class=\"anchor\"") {
            rest = rest.find("</a>").map_or("", |end| &rest[end + 4..]);
        } else if is_block(tag_name(tag)) && !piece(Piece::Boundary) {
            return;
        }
    }
    piece(Piece::Text(rest));
}

fn tag_name(tag: &str) -> &str {
    tag.trim_start_matches('/')
        .split(|c: char| c.is_ascii_whitespace() || c == '/')
        .next()
        .unwrap_or("")
}

/// Calls `term` with the terms of the text of `html`, as [`Words::each`] on
/// [`html_text`]'s output would, without making that text.
pub fn html_terms(html: &str, words: &mut Words, term: &mut impl FnMut(&str)) {
    html_terms_and_text(html, words, term, &mut String::new(), 0);
}

/// [`html_terms`] and [`html_text`] in one walk of the HTML: the index reads every
/// body for its words and the start of it for the result snippet. The text stops
/// at the end of the piece that takes it past `max_chars` characters.
pub fn html_terms_and_text(
    html: &str,
    words: &mut Words,
    term: &mut impl FnMut(&str),
    text: &mut String,
    max_chars: usize,
) {
    let mut space = text.is_empty() || text.ends_with(' ');
    let mut full = max_chars == 0;
    walk(html, |piece| {
        match piece {
            Piece::Text(t) => {
                text_terms(t, words, term);
                if !full {
                    push_text(t, text, &mut space);
                    // Bytes bound characters from above: count only past the bound.
                    full = text.len() > max_chars && text.chars().count() > max_chars;
                }
            }
            Piece::Boundary => {
                words.end(term);
                if !full && !space {
                    text.push(' ');
                    space = true;
                }
            }
        }
        true
    });
    words.end(term);
    if text.ends_with(' ') {
        text.pop();
    }
}

/// Feeds text with its entities decoded.
fn text_terms(text: &str, words: &mut Words, term: &mut impl FnMut(&str)) {
    let mut rest = text;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        words.feed(&rest[..amp], term);
        let (c, len) = entity(&rest[amp..]).unwrap_or(('&', 1));
        words.feed(c.encode_utf8(&mut [0; 4]), term);
        rest = &rest[amp + len..];
    }
    words.feed(rest, term);
}

/// Appends the text of `html` to `out`, whitespace collapsed, stopping once `out`
/// holds `max` bytes (at the end of a piece of text: a paragraph is copied whole).
pub fn html_text(html: &str, out: &mut String, max: usize) {
    let mut space = out.is_empty() || out.ends_with(' ');
    walk(html, |piece| {
        if out.len() >= max {
            return false;
        }
        match piece {
            Piece::Text(text) => push_text(text, out, &mut space),
            Piece::Boundary if !space => {
                out.push(' ');
                space = true;
            }
            Piece::Boundary => {}
        }
        true
    });
    if out.ends_with(' ') {
        out.pop();
    }
}

/// Appends text with its entities decoded and its whitespace collapsed.
fn push_text(text: &str, out: &mut String, space: &mut bool) {
    let bytes = text.as_bytes();
    // Plain characters are copied a run at a time, from `run` to `i`.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII but `&`, and one space after anything but a space: as is.
        let start = i;
        while let Some(&b) = bytes.get(i) {
            if b == b' ' && !*space {
                *space = true;
            } else if b > b' ' && b < 0x7f && b != b'&' {
                *space = false;
            } else {
                break;
            }
            i += 1;
        }
        if i > start {
            continue;
        }
        let b = bytes[i];
        out.push_str(&text[run..i]);
        let (c, len) = match b {
            b'&' => entity(&text[i..]).unwrap_or(('&', 1)),
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            }
        };
        i += len;
        run = i;
        if c.is_whitespace() {
            if !*space {
                out.push(' ');
                *space = true;
            }
        } else {
            out.push(c);
            *space = false;
        }
    }
    out.push_str(&text[run..]);
}

/// The character an entity at the start of `s` stands for, and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        let mut out = String::new();
        html_text(html, &mut out, usize::MAX);
        // The terms straight from the HTML are the terms of its text.
        let (mut direct, mut via) = (Vec::new(), Vec::new());
        html_terms(html, &mut Words::default(), &mut |t| {
            direct.push(t.to_owned())
        });
        Words::default().each(&out, &mut |t| via.push(t.to_owned()));
        assert_eq!(direct, via, "{html}");
        // One walk for both gives the same terms and the same text.
        let (mut fused, mut snippet) = (Vec::new(), String::new());
        let mut push = |t: &str| fused.push(t.to_owned());
        html_terms_and_text(
            html,
            &mut Words::default(),
            &mut push,
            &mut snippet,
            usize::MAX,
        );
        assert_eq!((fused, &snippet), (direct, &out), "{html}");
        out
    }

    #[test]
    fn tags_go_and_blocks_separate_words() {
        assert_eq!(
            text("<p>One <em>two</em></p><p>three<br>four</p>\n<ul><li>five</li></ul>"),
            "One two three four five"
        );
        assert_eq!(text("<p>film<strong>maker</strong></p>"), "filmmaker");
    }

    #[test]
    fn entities_are_decoded_and_anchors_skipped() {
        assert_eq!(
            text(
                "<h2 id=\"a\">Q&amp;A <a class=\"anchor\" href=\"#a\" aria-label=\"Link\">#</a></h2><p>&lt;b&gt; &#39;x&#x27; &quot;</p>"
            ),
            "Q&A <b> 'x' \""
        );
        assert_eq!(text("a &bogus; b &"), "a &bogus; b &");
        text("<p>Caf&eacute; ﬁlm<em>é</em>e Société</p><p>電影</p><p>節 x</p>");
        text("<h2 id=\"a\">Title<a class=\"anchor\" href=\"#a\">#</a>more</h2>");
        assert_eq!(
            text("<p>two  spaces,\ttab\nline &amp;&amp; \u{a0}nbsp   Caf\u{e9}  end </p>"),
            "two spaces, tab line && nbsp Caf\u{e9} end"
        );
    }

    #[test]
    fn text_stops_near_its_bound() {
        let mut out = String::new();
        html_text("<p>one</p><p>two</p><p>three</p>", &mut out, 3);
        assert_eq!(out, "one");
        let (mut terms, mut start) = (0, String::new());
        let html = "<p>one</p><p>two</p><p>three</p>";
        html_terms_and_text(
            html,
            &mut Words::default(),
            &mut |_| terms += 1,
            &mut start,
            3,
        );
        assert_eq!((terms, start.as_str()), (3, "one"));
    }
}
