//! Cards drawn with the default theme's templates and fonts: the size, text kept
//! inside the margins whatever the headline, every character in some font.

use std::path::{Path, PathBuf};

use resvg::tiny_skia::Pixmap;

use super::fit::{Frame, Measure, fit};
use super::{CardFonts, HEIGHT, WIDTH, draw, render};

fn theme() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/smartpicks")
}

fn fonts() -> CardFonts {
    CardFonts::load(&theme(), &[theme().join("fonts")]).unwrap()
}

/// The theme's story card template rendered with `title`, as the build does.
fn story_svg(title: &str, parties: &[&str]) -> String {
    let template = std::fs::read_to_string(theme().join("templates/cards/story.svg")).unwrap();
    let mut ctx = tera::Context::new();
    ctx.insert(
        "card",
        &serde_json::json!({
            "title": title, "kicker": "Tools & Models", "date": "July 5, 2026",
            "parties": parties, "brand": "Smart Picks",
        }),
    );
    tera::Tera::one_off(&template, &ctx, true).unwrap()
}

const BACKGROUND: [u8; 3] = [0xfb, 0xfa, 0xf7];

/// The bounds (x0, y0, x1, y1) of every pixel right of the accent bar that is not
/// the background.
fn ink(p: &Pixmap) -> (u32, u32, u32, u32) {
    let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
    for y in 0..p.height() {
        for x in 24..p.width() {
            let c = p.pixel(x, y).unwrap();
            if [c.red(), c.green(), c.blue()] != BACKGROUND {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
        }
    }
    (x0, y0, x1, y1)
}

/// Draws the card of `title` and checks it stays within the 80 px side margins
/// and 40 px top and bottom margins; returns the pixels.
fn within_margins(title: &str) -> Pixmap {
    let fonts = fonts();
    let p = draw(&story_svg(title, &["OpenAI", "A24"]), &fonts).unwrap();
    assert_eq!((p.width(), p.height()), (WIDTH, HEIGHT));
    let (x0, y0, x1, y1) = ink(&p);
    assert!(x0 >= 78 && x1 <= 1122, "{title}: ink from x {x0} to {x1}");
    assert!(y0 >= 40 && y1 <= 590, "{title}: ink from y {y0} to {y1}");
    p
}

/// Ink in the headline's box (y 180 to 496).
fn headline_ink(p: &Pixmap) -> usize {
    (180..496)
        .flat_map(|y| (80..1120).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let c = p.pixel(x, y).unwrap();
            [c.red(), c.green(), c.blue()] != BACKGROUND
        })
        .count()
}

/// Every character the fonts must draw has a glyph in one of them (none is a
/// `.notdef` box).
fn covered(text: &str) {
    let fonts = fonts();
    let db = fonts.database();
    for c in text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200d}' | '\u{fe0f}'))
    {
        let found = db.faces().any(|f| {
            let fontdb::Source::Binary(bytes) = &f.source;
            let font = skrifa::FontRef::from_index((**bytes).as_ref(), f.index).unwrap();
            skrifa::MetadataProvider::charmap(&font).map(c).is_some()
        });
        assert!(found, "no font has {c:?} (U+{:04X})", c as u32);
    }
}

use resvg::usvg::fontdb;

#[test]
fn a_card_is_a_1200_by_630_png() {
    let png = render(&story_svg("Sora 2 ships", &[]), &fonts()).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let reader = decoder.read_info().unwrap();
    assert_eq!((reader.info().width, reader.info().height), (1200, 630));
}

#[test]
fn a_300_character_headline_shrinks_and_is_cut_inside_the_margins() {
    let title = "Studios and guilds agree on rules for synthetic performers ".repeat(6);
    let title = &title[..300];
    let p = within_margins(title);
    assert!(headline_ink(&p) > 10_000);
}

#[test]
fn cjk_headlines_break_between_characters_and_draw() {
    let title = "東宝とソニー・ピクチャーズが生成AIを使った長編アニメーション映画の共同制作を発表、二〇二七年公開予定で声優組合と合意";
    covered(title);
    let p = within_margins(title);
    assert!(headline_ink(&p) > 10_000);
    within_margins("한국 영화진흥위원회, 인공지능 제작 지원 사업 발표");
}

#[test]
fn arabic_and_hebrew_headlines_are_set_right_to_left_inside_the_margins() {
    for title in [
        "استوديوهات هوليوود توقع اتفاقا جديدا مع نقابة الممثلين بشأن الذكاء الاصطناعي في الأفلام",
        "אולפני הוליווד חותמים על הסכם חדש עם איגוד השחקנים בנושא בינה מלאכותית ו-Sora 2",
    ] {
        covered(title);
        let p = within_margins(title);
        let (_, _, x1, _) = ink(&p);
        // Right-aligned: the headline reaches the right margin.
        let right = (180..496).any(|y| {
            (1040..1120).any(|x| {
                let c = p.pixel(x, y).unwrap();
                [c.red(), c.green(), c.blue()] != BACKGROUND
            })
        });
        assert!(right && x1 <= 1122, "{title}");
    }
}

#[test]
fn emoji_headlines_draw_glyphs_not_boxes() {
    let title = "🎬🤖🎥🍿 Emoji everywhere: 🎞️ 🎭 🏆 ✨ 🚀 🔥 👩‍💻 🧑‍🎤 🎶 💸 🎉 🎬🤖🎥🍿🎞️🎭🏆✨🚀🔥";
    covered(title);
    let p = within_margins(title);
    assert!(headline_ink(&p) > 5_000);
    within_margins(&"🎬".repeat(120));
}

#[test]
fn markup_in_values_is_text() {
    let svg = story_svg(
        "<script>alert(1)</script> & \"quotes\" </text></svg>",
        &["A&B <c>"],
    );
    assert!(!svg.contains("<script>"));
    within_margins("<b>bold</b> & </text>");
}

#[test]
fn a_long_headline_takes_a_smaller_size_before_it_is_cut() {
    let fonts = fonts();
    let db = fonts.database();
    let measure = Measure::new(&db, &["DejaVu Sans".into()], 700);
    let frame = Frame {
        width: 1040.0,
        height: 316.0,
        max_lines: 5,
        max_size: 76.0,
        min_size: 40.0,
        line_height: 1.15,
    };
    let short = fit(&measure, "Sora 2 ships", frame);
    assert_eq!((short.size, short.lines.len()), (76.0, 1));
    let long = fit(&measure, &"word ".repeat(40), frame);
    assert!(long.size < 76.0 && long.size >= 40.0);
    assert!(!long.lines.last().unwrap().ends_with('…'));
    let cut = fit(&measure, &"word ".repeat(400), frame);
    assert_eq!(cut.size, 40.0);
    assert!(cut.lines.last().unwrap().ends_with('…'), "{cut:?}");
    for line in &cut.lines {
        assert!(measure.width(line) * 40.0 <= 1040.0, "{line}");
    }
    // One unbroken word longer than a line is broken between characters.
    let word = fit(&measure, &"x".repeat(200), frame);
    assert!(word.lines.len() > 1);
}

#[test]
#[ignore = "writes sample cards to /tmp/cards for a person to look at"]
fn samples() {
    std::fs::create_dir_all("/tmp/cards").unwrap();
    let fonts = fonts();
    for (name, title) in [
        (
            "cjk",
            "東宝とソニー・ピクチャーズが生成AIを使った長編アニメーション映画の共同制作を発表、二〇二七年公開予定で声優組合と合意",
        ),
        (
            "arabic",
            "استوديوهات هوليوود توقع اتفاقا جديدا مع نقابة الممثلين بشأن الذكاء الاصطناعي في الأفلام",
        ),
        (
            "hebrew",
            "אולפני הוליווד חותמים על הסכם חדש עם איגוד השחקנים בנושא בינה מלאכותית ו-Sora 2",
        ),
        (
            "emoji",
            "🎬🤖🎥🍿 Emoji everywhere: 🎞️ 🎭 🏆 ✨ 🚀 🔥 👩‍💻 🧑‍🎤 🎶 💸 🎉",
        ),
        (
            "long",
            &"Studios and guilds agree on rules for synthetic performers ".repeat(6)[..300],
        ),
    ] {
        let png = render(&story_svg(title, &["OpenAI", "A24"]), &fonts).unwrap();
        std::fs::write(format!("/tmp/cards/{name}.png"), png).unwrap();
    }
}
