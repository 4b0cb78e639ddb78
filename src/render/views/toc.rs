//! The table of contents as a theme shows it: each H2 with the H3s under it, so a
//! numbered list numbers the H2s alone.

use serde::Serialize;

use crate::markdown::TocEntry;

/// One heading in the table of contents, with the headings nested under it.
#[derive(Debug, Serialize)]
pub struct TocItem<'a> {
    /// 2 or 3.
    pub level: u8,
    /// The anchor id.
    pub id: &'a str,
    /// The heading's plain text.
    pub title: &'a str,
    /// The H3s under an H2.
    pub children: Vec<TocItem<'a>>,
}

impl<'a> TocItem<'a> {
    /// Nests a body's flat list of headings: each H3 under the H2 before it.
    pub fn nest(entries: &'a [TocEntry]) -> Vec<TocItem<'a>> {
        let mut items: Vec<TocItem<'a>> = Vec::new();
        for e in entries {
            let item = TocItem {
                level: e.level,
                id: &e.id,
                title: &e.title,
                children: Vec::new(),
            };
            match items.last_mut() {
                Some(parent) if parent.level < e.level => parent.children.push(item),
                _ => items.push(item),
            }
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::TocEntry;

    #[test]
    fn h3s_nest_under_the_h2_before_them() {
        let entry = |level, id: &str| TocEntry {
            level,
            id: id.to_owned(),
            title: id.to_uppercase(),
        };
        let flat = [
            entry(3, "a"),
            entry(2, "b"),
            entry(3, "c"),
            entry(3, "d"),
            entry(2, "e"),
        ];
        let nested = TocItem::nest(&flat);
        let shape: Vec<(&str, Vec<&str>)> = nested
            .iter()
            .map(|i| (i.id, i.children.iter().map(|c| c.id).collect()))
            .collect();
        assert_eq!(shape, [("a", vec![]), ("b", vec!["c", "d"]), ("e", vec![])]);
    }
}
