//! The one place feeds and sitemaps escape text for XML. Every string that reaches an
//! XML file goes through [`escape`] (or one of its two variants below), which writes
//! markup characters as references and drops the characters XML 1.0 forbids, so no
//! input, not even a control character in a Markdown body, can make a feed or a
//! sitemap ill-formed.

/// How the markup characters are spelled.
struct Refs {
    amp: &'static str,
    lt: &'static str,
    gt: &'static str,
}

/// The predefined entities: what sitemaps, Atom and HTML-bearing RSS elements use.
const NAMED: Refs = Refs {
    amp: "&amp;",
    lt: "&lt;",
    gt: "&gt;",
};

/// Hexadecimal character references, which the RSS Best Practices Profile
/// recommends for `&`, `<` and `>` in RSS elements that hold plain text: they work in
/// the widest range of aggregators, including those that second-guess entities.
const HEX: Refs = Refs {
    amp: "&#x26;",
    lt: "&#x3C;",
    gt: "&#x3E;",
};

/// Text as XML character data or a double-quoted attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    write_escaped(&mut out, s, &NAMED);
    out
}

/// Plain text for an RSS element that holds plain text (`<title>`, `<category>`,
/// `<dc:creator>`), spelled as the RSS Best Practices Profile recommends.
pub fn escape_rss_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    write_escaped(&mut out, s, &HEX);
    out
}

/// Plain text for an element that feed readers read as HTML (RSS `<description>`):
/// HTML-escaped first, then XML-escaped, so `<script>` reaches the reader as the text
/// `<script>` and not as markup.
pub fn escape_html_text(s: &str) -> String {
    let mut html = String::with_capacity(s.len() + s.len() / 8);
    let _ = pulldown_cmark_escape::escape_html(&mut html, s);
    escape(&html)
}

/// Appends `s` escaped with `refs`, dropping forbidden characters. Works on bytes:
/// every character it changes is ASCII, or U+FFFE/U+FFFF (UTF-8 `EF BF BE`/`EF BF BF`),
/// so runs of ordinary text are copied as whole slices.
fn write_escaped(out: &mut String, s: &str, refs: &Refs) {
    let bytes = s.as_bytes();
    let mut done = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (replacement, len) = match bytes[i] {
            b'&' => (refs.amp, 1),
            b'<' => (refs.lt, 1),
            b'>' => (refs.gt, 1),
            b'"' => ("&quot;", 1),
            // A raw carriage return would be read back as a line feed.
            b'\r' => ("&#xD;", 1),
            b'\t' | b'\n' => {
                i += 1;
                continue;
            }
            0..0x20 => ("", 1),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[done..i]);
        out.push_str(replacement);
        i += len;
        done = i;
    }
    out.push_str(&s[done..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// XML 1.0's `Char` production (surrogates cannot occur in a Rust string).
    fn is_xml_char(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    }

    #[test]
    fn markup_characters_become_references() {
        assert_eq!(
            escape(r#"a & b < c > "d" 'e'"#),
            "a &amp; b &lt; c &gt; &quot;d&quot; 'e'"
        );
        assert_eq!(escape_rss_text("R&D <lab>"), "R&#x26;D &#x3C;lab&#x3E;");
        assert_eq!(
            escape_html_text("<script>x & y</script>"),
            "&amp;lt;script&amp;gt;x &amp;amp; y&amp;lt;/script&amp;gt;"
        );
    }

    #[test]
    fn characters_xml_forbids_are_dropped() {
        let hostile = "a\u{0}b\u{1}c\u{8}d\u{b}e\u{c}f\u{1f}g\u{fffe}h\u{ffff}i";
        for escaped in [
            escape(hostile),
            escape_rss_text(hostile),
            escape_html_text(hostile),
        ] {
            assert_eq!(escaped, "abcdefghi");
        }
        // What XML allows stays, including neighbours of the forbidden code points.
        let allowed =
            "tab\tline\nfeed \u{7f}\u{85}\u{d7ff}\u{e000}\u{fffd}\u{10000}\u{10ffff} é 中";
        assert_eq!(escape(allowed), allowed);
        assert_eq!(escape("a\r\nb"), "a&#xD;\nb");
        // Every character XML forbids is dropped; every other one is kept.
        for c in ('\0'..=char::MAX).filter(|&c| !matches!(c, '&' | '<' | '>' | '"' | '\r')) {
            let s = c.to_string();
            let kept = escape(&s) == s;
            assert_eq!(kept, is_xml_char(c), "{:#x}", c as u32);
            assert!(kept || escape(&s).is_empty(), "{:#x}", c as u32);
        }
    }
}
