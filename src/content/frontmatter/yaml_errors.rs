//! Front-matter that is not YAML, told in a writer's words. The parser's message
//! names where it gave up, which is often not where the mistake is: a quote left
//! open makes it read on across lines and fail at some later key, or at the end of
//! the block; a `: ` inside an unquoted title reads as a second key.

use std::path::Path;

use super::FIRST_LINE;
use super::check::hint_for;
use crate::error::{Code, Diagnostic};

/// The diagnostic for YAML that does not parse: on the line of the open quote or
/// of the unquoted `: ` when that is the cause, else where the parser stopped.
pub(super) fn diagnose(file: &Path, yaml: &str, e: &serde_yaml::Error) -> Diagnostic {
    let (line, column) = e
        .location()
        .map_or((FIRST_LINE, 0), |l| (l.line() + FIRST_LINE - 1, l.column()));
    // libyaml counts a lone carriage return as a line break where editors do
    // not; a line past the block is placed on its closing `---` (where an error
    // found at the end of the text belongs).
    let line = line.min(FIRST_LINE + yaml.lines().count());
    if let Some((opened, key, quote)) = unclosed_quote(yaml, line + 1 - FIRST_LINE)
        .filter(|&(opened, _, quote)| parses_when_closed(yaml, opened, quote))
    {
        return Diagnostic::new(
            Code::InvalidYaml,
            file,
            opened + FIRST_LINE - 1,
            format!("the quoted value is not closed on its line (no closing {quote})"),
        )
        .key(key)
        .hint(format!(
            "close the quote at the end of the line: {key}: {quote}...{quote}"
        ));
    }
    if let Some((key, value)) = unquoted_colon(yaml, line + 1 - FIRST_LINE) {
        return Diagnostic::new(
            Code::InvalidYaml,
            file,
            line,
            "the value holds \": \", which YAML reads as the start of another key",
        )
        .key(key)
        .hint(format!(
            "write the value in quotes: {key}: \"{}\"",
            value.replace('\\', "\\\\").replace('"', "\\\"")
        ));
    }
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    Diagnostic::new(Code::InvalidYaml, file, line, message)
        .column(column)
        .hint(hint_for(""))
}

/// The first of the lines `1..=upto` whose value opens a quote and does not close
/// it, with its key and the quote. YAML reads on across lines for the closing quote
/// and fails further down (or at the end), so such an error belongs on the line
/// that opened the quote; a one-line value is what writers mean.
pub(super) fn unclosed_quote(yaml: &str, upto: usize) -> Option<(usize, &str, char)> {
    yaml.lines().take(upto).enumerate().find_map(|(i, line)| {
        let item = line.trim_start();
        let item = item.strip_prefix("- ").unwrap_or(item);
        let (key, value) = item.split_once(": ")?;
        let value = value.trim_start();
        let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let rest = &value[1..];
        let closed = match quote {
            // `\"` does not close a double-quoted value.
            '"' => {
                let mut escaped = false;
                rest.chars().any(|c| {
                    let closes = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    closes
                })
            }
            // `''` is a quote inside a single-quoted value; a lone one closes it.
            _ => rest.replace("''", "").contains('\''),
        };
        let key = key.trim();
        (!closed && !key.is_empty() && !key.contains(' ')).then_some((i + 1, key, quote))
    })
}

/// Whether the block parses once the quote opened on line `opened` is closed at
/// the end of that line. Quoted values may span lines, so an open quote is the
/// cause only if closing it mends the block.
fn parses_when_closed(yaml: &str, opened: usize, quote: char) -> bool {
    let mended: String = yaml
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i + 1 == opened {
                format!("{line}{quote}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    serde_yaml::from_str::<serde_yaml::Value>(&mended).is_ok()
}

/// The key and value of line `line` when the value is unquoted and holds `": "`
/// (`title: Sora: a review`), which YAML refuses as a key inside a value.
pub(super) fn unquoted_colon(yaml: &str, line: usize) -> Option<(&str, &str)> {
    let text = yaml.lines().nth(line.checked_sub(1)?)?.trim_start();
    let text = text.strip_prefix("- ").unwrap_or(text);
    let (key, value) = text.split_once(": ")?;
    let value = value.trim();
    let plain = !value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!']);
    let key = key.trim();
    (plain && value.contains(": ") && !key.contains(' ')).then_some((key, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_that_opened_the_quote() {
        let yaml = "title: \"Unclosed headline\ndate: 2026-07-05\ncategory: \"AI\"\n";
        assert_eq!(unclosed_quote(yaml, 3), Some((1, "title", '"')));
        let yaml = "title: 'It''s open\ndate: 2026-07-05\n";
        assert_eq!(unclosed_quote(yaml, 2), Some((1, "title", '\'')));
        let yaml = "sources:\n  - title: \"A \\\" quote\n    url: x\n";
        assert_eq!(unclosed_quote(yaml, 3), Some((2, "title", '"')));
    }

    #[test]
    fn a_quote_that_spans_lines_is_not_blamed_for_a_later_error() {
        let yaml = "title: \"T\"\nsummary: \"A long\n  dek\"\nparties: [A24\n";
        let e = serde_yaml::from_str::<serde_yaml::Value>(yaml).unwrap_err();
        let d = diagnose(std::path::Path::new("s.md"), yaml, &e);
        assert_ne!(d.key.as_deref(), Some("summary"), "{d}");
        // A quote left open on one line is.
        let yaml = "title: \"T\ndate: 2026-07-05\ncategory: \"AI\"\n";
        let e = serde_yaml::from_str::<serde_yaml::Value>(yaml).unwrap_err();
        let d = diagnose(std::path::Path::new("s.md"), yaml, &e);
        assert_eq!(
            (d.key.as_deref(), d.line),
            (Some("title"), FIRST_LINE),
            "{d}"
        );
    }

    #[test]
    fn closed_quotes_are_left_alone() {
        let yaml = "title: \"Closed: \\\"fine\\\"\"\nsummary: 'It''s closed'\ntags: [\"a\"]\n";
        assert_eq!(unclosed_quote(yaml, 3), None);
        // Past the error line, an open quote is not the cause.
        assert_eq!(unclosed_quote("a: b\nc: \"d\n", 1), None);
    }

    #[test]
    fn finds_a_colon_in_an_unquoted_value() {
        let yaml = "date: 2026-07-05\ntitle: Sora: a review\n";
        assert_eq!(unquoted_colon(yaml, 2), Some(("title", "Sora: a review")));
        assert_eq!(unquoted_colon(yaml, 1), None);
        assert_eq!(unquoted_colon("title: \"Sora: a review\"\n", 1), None);
    }
}
