//! The `near-duplicate-term` warning: two spellings of what is probably one party or
//! tag ("Deepmind" / "DeepMind", "Runway" / "RunwayML" / "Runway ML").
//!
//! Names are compared after lower-casing and dropping everything but letters and
//! digits (as their slugs are made), and a name that is another plus a short company-style suffix ("ML", "AI",
//! "Inc") counts as the same. Spellings that `site.toml` declares as one party (its
//! name and aliases) are merged on purpose and never flagged.

use std::path::Path;

use super::warnings::Checked;
use crate::config::Config;
use crate::error::{Code, Diagnostic};
use crate::url::Slug;

/// Suffixes that turn one name into a near-duplicate of another: "Runway" / "RunwayML",
/// "Stability" / "Stability AI". Kept short and explicit: a general "any short suffix"
/// rule would pair "A2" with "A24".
const SUFFIXES: &[&str] = &["ml", "ai", "inc", "ltd", "llc"];

/// The form two spellings are compared in: the term's slug (transliterated, with the
/// symbols that carry meaning spelled out, so "C++" and "C#" stay apart) without its
/// dashes.
fn normalise(name: &str) -> String {
    Slug::for_term(name).map_or_else(String::new, |s| s.as_str().replace('-', ""))
}

/// Whether two (different) spellings probably mean the same thing.
fn near(a: &str, b: &str) -> bool {
    let (a, b) = (normalise(a), normalise(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short.as_str())
        .is_some_and(|rest| rest.is_empty() || SUFFIXES.contains(&rest))
}

/// The names of one taxonomy in a story.
type Names = fn(&Checked) -> &[String];

/// Where a spelling is first used.
struct Use<'a> {
    name: &'a str,
    file: &'a Path,
    line: usize,
    column: usize,
}

/// The first use of every distinct spelling, in story order.
fn first_uses<'a>(
    stories: &'a [Checked],
    key: &str,
    names: impl Fn(&Checked) -> &[String],
) -> Vec<Use<'a>> {
    let mut uses: Vec<Use<'a>> = Vec::new();
    for c in stories {
        for name in names(c) {
            if uses.iter().any(|u| u.name == name) {
                continue;
            }
            // The line that spells it out, for block lists; else the key's line.
            let key_line = c.key_line(key);
            let (line, column) = c
                .front_lines()
                .skip_while(|(n, _)| *n < key_line)
                .take_while(|(n, l)| *n == key_line || l.starts_with([' ', '\t', '-']))
                .find_map(|(n, l)| {
                    l.find(name.as_str())
                        .map(|i| (n, l[..i].chars().count() + 1))
                })
                .unwrap_or((key_line, 0));
            uses.push(Use {
                name: name.as_str(),
                file: &c.story.path,
                line,
                column,
            });
        }
    }
    uses
}

/// Whether `site.toml` declares both spellings as one party.
fn declared_together(config: &Config, a: &str, b: &str) -> bool {
    config.parties.iter().any(|p| {
        let spells = |s: &str| p.name == s || p.aliases.iter().any(|x| x == s);
        spells(a) && spells(b)
    })
}

/// A warning for every spelling that looks like one used before it.
pub(super) fn near_duplicates(config: &Config, stories: &[Checked]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let kinds: [(&str, &str, Names); 2] = [
        ("parties", "party", |c| &c.story.front.parties),
        ("tags", "tag", |c| &c.story.front.tags),
    ];
    for (key, label, names) in kinds {
        let uses = first_uses(stories, key, names);
        for (i, later) in uses.iter().enumerate() {
            let earlier = uses[..i].iter().find(|u| {
                near(u.name, later.name)
                    && !(key == "parties" && declared_together(config, u.name, later.name))
            });
            let Some(earlier) = earlier else { continue };
            let hint = if key == "parties" {
                "write one spelling everywhere, or declare both under one [[parties]] entry (name and aliases) in site.toml"
            } else {
                "write one spelling everywhere"
            };
            out.push(
                Diagnostic::new(
                    Code::NearDuplicateTerm,
                    later.file,
                    later.line,
                    format!(
                        "{label} \"{}\" looks like \"{}\" ({}:{})",
                        later.name,
                        earlier.name,
                        earlier.file.display(),
                        earlier.line
                    ),
                )
                .column(later.column)
                .key(key)
                .hint(hint),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::near;

    #[test]
    fn near_duplicates_are_told_from_different_names() {
        assert!(near("Deepmind", "DeepMind"));
        assert!(near("Runway", "RunwayML"));
        assert!(near("Runway ML", "Runway"));
        assert!(near("Stability AI", "stability"));
        assert!(near("generative-video", "Generative Video"));
        assert!(!near("A2", "A24"));
        assert!(!near("Google DeepMind", "DeepMind"));
        assert!(!near("Meta", "Metal"));
        assert!(!near("!!!", "???"));
        assert!(!near("C++", "C#"));
        assert!(near("Société Générale", "Societe Generale"));
    }
}
