//! Fitting text into a box: SVG has no automatic wrapping, so a card's headline is
//! measured with the fonts resvg will draw it in (shaped by harfrust, as resvg
//! shapes it, each character in the first font of the chain that has it, as resvg
//! falls back), broken into lines at spaces and between CJK characters, and set
//! smaller step by step until it fits; at the smallest size the last line ends in
//! an ellipsis.

use harfrust::{FontRef, ShapeOptions, ShaperData, UnicodeBuffer};
use resvg::usvg::fontdb;
use skrifa::MetadataProvider;
use skrifa::charmap::Charmap;
use skrifa::raw::TableProvider;

/// Lines are filled to this share of the box's width: widths are measured piece
/// by piece, which leaves out kerning across pieces.
const SAFETY: f32 = 0.97;

/// The ellipsis that ends cut text.
const ELLIPSIS: &str = "…";

/// One font of a chain, ready to shape.
struct Face<'a> {
    font: FontRef<'a>,
    data: ShaperData,
    charmap: Charmap<'a>,
    upem: f32,
}

/// Measures text in the fonts of one chain: the font a `<text>` element asks for,
/// then every other font of the database in order.
pub struct Measure<'a> {
    faces: Vec<Face<'a>>,
}

impl<'a> Measure<'a> {
    /// The chain for `families` (as `font-family` lists them) at `weight`.
    pub fn new(db: &'a fontdb::Database, families: &[String], weight: u16) -> Measure<'a> {
        let mut names: Vec<fontdb::Family<'_>> = families
            .iter()
            .map(|f| match f.as_str() {
                "serif" => fontdb::Family::Serif,
                "sans-serif" => fontdb::Family::SansSerif,
                "monospace" => fontdb::Family::Monospace,
                name => fontdb::Family::Name(name),
            })
            .collect();
        names.push(fontdb::Family::Serif);
        let primary = db.query(&fontdb::Query {
            families: &names,
            weight: fontdb::Weight(weight),
            ..fontdb::Query::default()
        });
        let mut order: Vec<&fontdb::FaceInfo> = db.faces().collect();
        order.sort_by_key(|f| Some(f.id) != primary);
        let faces = order.into_iter().filter_map(face).collect();
        Measure { faces }
    }

    /// The advance width of `text` in ems.
    pub fn width(&self, text: &str) -> f32 {
        let mut total = 0.0;
        let mut start = 0;
        let mut current: Option<usize> = None;
        for (i, c) in text.char_indices() {
            let chosen = self.face_for(c).or(current);
            if chosen != current && current.is_some() {
                total += self.run(current, &text[start..i]);
                start = i;
            }
            current = chosen;
        }
        total + self.run(current, &text[start..])
    }

    /// The first face that has `c`; `None` for characters no font needs to draw
    /// (spaces and joiners take the face of the run they are in).
    fn face_for(&self, c: char) -> Option<usize> {
        if c.is_whitespace() || matches!(c, '\u{200d}' | '\u{fe0f}' | '\u{fe0e}') {
            return None;
        }
        self.faces.iter().position(|f| f.charmap.map(c).is_some())
    }

    fn run(&self, face: Option<usize>, text: &str) -> f32 {
        let Some(face) = face.or((!self.faces.is_empty()).then_some(0)) else {
            return 0.0;
        };
        let f = &self.faces[face];
        let shaper = f.data.shaper(&f.font).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let glyphs = shaper.shape(buffer, ShapeOptions::new());
        let units: i32 = glyphs.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 / f.upem
    }
}

// Only `Binary` exists without fontdb's `fs` feature; fonts are always loaded as bytes.
#[allow(irrefutable_let_patterns)]
fn face(info: &fontdb::FaceInfo) -> Option<Face<'_>> {
    let fontdb::Source::Binary(bytes) = &info.source else {
        return None;
    };
    let data: &[u8] = (**bytes).as_ref();
    let font = FontRef::from_index(data, info.index).ok()?;
    let sk = skrifa::FontRef::from_index(data, info.index).ok()?;
    let upem = f32::from(sk.head().ok()?.units_per_em());
    Some(Face {
        data: ShaperData::new(&font),
        charmap: sk.charmap(),
        font,
        upem,
    })
}

/// The box text is fitted into, in pixels, and the sizes it may take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// The box's width.
    pub width: f32,
    /// The box's height.
    pub height: f32,
    /// At most this many lines.
    pub max_lines: usize,
    /// The largest font size, tried first.
    pub max_size: f32,
    /// The smallest font size; text still too long is cut with an ellipsis.
    pub min_size: f32,
    /// Line height as a multiple of the font size.
    pub line_height: f32,
}

/// Text set to fit a [`Frame`].
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    /// The font size chosen.
    pub size: f32,
    /// The lines, in logical order.
    pub lines: Vec<String>,
}

/// Sets `text` in the largest size of `frame` at which it fits, shrinking by about
/// 8 % a step; at the smallest size, cuts it with an ellipsis.
pub fn fit(measure: &Measure<'_>, text: &str, frame: Frame) -> Fitted {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let pieces: Vec<(&str, f32)> = pieces(&text)
        .into_iter()
        .map(|p| (p, measure.width(p.trim_end())))
        .collect();
    let spaces = measure.width(" ");
    let mut size = frame.max_size.max(frame.min_size);
    loop {
        let lines = lines_for(frame, size);
        let width = frame.width * SAFETY / size;
        let wrapped = wrap(measure, &pieces, spaces, width);
        if wrapped.len() <= lines || size <= frame.min_size {
            let cut = wrapped.len() > lines;
            let mut wrapped = wrapped;
            wrapped.truncate(lines);
            if cut && let Some(last) = wrapped.last_mut() {
                *last = ellipsise(measure, last, width);
            }
            return Fitted {
                size,
                lines: wrapped,
            };
        }
        size = (size * 0.92).floor().max(frame.min_size);
    }
}

/// How many lines of `size` the frame holds (at least one).
fn lines_for(frame: Frame, size: f32) -> usize {
    let fit = (frame.height / (size * frame.line_height)).floor() as usize;
    fit.clamp(1, frame.max_lines.max(1))
}

/// Greedy line filling: pieces are added while the line's width stays under
/// `width` (in ems); a piece wider than a whole line is broken between characters.
fn wrap(measure: &Measure<'_>, pieces: &[(&str, f32)], space: f32, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    for &(piece, w) in pieces {
        let trailing = piece.len() - piece.trim_end().len();
        if !line.is_empty() && used + w > width {
            lines.push(line.trim_end().to_owned());
            line.clear();
            used = 0.0;
        }
        if line.is_empty() && w > width {
            for c in piece.trim_end().chars() {
                let cw = measure.width(c.encode_utf8(&mut [0; 4]));
                if !line.is_empty() && used + cw > width {
                    lines.push(std::mem::take(&mut line));
                    used = 0.0;
                }
                line.push(c);
                used += cw;
            }
            line.push_str(&piece[piece.len() - trailing..]);
            used += space * trailing as f32;
            continue;
        }
        line.push_str(piece);
        used += w + space * trailing as f32;
    }
    if !line.trim_end().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// `line` with an ellipsis at its end, characters taken off until it fits.
fn ellipsise(measure: &Measure<'_>, line: &str, width: f32) -> String {
    let mut text = line.trim_end().to_owned();
    loop {
        let candidate = format!("{}{ELLIPSIS}", text.trim_end());
        if text.is_empty() || measure.width(&candidate) <= width {
            return candidate;
        }
        text.pop();
    }
}

/// Splits text where a line may break: after a space (kept at the piece's end),
/// after a hyphen or a slash, and around CJK characters (which break between
/// any two), but never before closing punctuation.
pub fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let Some(&(j, next)) = chars.peek() else {
            break;
        };
        let after = c == ' ' && next != ' '
            || matches!(c, '-' | '–' | '—' | '/') && !next.is_whitespace()
            || (is_cjk(c) || is_cjk(next)) && !next.is_whitespace() && c != ' ';
        if after && !no_break_before(next) {
            out.push(&text[start..j]);
            start = j;
        }
        let _ = i;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Ideographs, kana, Hangul and full-width forms: lines break between them.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF | 0x20000..=0x2FFFF)
}

/// Punctuation that may not start a line.
fn no_break_before(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '：'
            | '；'
            | 'ー'
            | '・'
            | ','
            | '.'
            | '!'
            | '?'
            | ')'
            | ':'
            | ';'
            | '…'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_break_at_spaces_hyphens_and_between_cjk_characters() {
        assert_eq!(pieces("AI in film"), ["AI ", "in ", "film"]);
        assert_eq!(pieces("text-to-video"), ["text-", "to-", "video"]);
        assert_eq!(pieces("映画とAI。"), ["映", "画", "と", "AI。"]);
        assert_eq!(pieces("Sora 映画"), ["Sora ", "映", "画"]);
        assert_eq!(pieces("x"), ["x"]);
        assert!(pieces("").is_empty());
    }
}
