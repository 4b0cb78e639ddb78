//! Limits on a story's front-matter, checked on its text before the YAML parser sees
//! it, so hostile or runaway input is refused in one linear pass. The parser spends
//! time quadratic in the nesting of flow collections: `summary: [[[…]]]` 40,000
//! levels deep (an 80 KB file) took 26 s, because libyaml revisits every open level
//! for each token. Real front-matter is three levels deep at most (the top-level map,
//! `sources`, one source) and a few hundred bytes long, so both limits are far above
//! anything a writer types. Alias expansion ("billion laughs") needs no check here:
//! the YAML crate caps how often aliases may be replayed, and the size limit caps
//! how many anchors there can be.

use std::path::Path;

use crate::error::{Code, Diagnostic};

/// The largest front-matter accepted, in bytes (64 KiB).
pub const MAX_BYTES: usize = 64 * 1024;

/// The deepest nesting of lists and maps accepted, the top-level map counting as one.
pub const MAX_DEPTH: usize = 16;

/// The file line of the first front-matter line (the `---` fence is line 1).
const FIRST_LINE: usize = 2;

/// Refuses front-matter over [`MAX_BYTES`] or nested deeper than [`MAX_DEPTH`].
pub fn check(file: &Path, yaml: &str) -> Result<(), Diagnostic> {
    if yaml.len() > MAX_BYTES {
        return Err(too_large(file, yaml));
    }
    match too_deep(yaml) {
        Some(deep) => Err(deep.diagnostic(file)),
        None => Ok(()),
    }
}

/// A top-level key and the file line it is written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key<'a> {
    name: &'a str,
    line: usize,
}

/// The key a line at column 0 starts, as in `title: ...` or `"title": ...`.
fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-', '?', ':', '[', '{', '|', '>']) {
        return None;
    }
    let bytes = line.as_bytes();
    let colon = (0..bytes.len())
        .find(|&i| bytes[i] == b':' && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()))?;
    let name = line[..colon].trim().trim_matches(['"', '\'']);
    (!name.is_empty()).then_some(name)
}

/// The diagnostic for front-matter over [`MAX_BYTES`], naming the key whose value
/// takes the most room.
fn too_large(file: &Path, yaml: &str) -> Diagnostic {
    let mut largest: Option<(Key<'_>, usize)> = None;
    let mut current: Option<(Key<'_>, usize)> = None;
    let mut offset = 0;
    for (i, line) in yaml.split_inclusive('\n').enumerate() {
        if let Some(name) = top_level_key(line) {
            let line = i + FIRST_LINE;
            largest = bigger(largest, current.map(|(k, start)| (k, offset - start)));
            current = Some((Key { name, line }, offset));
        }
        offset += line.len();
    }
    largest = bigger(largest, current.map(|(k, start)| (k, offset - start)));
    let mut message = format!(
        "the front-matter is {}, more than the limit of {}",
        size(yaml.len()),
        size(MAX_BYTES)
    );
    let hint = "front-matter is for short facts about the story; put long text in the body, \
                below the closing ---";
    match largest {
        Some((key, len)) => {
            message.push_str(&format!("; \"{}\" alone takes {}", key.name, size(len)));
            Diagnostic::new(Code::FrontMatterLimit, file, key.line, message)
                .key(key.name)
                .hint(hint)
        }
        None => Diagnostic::new(Code::FrontMatterLimit, file, 1, message).hint(hint),
    }
}

fn bigger<'a>(
    a: Option<(Key<'a>, usize)>,
    b: Option<(Key<'a>, usize)>,
) -> Option<(Key<'a>, usize)> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.1 > a.1 { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// A byte count as people read it.
fn size(bytes: usize) -> String {
    const KIB: usize = 1024;
    if bytes < KIB {
        format!("{bytes} bytes")
    } else if bytes < KIB * KIB {
        format!("{:.1} KiB", bytes as f64 / KIB as f64)
    } else {
        format!("{:.1} MiB", bytes as f64 / (KIB * KIB) as f64)
    }
}

/// Where nesting first went past [`MAX_DEPTH`].
#[derive(Debug, PartialEq, Eq)]
struct TooDeep<'a> {
    /// The top-level key whose value is too deep, if there is one.
    key: Option<Key<'a>>,
    /// The file line where the limit was crossed.
    line: usize,
}

impl TooDeep<'_> {
    fn diagnostic(&self, file: &Path) -> Diagnostic {
        let mut message = format!("lists and maps are nested more than {MAX_DEPTH} levels deep");
        if self.key.is_none_or(|k| k.line != self.line) {
            message.push_str(&format!(" (at line {})", self.line));
        }
        let hint = "front-matter values are text, lists of text, or the sources list; \
                    remove the extra [ ] or { } (quote the value if the brackets are text)";
        let d = Diagnostic::new(
            Code::FrontMatterLimit,
            file,
            self.key.map_or(self.line, |k| k.line),
            message,
        )
        .hint(hint);
        match self.key {
            Some(k) => d.key(k.name),
            None => d,
        }
    }
}

/// Finds nesting deeper than [`MAX_DEPTH`] with a small YAML lexer that knows just
/// enough (indentation, flow brackets, quotes, block scalars, comments, plain-scalar
/// continuation lines) not to count brackets inside text. It may overcount a level
/// or two, never undercount; the limit leaves room for that.
fn too_deep(yaml: &str) -> Option<TooDeep<'_>> {
    let mut nesting = nesting::Nesting::default();
    let mut key = None;
    for (i, line) in yaml.lines().enumerate() {
        let line_no = i + FIRST_LINE;
        if nesting.at_top_level()
            && let Some(name) = top_level_key(line)
        {
            key = Some(Key {
                name,
                line: line_no,
            });
        }
        if nesting.line(line.as_bytes()) > MAX_DEPTH {
            return Some(TooDeep { key, line: line_no });
        }
    }
    None
}

mod nesting;

#[cfg(test)]
mod tests;
