//! A story body as plain text, from the HTML the Markdown stage rendered: what the
//! index reads and what result snippets show. The HTML is our own renderer's
//! (sanitised, well-formed), so a scan for tags and entities is enough; block
//! elements become spaces so words of two paragraphs do not run together, and the
//! heading anchors ("#") are left out.

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

/// Appends the text of `html` to `out`, whitespace collapsed.
pub fn html_text(html: &str, out: &mut String) {
    let mut rest = html;
    let mut space = out.is_empty() || out.ends_with(' ');
    while let Some(lt) = rest.find('<') {
        push_text(&rest[..lt], out, &mut space);
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = &after[1..gt];
        rest = &after[gt + 1..];
        if tag.starts_with("a class=\"anchor\"") {
            // The "#" link after a heading: skip to its end.
            rest = rest.find("</a>").map_or("", |end| &rest[end + 4..]);
            continue;
        }
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_ascii_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if !space && is_block(name) {
            out.push(' ');
            space = true;
        }
    }
    push_text(rest, out, &mut space);
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
        let b = bytes[i];
        if b == b' ' && !*space {
            i += 1;
            *space = true;
            continue;
        }
        if b != b'&' && !b.is_ascii_whitespace() && b.is_ascii() {
            i += 1;
            *space = false;
            continue;
        }
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
        html_text(html, &mut out);
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
    }
}
