//! Term shards: every surface form, sorted as JavaScript sorts strings (UTF-16 code
//! units, so the client's binary search agrees), cut into files of a bounded size.
//! A line holds a word and its stem's postings, or, when another form of the same
//! stem is already in the shard, a reference to that line.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::varint;

/// The size at which a shard is closed. A query reads one shard per word, so this
/// bounds what a word costs to download; a word whose own postings are larger
/// gets a shard to itself.
pub const SHARD_BYTES: usize = 8 * 1024;

/// One shard: the first word it holds and its text.
#[derive(Debug, Clone, Default)]
pub struct Shard {
    /// Its first surface form ("" for the first shard, so every word has one).
    pub first: String,
    /// The file's text.
    pub text: String,
}

/// Compares as JavaScript's `<` compares strings.
fn js_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Lays out the shards of `surfaces` (form → stem id) over `postings` (by stem id).
pub fn shards<'a>(
    surfaces: impl IntoIterator<Item = (&'a String, &'a u32)>,
    postings: &[Vec<(u32, u8)>],
) -> Vec<Shard> {
    let mut words: Vec<(&str, u32)> = surfaces
        .into_iter()
        .map(|(w, &s)| (w.as_str(), s))
        .collect();
    words.sort_unstable_by(|a, b| js_order(a.0, b.0));
    let mut out = Vec::new();
    let mut current = Shard {
        first: String::new(),
        text: String::new(),
    };
    // The line holding each stem's postings in the current shard.
    let mut written: HashMap<u32, &str> = HashMap::new();
    let mut line = String::new();
    for (word, stem) in words {
        let mut shared = written.get(&stem).copied();
        write_line(&mut line, word, shared, &postings[stem as usize]);
        // A shard closes before a line would take it past the bound; a line that
        // alone passes it has a shard to itself.
        if !current.text.is_empty() && current.text.len() + line.len() > SHARD_BYTES {
            let next = Shard {
                first: word.to_owned(),
                text: String::new(),
            };
            out.push(std::mem::replace(&mut current, next));
            written.clear();
            if shared.take().is_some() {
                // The stem's postings were in the shard just closed: written here too.
                write_line(&mut line, word, None, &postings[stem as usize]);
            }
        }
        current.text.push_str(&line);
        if shared.is_none() {
            written.insert(stem, word);
        }
    }
    out.push(current);
    out
}

/// `word`, a tab, then the postings, or `=` and the word whose line has them.
fn write_line(line: &mut String, word: &str, shared: Option<&str>, list: &[(u32, u8)]) {
    line.clear();
    line.push_str(word);
    line.push('\t');
    match shared {
        Some(first) => {
            line.push('=');
            line.push_str(first);
        }
        None => varint::push_ids(line, list.iter().map(|p| p.0), |text, k| {
            varint::push(text, u32::from(list[k].1));
        }),
    }
    line.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javascript_order_puts_astral_characters_before_the_end_of_the_bmp() {
        // UTF-8 (and Rust's str order) puts U+FF21 before U+1F600; UTF-16 does not.
        assert_eq!(js_order("\u{1F600}", "\u{FF21}"), Ordering::Less);
        assert_eq!("\u{1F600}".cmp("\u{FF21}"), Ordering::Greater);
    }

    #[test]
    fn forms_of_one_stem_share_a_line_and_shards_stay_bounded() {
        let mut surfaces = HashMap::new();
        surfaces.insert("film".to_owned(), 0);
        surfaces.insert("films".to_owned(), 0);
        surfaces.insert("studio".to_owned(), 1);
        let postings = vec![vec![(0, 31), (5, 2)], vec![(3, 7)]];
        let all = shards(&surfaces, &postings);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].text, "film\tAfEC\nfilms\t=film\nstudio\tDH\n");

        // Many words: every shard but the last comes within a line of the bound
        // without passing it, and the first words are in order.
        let surfaces: HashMap<String, u32> = (0..5000).map(|i| (format!("w{i:05}"), 0)).collect();
        let postings = vec![(0..40).map(|d| (d, 1)).collect::<Vec<_>>()];
        let all = shards(&surfaces, &postings);
        assert!(all.len() > 1);
        for s in &all[..all.len() - 1] {
            assert!(s.text.len() <= SHARD_BYTES && s.text.len() > SHARD_BYTES - 200);
        }
        assert_eq!(all[0].first, "");
        assert!(all.windows(2).all(|w| w[0].first < w[1].first));
        // The first line of each shard after the first is its `first` word, with
        // its postings written out again, not a reference to another shard.
        for s in &all[1..] {
            let line = s.text.lines().next().unwrap();
            assert!(line.starts_with(&format!("{}\t", s.first)));
            assert!(!line.contains('='));
        }
    }
}
