//! Bounds on how deeply a story body nests. Each level of blockquote or list wraps
//! everything inside it in more markup, so a line of a million `>` becomes a page of
//! tens of megabytes and seconds of work; and an HTML parser (the sanitiser's, a
//! browser's) walks the open elements for every tag, so raw HTML that leaves 75,000
//! `<div>`s open took 30 s to sanitise. No story needs more than a few levels. Both
//! checks read the text once, before anything is parsed.

use super::sanitize::RawPiece;

/// The deepest nesting of blockquotes and list items a line may open.
pub const MAX_DEPTH: usize = 32;

/// The deepest raw HTML elements may be left open in a body.
pub const MAX_HTML_DEPTH: usize = 256;

/// Where a body nests past a limit: the byte offset of the line or raw HTML that
/// does, how deep it goes, and the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    /// Byte offset in the body.
    pub offset: usize,
    /// Levels reached.
    pub depth: usize,
    /// The limit passed.
    pub limit: usize,
}

/// The first line that opens more than [`MAX_DEPTH`] blockquotes or lists.
pub fn too_deep(source: &str) -> Option<TooDeep> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let depth = depth_of(line);
        if depth > MAX_DEPTH {
            return Some(TooDeep {
                offset,
                depth,
                limit: MAX_DEPTH,
            });
        }
        offset += line.len();
    }
    None
}

/// The first raw HTML piece that leaves more than [`MAX_HTML_DEPTH`] elements open.
/// Open elements are tracked as HTML parsers track them: an end tag closes the
/// nearest open element of its name (and those inside it) and is ignored when none
/// is open; void and self-closed elements, and those whose end tag is optional
/// (`p`, `li`, `td`, ...), never stay open. The stack is at most the limit deep, so
/// this stays linear.
pub(super) fn html_too_deep(pieces: &[RawPiece<'_>]) -> Option<TooDeep> {
    let mut open: Vec<String> = Vec::new();
    for piece in pieces {
        let mut rest: &str = &piece.html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let closing = rest.starts_with('/');
            let tag = if closing { &rest[1..] } else { rest };
            let name_len = tag.bytes().take_while(u8::is_ascii_alphanumeric).count();
            if name_len == 0 || !tag.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let name = tag[..name_len].to_ascii_lowercase();
            if closing {
                if let Some(at) = open.iter().rposition(|n| *n == name) {
                    open.truncate(at);
                }
                continue;
            }
            let self_closed = tag.find('>').is_some_and(|end| tag[..end].ends_with('/'));
            if self_closed || VOID.contains(&name.as_str()) || OPTIONAL_END.contains(&name.as_str())
            {
                continue;
            }
            open.push(name);
            if open.len() > MAX_HTML_DEPTH {
                return Some(TooDeep {
                    offset: piece.offset,
                    depth: open.len(),
                    limit: MAX_HTML_DEPTH,
                });
            }
        }
    }
    None
}

/// Elements whose end tag may be left out: the next sibling closes them.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rp",
];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// How many blockquote (`>`) and list markers (`-`, `*`, `+`, `1.`, `1)` followed by a
/// space) open the line.
fn depth_of(line: &str) -> usize {
    let mut rest = line;
    let mut depth = 0;
    loop {
        rest = rest.trim_start_matches([' ', '\t']);
        let after = if let Some(r) = rest.strip_prefix('>') {
            r
        } else if let Some(r) = rest
            .strip_prefix(['-', '*', '+'])
            .filter(|r| r.starts_with([' ', '\t']))
        {
            r
        } else {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            match rest[digits..].strip_prefix(['.', ')']) {
                Some(r) if (1..=9).contains(&digits) && r.starts_with([' ', '\t']) => r,
                _ => return depth,
            }
        };
        depth += 1;
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_nesting_passes_and_bombs_are_found_on_their_line() {
        assert_eq!(too_deep("> quote\n> > nested\n- a\n  - b\n1. one\n"), None);
        assert_eq!(depth_of("> - 1. > * text"), 5);
        assert_eq!(depth_of("-not a list"), 0);
        let bomb = format!("fine\n{}\n", ">".repeat(40));
        let found = too_deep(&bomb).unwrap();
        assert_eq!((found.offset, found.depth), (5, 40));
        let lists = format!("ok\n{}x\n", "- ".repeat(33));
        assert_eq!(too_deep(&lists).unwrap().offset, 3);
    }

    #[test]
    fn html_left_open_too_deep_is_found_and_closed_or_void_tags_are_not() {
        let piece = |html: &'static str, offset| RawPiece {
            html: html.into(),
            offset,
        };
        let fine: Vec<_> = (0..1000)
            .map(|i| piece("<div><br><img src=x /><p>x<li>y</span></div>", i))
            .collect();
        assert_eq!(html_too_deep(&fine), None);
        // An end tag that closes nothing does not close anything else.
        let stray: Vec<_> = (0..300).map(|i| piece("<div></span>", i)).collect();
        assert_eq!(html_too_deep(&stray).unwrap().depth, 257);
        let open: Vec<_> = (0..300).map(|i| piece("<div>", i * 10)).collect();
        let found = html_too_deep(&open).unwrap();
        assert_eq!((found.offset, found.depth), (2560, 257));
    }
}
