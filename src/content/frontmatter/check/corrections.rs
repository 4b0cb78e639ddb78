//! Checking `corrections:`, the notes an editor adds when a published story was
//! wrong: a list of `{date, text}` items. Each item is checked on its own, every
//! problem on the line of the item or of the key inside it: keys other than `date`
//! and `text` are unknown, both are required, the date takes the forms `date` takes
//! and may not be earlier than the story's, the text keeps the limits of other text
//! values. Its Markdown is rendered later, with the body (`article::correction`).

use serde_yaml::Value;

use super::{Findings, max_chars};
use crate::content::date::PubDate;
use crate::content::frontmatter::CorrectionNote;
use crate::content::frontmatter::positions::KeyPath;
use crate::error::Code;

const KEY: &str = "corrections";

const FIELDS_HINT: &str = "a correction has two keys, date and text, e.g.\n    corrections:\n      - date: 2026-07-07\n        text: \"An earlier version misstated the size of the investment.\"";

/// The checked notes, in the order written; items with a problem are left out (the
/// problem is reported).
pub(super) fn check(
    f: &mut Findings,
    items: Option<Vec<Value>>,
    story: Option<&PubDate>,
) -> Vec<CorrectionNote> {
    let items = items.unwrap_or_default();
    if items.len() > max_chars::ITEMS {
        f.key(
            Code::InvalidValue,
            KEY,
            format!(
                "the story lists {} corrections; the limit is {}",
                items.len(),
                max_chars::ITEMS
            ),
        );
        return Vec::new();
    }
    items
        .into_iter()
        .enumerate()
        .filter_map(|(i, item)| note(f, i, item, story))
        .collect()
}

/// One item: its two keys, each checked, or `None` when any is wrong.
fn note(
    f: &mut Findings,
    i: usize,
    item: Value,
    story: Option<&PubDate>,
) -> Option<CorrectionNote> {
    let n = i + 1;
    let Value::Mapping(item) = item else {
        f.at(
            Code::InvalidType,
            KeyPath::item(KEY, i),
            KEY,
            format!("correction {n} is not a pair of date and text"),
            FIELDS_HINT,
        );
        return None;
    };
    let (mut date, mut text, mut unknown) = (None, None, false);
    for (key, value) in item {
        let name = match key.as_str() {
            Some(name) => name.to_owned(),
            None => serde_yaml::to_string(&key)
                .unwrap_or_default()
                .trim()
                .to_owned(),
        };
        match name.as_str() {
            "date" => date = Some(value),
            "text" => text = Some(value),
            other => {
                f.at(
                    Code::UnknownKey,
                    KeyPath::field(KEY, i, other),
                    KEY,
                    format!("correction {n} has an unknown key \"{other}\""),
                    FIELDS_HINT,
                );
                unknown = true;
            }
        }
    }
    let date = date_of(f, i, date, story);
    let text = text_of(f, i, text);
    let line = f.positions.of(&KeyPath::field(KEY, i, "text")).line;
    match (date, text, unknown) {
        (Some(date), Some(text), false) => Some(CorrectionNote { date, text, line }),
        _ => None,
    }
}

/// A string value of an item, or the error that says it is missing or not text.
fn string_of(f: &mut Findings, i: usize, field: &str, value: Option<Value>) -> Option<String> {
    let n = i + 1;
    match value {
        Some(Value::String(s)) => Some(s),
        None => {
            f.at(
                Code::MissingKey,
                KeyPath::item(KEY, i),
                KEY,
                format!("correction {n} has no {field}"),
                FIELDS_HINT,
            );
            None
        }
        Some(_) => {
            f.at(
                Code::InvalidType,
                KeyPath::field(KEY, i, field),
                KEY,
                format!("the {field} of correction {n} is not text"),
                FIELDS_HINT,
            );
            None
        }
    }
}

/// The date of item `i`, in the forms `date` takes, not before the story's.
fn date_of(
    f: &mut Findings,
    i: usize,
    value: Option<Value>,
    story: Option<&PubDate>,
) -> Option<PubDate> {
    let path = KeyPath::field(KEY, i, "date");
    let written = string_of(f, i, "date", value)?;
    let written = f.text(path.clone(), KEY, written, 64)?;
    let hint = "write a date like 2026-07-05 or 2026-07-05T09:30:00+02:00";
    let date = match PubDate::parse(&written) {
        Ok(date) => date,
        Err(message) => {
            let message = format!("correction {}: {message}", i + 1);
            f.at(Code::InvalidDate, path, KEY, message, hint);
            return None;
        }
    };
    let story = story?;
    // A plain date is a day: a correction made the day a story went out at 09:30 is
    // not earlier than the story, although its midnight is.
    let earlier = if written.trim().len() == 10 {
        date.date() < story.date()
    } else {
        date.timestamp < story.timestamp
    };
    if earlier {
        f.at(
            Code::InvalidDate,
            path,
            KEY,
            format!(
                "correction {} is dated {}, before the story's date ({})",
                i + 1,
                written.trim(),
                story.rfc3339()
            ),
            "a correction comes after the story it corrects: check its year and month, or the story's date",
        );
        return None;
    }
    Some(date)
}

/// The text of item `i`: not blank, within the limits.
fn text_of(f: &mut Findings, i: usize, value: Option<Value>) -> Option<String> {
    let path = KeyPath::field(KEY, i, "text");
    let text = string_of(f, i, "text", value)?;
    let text = f.text(path.clone(), KEY, text, max_chars::CORRECTION)?;
    if text.trim().is_empty() {
        f.at(
            Code::InvalidValue,
            path,
            KEY,
            format!("the text of correction {} is empty", i + 1),
            "say what was wrong and what is right, e.g. text: \"An earlier version misstated the size of the investment.\"",
        );
        return None;
    }
    Some(text.trim().to_owned())
}
