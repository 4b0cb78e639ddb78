//! Fenced code highlighting with syntect, into CSS classes (`hl-keyword`, `hl-string`,
//! ...) so the theme owns the colours. The syntax set is loaded once per process, on
//! first use, and shared by every thread (and every `serve` rebuild).

use std::sync::LazyLock;

use pulldown_cmark_escape::{escape_href, escape_html};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The class prefix of every highlighted token.
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// How many bytes of code one story may have highlighted; code past it is shown
/// plain. Syntect colours about half a megabyte a second, so this bounds a story's
/// highlighting to a fraction of a second however much code it holds.
pub const BUDGET_BYTES: usize = 128 * 1024;

/// Renders a code block; `lang` is the fence's info string (may be empty or unknown,
/// in which case the code is escaped and left plain, as it is when `colour` is off).
pub fn code_block(lang: &str, code: &str, colour: bool) -> String {
    let lang = lang
        .split([' ', ',', '{'])
        .next()
        .unwrap_or_default()
        .trim();
    let mut out = String::with_capacity(code.len() * 2 + 64);
    out.push_str("<pre class=\"code\"");
    if !lang.is_empty() {
        out.push_str(" data-lang=\"");
        let _ = escape_href(&mut out, lang);
        out.push('"');
    }
    out.push_str("><code");
    if !lang.is_empty() {
        out.push_str(" class=\"language-");
        let _ = escape_href(&mut out, lang);
        out.push('"');
    }
    out.push('>');
    match colour.then(|| highlighted(lang, code)).flatten() {
        Some(html) => out.push_str(&html),
        None => {
            let _ = escape_html(&mut out, code);
        }
    }
    out.push_str("</code></pre>\n");
    out
}

fn highlighted(lang: &str, code: &str) -> Option<String> {
    if lang.is_empty() {
        return None;
    }
    let syntax = SYNTAXES.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes() {
        let html = code_block("rust", "fn main() {}\n", true);
        assert!(html.contains("class=\"language-rust\""), "{html}");
        assert!(html.contains("hl-"), "{html}");
    }

    #[test]
    fn unknown_language_is_escaped_plain() {
        let html = code_block("nosuchlang", "<script>x</script>\n", true);
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("hl-"), "{html}");
    }
}
