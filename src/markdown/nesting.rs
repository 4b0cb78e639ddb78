//! A bound on how deeply a story body nests blockquotes and lists. Each level wraps
//! everything inside it in more markup, so a line of a million `>` becomes a page of
//! tens of megabytes and seconds of work; no story needs more than a few levels. The
//! check reads each line's leading markers once, before the Markdown is parsed.

/// The deepest nesting of blockquotes and list items a line may open.
pub const MAX_DEPTH: usize = 32;

/// The byte offset of the first line that opens more than [`MAX_DEPTH`] levels, and
/// how many it opens.
pub fn too_deep(source: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let depth = depth_of(line);
        if depth > MAX_DEPTH {
            return Some((offset, depth));
        }
        offset += line.len();
    }
    None
}

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
        assert_eq!(too_deep(&bomb), Some((5, 40)));
        let lists = format!("ok\n{}x\n", "- ".repeat(33));
        assert_eq!(too_deep(&lists), Some((3, 33)));
    }
}
