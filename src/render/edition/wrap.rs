//! The plain-text part of an edition, tidied for mail: mail clients show plain text
//! as it is, and long lines wrap wherever the window ends (or are broken by
//! servers past 998 characters), so the theme's `email.txt` output is wrapped here
//! rather than in every template. Lines are filled to [`WIDTH`] columns at spaces;
//! a word longer than that (a URL) keeps its own line whole, so it stays clickable.
//! A continuation line keeps its line's indentation, and under a list item
//! (`- `, `* `, `1. `) lines up with the item's text. Trailing spaces go, and runs
//! of blank lines (which template loops leave) become one.

/// The column plain text is wrapped at: the traditional width of mail (RFC 3676's
/// format=flowed advice is 66 to 78).
pub const WIDTH: usize = 72;

/// `text` with every line wrapped at `width` characters, trailing spaces removed
/// and runs of blank lines made one; it starts with no blank line and ends with
/// one line break.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut blank = true;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
            continue;
        }
        blank = false;
        fill(line, width, &mut out);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// One line, filled to `width` and pushed with its line breaks.
fn fill(line: &str, width: usize, out: &mut String) {
    if line.chars().count() <= width {
        out.push_str(line);
        out.push('\n');
        return;
    }
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let hanging = " ".repeat(indent.chars().count() + marker_width(body));
    let mut column = 0;
    for (n, word) in body.split_whitespace().enumerate() {
        let len = word.chars().count();
        if n == 0 {
            out.push_str(indent);
            column = indent.chars().count();
        } else if column + 1 + len > width {
            out.push('\n');
            out.push_str(&hanging);
            column = hanging.len();
        } else {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
    }
    out.push('\n');
}

/// How wide a list item's marker is with its space (`- `, `* `, `12. `), or 0.
fn marker_width(body: &str) -> usize {
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if digits > 0 && body[digits..].starts_with(". ") {
        digits + 1
    } else if body.starts_with("- ") || body.starts_with("* ") {
        1
    } else {
        return 0;
    };
    marker + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fill_to_the_width_and_short_ones_stay() {
        let words = "word ".repeat(30);
        let out = wrap(&format!("Title\n{words}\n"), 20);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "Title");
        assert!(lines[1..].iter().all(|l| l.len() <= 20), "{out}");
        assert_eq!(out.split_whitespace().count(), 31);
    }

    #[test]
    fn urls_stay_whole_and_list_items_hang() {
        let url = format!("https://example.org/{}", "a".repeat(80));
        let out = wrap(&format!("  - one two three {url} four five six\n"), 24);
        assert_eq!(
            out,
            format!("  - one two three\n    {url}\n    four five six\n")
        );
        let out = wrap("12. alpha beta gamma delta\n", 16);
        assert_eq!(out, "12. alpha beta\n    gamma delta\n");
    }

    #[test]
    fn blank_runs_and_trailing_spaces_go() {
        assert_eq!(wrap("\n\na  \n\n\n\nb\n\n\n", 72), "a\n\nb\n");
    }
}
