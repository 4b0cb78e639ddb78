//! Where each key and list item of a front-matter block is, taken from the YAML
//! parser's own event marks. serde_yaml (the front-matter's decoder) reports a
//! location only for the first syntax error it meets and none for values that decode
//! but fail a check, so positions come from one pass of `saphyr-parser`'s events
//! over the same text: a writer's `category:` on line 9 is reported on line 9, even
//! when an earlier line holds the same word.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use saphyr_parser::{Event, Parser};

/// A place in the story file: 1-based line, 1-based column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// 1-based line of the story file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// The address of a value in the front-matter: a top-level key, optionally a list
/// item, optionally a field of that item (`sources[1].url`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeyPath {
    key: String,
    item: Option<usize>,
    field: Option<String>,
}

impl KeyPath {
    /// A top-level key.
    pub fn key(key: &str) -> KeyPath {
        KeyPath {
            key: key.to_owned(),
            item: None,
            field: None,
        }
    }

    /// Item `i` of the list under `key`.
    pub fn item(key: &str, i: usize) -> KeyPath {
        KeyPath {
            item: Some(i),
            ..KeyPath::key(key)
        }
    }

    /// Field `field` of item `i` of the list under `key`.
    pub fn field(key: &str, i: usize, field: &str) -> KeyPath {
        KeyPath {
            field: Some(field.to_owned()),
            ..KeyPath::item(key, i)
        }
    }

    /// Parses serde's error path syntax (`sources[1].url`, `parties[0]`, `title`).
    pub fn from_serde(path: &str) -> KeyPath {
        let (key, rest) = path.split_once(['[', '.']).unwrap_or((path, ""));
        let mut item = None;
        let mut field = None;
        if let Some((n, after)) = rest.split_once(']') {
            item = n.parse().ok();
            field = after
                .strip_prefix('.')
                .filter(|f| !f.is_empty())
                .map(str::to_owned);
        }
        KeyPath {
            key: key.to_owned(),
            item,
            field,
        }
    }

    fn parent(&self) -> Option<KeyPath> {
        if self.field.is_some() {
            Some(KeyPath {
                field: None,
                ..self.clone()
            })
        } else if self.item.is_some() {
            Some(KeyPath::key(&self.key))
        } else {
            None
        }
    }
}

/// The positions of one front-matter block's keys, list items and item fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Positions {
    at: HashMap<KeyPath, Position>,
    /// Top-level keys written more than once: the key, where it first was, and
    /// where it was written again.
    pub repeated: Vec<(String, Position, Position)>,
    /// The opening `---` fence, for keys that are absent.
    start: Position,
}

impl Positions {
    /// Scans `yaml`, which starts on file line `first_line`. Unparseable YAML gives the
    /// positions found before the error (serde_yaml reports the error itself).
    pub fn scan(yaml: &str, first_line: usize) -> Positions {
        let mut positions = Positions {
            at: HashMap::new(),
            repeated: Vec::new(),
            start: Position {
                line: first_line.saturating_sub(1).max(1),
                column: 1,
            },
        };
        let mut stack: Vec<Frame> = Vec::new();
        for event in Parser::new_from_str(yaml) {
            let Ok((event, span)) = event else { break };
            let here = Position {
                line: span.start.line() + first_line - 1,
                column: span.start.col() + 1,
            };
            let node = matches!(
                event,
                Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..)
            ) || matches!(event, Event::Alias(_));
            if let Some(path) = node.then(|| node_path(&mut stack, &event)).flatten() {
                match positions.at.entry(path) {
                    Entry::Vacant(v) => {
                        v.insert(here);
                    }
                    Entry::Occupied(first) if first.key().item.is_none() && stack.len() == 1 => {
                        let key = first.key().key.clone();
                        positions.repeated.push((key, *first.get(), here));
                    }
                    Entry::Occupied(_) => {}
                }
            }
            match event {
                Event::MappingStart(..) => stack.push(Frame::Map {
                    key: None,
                    value_next: false,
                }),
                Event::SequenceStart(..) => stack.push(Frame::Seq { next: 0 }),
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        positions
    }

    /// The position of a value, or of the nearest enclosing one that is known.
    pub fn of(&self, path: &KeyPath) -> Position {
        let mut path = Some(path.clone());
        while let Some(p) = path {
            if let Some(found) = self.at.get(&p) {
                return *found;
            }
            path = p.parent();
        }
        self.start
    }

    /// The line of a top-level key, or the opening fence's when it is absent.
    pub fn line(&self, key: &str) -> usize {
        self.of(&KeyPath::key(key)).line
    }

    /// The line of item `i` under `key`.
    pub fn item_line(&self, key: &str, i: usize) -> usize {
        self.of(&KeyPath::item(key, i)).line
    }
}

/// One open collection while walking the events.
enum Frame {
    /// A mapping, with its latest key (kept while that key's value is walked, so
    /// nested nodes know where they are) and whether a value comes next.
    Map {
        key: Option<String>,
        value_next: bool,
    },
    /// A sequence, with the index of its next item.
    Seq { next: usize },
}

/// Advances the walk by one node and returns the path it is recorded under, for the
/// nodes worth a position: top-level keys, their list items, and those items' fields.
fn node_path(stack: &mut [Frame], event: &Event) -> Option<KeyPath> {
    let depth = stack.len();
    let top_key = match stack.first() {
        Some(Frame::Map { key, .. }) => key.clone(),
        _ => None,
    };
    // The list item being walked (its start already counted).
    let item = match stack.get(1) {
        Some(Frame::Seq { next }) => next.checked_sub(1),
        _ => None,
    };
    let frame = stack.last_mut()?;
    match frame {
        Frame::Map { key, value_next } => match std::mem::replace(value_next, !*value_next) {
            // A key: remember it; top-level keys and item fields are positioned at the
            // key itself, where a writer looks.
            false => {
                let name = match event {
                    Event::Scalar(text, ..) => text.to_string(),
                    _ => String::new(),
                };
                *key = Some(name.clone());
                match (depth, &top_key, item) {
                    (1, _, _) => Some(KeyPath::key(&name)),
                    (3, Some(top), Some(i)) => Some(KeyPath::field(top, i, &name)),
                    _ => None,
                }
            }
            // A value: its key was already positioned.
            true => None,
        },
        Frame::Seq { next } => {
            let i = *next;
            *next += 1;
            match (depth, top_key) {
                (2, Some(top)) => Some(KeyPath::item(&top, i)),
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_items_and_fields_are_placed_where_written() {
        let yaml = "title: \"category: not a key\"\ndate: 2026-07-05\nparties:\n  - A24\n  - Runway\nsources:\n  - title: T\n    url: https://e.org/\ncategory: AI\n";
        let p = Positions::scan(yaml, 2);
        assert_eq!(p.line("title"), 2);
        assert_eq!(p.line("category"), 10);
        assert_eq!(p.item_line("parties", 1), 6);
        assert_eq!(p.of(&KeyPath::field("sources", 0, "url")).line, 9);
        assert_eq!(p.of(&KeyPath::from_serde("sources[0].url")).line, 9);
        // Unknown places fall back to the enclosing value, then to the block.
        assert_eq!(p.item_line("parties", 7), 4);
        assert_eq!(p.line("slug"), 1);
    }

    #[test]
    fn repeated_top_level_keys_are_listed_with_both_places() {
        let p = Positions::scan("title: A\ntags: [x]\ntitle: B\n", 2);
        assert_eq!(p.repeated.len(), 1);
        let (key, first, again) = &p.repeated[0];
        assert_eq!((key.as_str(), first.line, again.line), ("title", 2, 4));
    }

    #[test]
    fn flow_lists_place_each_item() {
        let p = Positions::scan("tags: [a, b]\naliases: [/x/, /y/]\n", 2);
        assert_eq!(p.item_line("aliases", 1), 3);
        assert_eq!(p.of(&KeyPath::item("aliases", 1)).column, 16);
    }

    #[test]
    fn serde_paths_parse() {
        assert_eq!(KeyPath::from_serde("title"), KeyPath::key("title"));
        assert_eq!(
            KeyPath::from_serde("parties[3]"),
            KeyPath::item("parties", 3)
        );
        assert_eq!(
            KeyPath::from_serde("sources[1].url"),
            KeyPath::field("sources", 1, "url")
        );
    }
}
