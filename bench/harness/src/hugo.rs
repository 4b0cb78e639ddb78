//! The Hugo flavour of a story: the same file with the front-matter spelled the way
//! Hugo's taxonomies read it. The body is not touched (internal `@/` links are
//! resolved by the Hugo site's link render hook).
//!
//! - `category: "X"` gains `categories: ["X"]` (Hugo taxonomies are lists; the
//!   scalar stays for grouping a digest by category);
//! - `months: ["2024/05"]` and `weeks: ["2024-w18"]` (the ISO week) are added from
//!   the date: smartpicks makes month archives and weekly digests itself, Hugo
//!   makes them as taxonomies;
//! - a party written by one of its declared aliases (`WGA`) is written by its name,
//!   because smartpicks folds aliases into the declared party and Hugo has no such
//!   notion: both builds then have the same party terms.

use crate::corpus::words::{DECLARED, PARTIES};

/// `text` (a generated story) with Hugo's front-matter.
pub fn convert(text: &str) -> String {
    let (front, body) = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .expect("a generated story starts with a YAML block");
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str("---\n");
    for line in front.lines() {
        if let Some(value) = line.strip_prefix("category: ") {
            out.push_str(&format!("{line}\ncategories: [{value}]"));
        } else if let Some(value) = line.strip_prefix("date: ") {
            out.push_str(&format!("{line}\n{}", archive_terms(value)));
        } else if let Some(list) = line.strip_prefix("parties: ") {
            out.push_str(&format!("parties: {}", canonical_parties(list)));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push_str("---\n");
    out.push_str(body);
    out
}

/// The month and ISO-week terms of the date `value` (`2024-05-03`, possibly with a
/// time and offset after it: the date as written decides, as in smartpicks).
fn archive_terms(value: &str) -> String {
    let date: jiff::civil::Date = value[..10].parse().expect("a generated date");
    let week = date.iso_week_date();
    format!(
        "months: [\"{:04}/{:02}\"]\nweeks: [\"{:04}-w{:02}\"]",
        date.year(),
        date.month(),
        week.year(),
        week.week()
    )
}

/// The flow list `["Open AI", "Netflix"]` with aliases replaced by names. The
/// generator quotes every item and never puts `", "` inside one.
fn canonical_parties(list: &str) -> String {
    let inner = list.trim_start_matches('[').trim_end_matches(']');
    let items: Vec<String> = inner
        .split(", ")
        .map(|quoted| {
            let name = quoted.trim_matches('"');
            let canonical = PARTIES[..DECLARED]
                .iter()
                .find(|(_, aliases, _)| aliases.contains(&name))
                .map_or(name, |(name, _, _)| name);
            format!("\"{canonical}\"")
        })
        .collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_becomes_a_list_and_aliases_names() {
        let story = "---\ntitle: \"T\"\ndate: 2024-05-03\ncategory: \"Production\"\n\
                     parties: [\"WGA\", \"Pika\"]\ntags: [\"dubbing\"]\n---\n\nBody.\n";
        let hugo = convert(story);
        assert!(hugo.contains("\ncategories: [\"Production\"]\n"), "{hugo}");
        assert!(hugo.contains("\nmonths: [\"2024/05\"]\nweeks: [\"2024-w18\"]\n"));
        assert!(hugo.contains("\nparties: [\"Writers Guild of America\", \"Pika\"]\n"));
        assert!(hugo.ends_with("\n---\n\nBody.\n"));
    }
}
