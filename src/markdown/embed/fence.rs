//! The text of a fenced ` ```embed ` block: the video's URL on the first line that is
//! not blank, then `key: value` options, one a line (`caption`, `title`, `poster`,
//! `start`). Every problem is found at once, each on its line of the block, so a
//! writer fixes them in one go.

use super::video::{Video, parse_start};

/// The options a block may give.
pub const KEYS: [&str; 4] = ["caption", "title", "poster", "start"];

/// The longest `title` (as a story's title).
const MAX_TITLE: usize = 300;
/// The longest `caption` (as a correction's text).
const MAX_CAPTION: usize = 2_000;

/// A value as written, with the line of the block it is on (0 for the line after
/// the opening fence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// The text, trimmed, without the quotes around it if it had a pair.
    pub text: String,
    /// Its line in the block.
    pub line: usize,
}

/// What a block asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fence {
    /// The video, with the start `start:` gives if it gives one; `None` when the
    /// URL is no video URL (a problem says so).
    pub video: Option<Video>,
    /// `title:`, plain text.
    pub title: Option<String>,
    /// `caption:`, inline Markdown.
    pub caption: Option<Value>,
    /// `poster:`, a path as written.
    pub poster: Option<Value>,
}

/// A problem in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Its line in the block (0 for the line after the opening fence).
    pub line: usize,
    /// The option it is about; `None` for the URL line.
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to put it right.
    pub hint: &'static str,
}

const URL_HINT: &str = "the first line of an embed block is a YouTube or Vimeo video URL \
     (https://www.youtube.com/watch?v=..., https://youtu.be/..., https://vimeo.com/...); \
     other links are written as Markdown links";
const KEY_HINT: &str =
    "an embed block takes the URL, then caption:, title:, poster: and start: lines";

/// Reads the text of an embed block: what it asks for, as far as that reads, and
/// every problem (the options that read are given even when others do not, so
/// their own problems, such as a missing poster, are found in the same build).
pub fn parse(text: &str) -> (Fence, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((url_line, url)) = lines.next() else {
        let empty = Problem {
            line: 0,
            key: None,
            message: "this embed block is empty".to_owned(),
            hint: URL_HINT,
        };
        return (Fence::default(), vec![empty]);
    };
    let url = url.trim();
    let url = url
        .strip_prefix('<')
        .and_then(|u| u.strip_suffix('>'))
        .unwrap_or(url);
    let mut video = Video::parse(url);
    if video.is_none() {
        problems.push(Problem {
            line: url_line,
            key: None,
            message: format!("{} is not a YouTube or Vimeo video URL", shown(url)),
            hint: URL_HINT,
        });
    }
    let mut options: [Option<Value>; 4] = Default::default();
    for (line, written) in lines {
        match option(written, line) {
            Ok((slot, _)) if options[slot].is_some() => problems.push(Problem {
                line,
                key: Some(KEYS[slot].to_owned()),
                message: format!("{} is given twice", KEYS[slot]),
                hint: "give each option once",
            }),
            Ok((slot, value)) => options[slot] = Some(value),
            Err(problem) => problems.push(problem),
        }
    }
    let [caption, title, poster, start] = options;
    let start = start.and_then(|s| match parse_start(&s.text) {
        Some(seconds) => Some(seconds),
        None => {
            problems.push(Problem {
                line: s.line,
                key: Some("start".to_owned()),
                message: format!("{} is not a start time", shown(&s.text)),
                hint: "write seconds (90), minutes and seconds (1:30 or 1m30s) or hours too (1:02:03); at most 999999 seconds",
            });
            None
        }
    });
    if let Some(video) = &mut video
        && start.is_some()
    {
        video.start = start;
    }
    let fence = Fence {
        video,
        title: title.map(|t| t.text),
        caption,
        poster,
    };
    (fence, problems)
}

/// One `key: value` line: which option, and its value.
fn option(written: &str, line: usize) -> Result<(usize, Value), Problem> {
    let Some((key, value)) = written.split_once(':') else {
        return Err(Problem {
            line,
            key: None,
            message: format!("{} is not a `key: value` option", shown(written.trim())),
            hint: KEY_HINT,
        });
    };
    let key = key.trim();
    let Some(slot) = KEYS.iter().position(|k| *k == key) else {
        return Err(Problem {
            line,
            key: Some(key.to_owned()),
            message: format!("embed blocks have no option {}", shown(key)),
            hint: KEY_HINT,
        });
    };
    let text = unquoted(value.trim()).to_owned();
    let problem = |message: String| Problem {
        line,
        key: Some(key.to_owned()),
        message,
        hint: KEY_HINT,
    };
    if text.is_empty() {
        return Err(problem(format!("{key} is empty")));
    }
    let limit = match key {
        "title" => MAX_TITLE,
        "caption" => MAX_CAPTION,
        _ => usize::MAX,
    };
    let length = text.chars().count();
    if length > limit {
        return Err(Problem {
            hint: "a title names the video in a few words; a caption is a sentence or two",
            ..problem(format!(
                "{key} is {length} characters long; the limit is {limit}"
            ))
        });
    }
    Ok((slot, Value { text, line }))
}

/// A value without one pair of quotes around it (`"Trailer"`, `'Trailer'`), as
/// writers used to front-matter may write it.
fn unquoted(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner.trim();
        }
    }
    value
}

/// A value as quoted in a message: control characters visible, long ones cut.
fn shown(text: &str) -> String {
    const MAX: usize = 80;
    let mut out: String = text
        .chars()
        .take(MAX)
        .flat_map(char::escape_debug)
        .collect();
    if text.chars().count() > MAX {
        out.push('…');
    }
    format!("\"{out}\"")
}

#[cfg(test)]
mod tests;
