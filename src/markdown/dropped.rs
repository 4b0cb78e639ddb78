//! What sanitising removed from a body's raw HTML, and where, for `check`'s
//! `unsafe-html` warnings. The fragment the sanitiser cleans is run through
//! html5ever's tokenizer chunk by chunk (so each tag is known to come from one raw
//! piece, and so its line), and every start tag is judged by the same
//! [`html_policy`](super::html_policy) the sanitiser was configured from.

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, StartTag, Tag, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::html_policy as policy;
use super::sanitize::{Chunk, RawPiece};

/// Longest attribute value quoted in a report, in characters.
const SHOWN_MAX: usize = 60;

/// Something sanitising removed from a body's raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedHtml {
    /// Byte offset in the body of the raw piece it was in.
    pub offset: usize,
    /// Lines between the piece's first line and the end of the tag.
    pub lines: usize,
    /// What was removed, e.g. `<script> and everything in it`.
    pub what: String,
}

/// What the tokenizer learnt about the fragment.
pub(super) struct Report {
    /// Every start tag that lost something, with what it lost.
    pub dropped: Vec<DroppedHtml>,
    /// Holes inside elements removed with their content (a `<script>`): their loss
    /// is already reported with the element.
    pub in_removed: Vec<usize>,
}

/// Tokenizes the fragment chunk by chunk and judges every start tag.
pub(super) fn report(chunks: &[Chunk<'_>], raw: &[RawPiece<'_>]) -> Report {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    let mut line = 1u64;
    let mut piece = None;
    let mut in_removed = Vec::new();
    for chunk in chunks {
        let text = chunk.text();
        match chunk {
            Chunk::Raw(index, _) => piece = Some((*index, line)),
            Chunk::Hole(n) if tokenizer.sink.removing.get() => in_removed.push(*n),
            Chunk::Hole(_) => {}
        }
        tokenizer.sink.piece.set(piece);
        input.push_back(StrTendril::from(&*text));
        let _ = tokenizer.feed(&input);
        line += text.matches('\n').count() as u64;
    }
    tokenizer.end();
    let dropped = tokenizer
        .sink
        .found
        .take()
        .into_iter()
        .map(|(index, lines, what)| DroppedHtml {
            offset: raw[index].offset,
            lines,
            what,
        })
        .collect();
    Report {
        dropped,
        in_removed,
    }
}

/// Collects findings; `piece` is the raw piece being fed and the fragment line it
/// starts on; `removing` is set between the start and end tags of an element removed
/// with its content.
#[derive(Default)]
struct Sink {
    piece: Cell<Option<(usize, u64)>>,
    removing: Cell<bool>,
    found: RefCell<Vec<(usize, usize, String)>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let removed = policy::REMOVED_WITH_CONTENT.contains(&&*tag.name);
        if tag.kind != StartTag {
            if removed {
                self.removing.set(false);
            }
            return TokenSinkResult::Continue;
        }
        self.removing.set(self.removing.get() || removed);
        if let Some((index, first)) = self.piece.get() {
            let lines = line.saturating_sub(first) as usize;
            let mut found = self.found.borrow_mut();
            found.extend(removals(&tag).into_iter().map(|w| (index, lines, w)));
        }
        // What the tree builder would tell the tokenizer, so a `<script>`'s text is
        // not read as tags.
        match &*tag.name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

/// What the policy removes from one start tag.
fn removals(tag: &Tag) -> Vec<String> {
    let name = &*tag.name;
    if policy::REMOVED_WITH_CONTENT.contains(&name) {
        return vec![format!("<{name}> and everything in it")];
    }
    if !policy::tag_allowed(name) {
        return vec![format!("the <{name}> tag (its text is kept)")];
    }
    tag.attrs
        .iter()
        .filter_map(|a| {
            let attr = &*a.name.local;
            if !policy::attribute_allowed(name, attr) {
                Some(format!("the {attr} attribute of <{name}>"))
            } else if !policy::value_allowed(name, attr, &a.value) {
                Some(format!("{attr}=\"{}\" from <{name}>", shown(&a.value)))
            } else {
                None
            }
        })
        .collect()
}

/// A value as quoted in a report: control characters visible, long ones cut.
fn shown(value: &str) -> String {
    let mut out: String = value
        .chars()
        .take(SHOWN_MAX)
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if value.chars().count() > SHOWN_MAX {
        out.push('…');
    }
    out
}
