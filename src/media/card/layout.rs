//! Laying out a card template's text boxes. A template marks each `<text>` whose
//! content must fit a box with `data-fit`; its `x` and `y` are the box's top left
//! corner, and `data-width`, `data-height`, `data-lines`, `data-min-font-size` and
//! `data-line-height` say how large it is and how the text may shrink (its
//! `font-size` is the largest size). The element is replaced by one whose lines
//! are `<tspan>`s placed inside the box: right-aligned, and embedded right to left,
//! when the text is Arabic or Hebrew. Other attributes (fill, font-family, ...)
//! are kept as written.

use resvg::usvg::fontdb;
use roxmltree::{Document, Node};

use super::fit::{Frame, Measure, fit};
use crate::render::xml::escape;

/// How far below the top of its line box a line's baseline sits, in ems (the
/// line box's middle plus about half a capital's height).
const BASELINE: f32 = 0.36;

/// The template's SVG with every `data-fit` text laid out, or why it cannot be.
pub fn lay_out(svg: &str, db: &fontdb::Database) -> Result<String, String> {
    let doc = Document::parse(svg).map_err(|e| format!("the SVG does not parse: {e}"))?;
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
        if node.attribute("data-fit").is_some() {
            edits.push((node.range(), text_element(node, db)?));
        }
    }
    let mut out = svg.to_owned();
    for (range, replacement) in edits.into_iter().rev() {
        out.replace_range(range, &replacement);
    }
    Ok(out)
}

/// A number attribute of a `data-fit` text, or its default.
fn number(node: Node<'_, '_>, name: &str, default: Option<f32>) -> Result<f32, String> {
    match node.attribute(name) {
        Some(v) => v
            .trim()
            .trim_end_matches("px")
            .parse::<f32>()
            .ok()
            .filter(|n| n.is_finite() && *n >= 0.0)
            .ok_or_else(|| format!("{name}=\"{v}\" on a data-fit <text> is not a number")),
        None => default.ok_or_else(|| format!("a data-fit <text> needs {name}")),
    }
}

/// The attributes this module reads and writes itself.
const OWN: &[&str] = &[
    "data-fit",
    "data-width",
    "data-height",
    "data-lines",
    "data-min-font-size",
    "data-line-height",
    "x",
    "y",
    "font-size",
    "text-anchor",
    "direction",
];

fn text_element(node: Node<'_, '_>, db: &fontdb::Database) -> Result<String, String> {
    let size = number(node, "font-size", None)?;
    let line_height = number(node, "data-line-height", Some(1.2))?.max(0.5);
    let frame = Frame {
        width: number(node, "data-width", None)?,
        height: number(node, "data-height", Some(size * line_height))?,
        max_lines: number(node, "data-lines", Some(1.0))? as usize,
        max_size: size,
        min_size: number(node, "data-min-font-size", Some(size))?.min(size),
        line_height,
    };
    let (x, y) = (number(node, "x", Some(0.0))?, number(node, "y", Some(0.0))?);
    let text: String = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    let families: Vec<String> = node
        .attribute("font-family")
        .unwrap_or("sans-serif")
        .split(',')
        .map(|f| f.trim().trim_matches(['"', '\'']).to_owned())
        .collect();
    let weight = match node.attribute("font-weight") {
        Some("bold" | "bolder") => 700,
        Some(w) => w.parse().unwrap_or(400),
        None => 400,
    };
    let measure = Measure::new(db, &families, weight);
    let fitted = fit(&measure, &text, frame);
    let rtl = unicode_bidi::get_base_direction(text.as_str()) == unicode_bidi::Direction::Rtl;
    let mut out = String::from("<text");
    for a in node.attributes() {
        if a.namespace().is_none() && !OWN.contains(&a.name()) {
            out.push_str(&format!(" {}=\"{}\"", a.name(), escape(a.value())));
        }
    }
    out.push_str(&format!(" font-size=\"{}\"", fitted.size));
    // resvg orders text with a left-to-right paragraph level; an embedding
    // (RLE ... PDF) makes each line a right-to-left run, mixed-in Latin included.
    let (anchor_x, anchor, open, close) = if rtl {
        (x + frame.width, "end", "\u{202b}", "\u{202c}")
    } else {
        (x, "start", "", "")
    };
    out.push_str(&format!(" text-anchor=\"{anchor}\">"));
    for (i, line) in fitted.lines.iter().enumerate() {
        let baseline = y + fitted.size * (line_height * (i as f32 + 0.5) + BASELINE);
        out.push_str(&format!(
            "<tspan x=\"{anchor_x}\" y=\"{baseline:.1}\">{open}{}{close}</tspan>",
            escape(line)
        ));
    }
    out.push_str("</text>");
    Ok(out)
}
