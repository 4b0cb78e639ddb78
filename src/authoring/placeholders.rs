//! The `placeholder` warning: text that `smartpicks new` wrote for the writer to
//! replace (the skeleton's paragraphs, its placeholder source) and that is still
//! there. The story builds, so only `check` can catch it before readers do.

use super::new::PLACEHOLDERS;
use super::warnings::Checked;
use crate::error::{Code, Diagnostic};

/// One warning per line of the story that still holds a placeholder.
pub(super) fn placeholders(c: &Checked) -> Vec<Diagnostic> {
    let body_line = c.story.body_line;
    c.text
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let found = PLACEHOLDERS.iter().find(|p| line.contains(*p))?;
            let number = i + 1;
            let (key, hint) = if number < body_line {
                (
                    Some("sources"),
                    "replace it with the primary source: the announcement's title and its URL",
                )
            } else {
                (None, "replace the paragraph with the story's own text")
            };
            let d = Diagnostic::new(
                Code::Placeholder,
                &c.story.path,
                number,
                format!("placeholder text left from `smartpicks new`: \"{found}\""),
            )
            .hint(hint);
            Some(match key {
                Some(key) => d.key(key),
                None => d,
            })
        })
        .collect()
}
