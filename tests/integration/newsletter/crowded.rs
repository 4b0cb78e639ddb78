//! A week of ISO week 27, 2026 (June 29 to July 5) filled with generated stories:
//! the crowded week of longest values that bounds an edition's size, and the
//! realistic week the browser check shows.

use super::*;

/// What the generated stories hold.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Values {
    /// Every value at its front-matter limit: 300-character headlines,
    /// 2,000-character deks, a 2,048-character image path, 500-character alt text.
    Longest,
    /// Headlines and deks of ordinary length; the pick has the theme's image.
    Plain,
}

const WORDS: &str = "studio guild model archive premiere sequence render festival contract \
                     camera dubbing trailer script budget licence dataset director";

/// Words starting with `start`, as many as fit in `len` characters (at least
/// `len` - 10 of them).
fn words(start: &str, len: usize) -> String {
    let mut text = start.to_owned();
    for word in WORDS.split_whitespace().cycle() {
        if text.len() + 1 + word.len() > len {
            break;
        }
        text.push(' ');
        text.push_str(word);
    }
    text
}

/// Writes `count` stories dated across week 27; the first, dated on its Monday (the
/// oldest day), is the week's only editor's pick, so it must lead.
pub(super) fn write_week(site: &Site, count: usize, values: Values) {
    for i in 0..count {
        let day = jiff::civil::date(2026, 6, 29)
            .checked_add(jiff::Span::new().days((i % 7) as i64))
            .unwrap();
        let (title, summary) = match values {
            Values::Longest => (
                words(&format!("Story {i:02}"), 300),
                words(&format!("Dek {i:02}"), 2_000),
            ),
            Values::Plain => (
                words(&format!("Story {i:02}: the"), 60),
                words(&format!("What happened in story {i:02}: a"), 160),
            ),
        };
        let mut front = format!(
            "---\ntitle: \"{title}\"\ndate: {day}\ncategory: AI Technology\nparties: []\n\
             summary: \"{summary}\"\n"
        );
        if i == 0 {
            front.push_str("featured: true\n");
            let (image, alt) = match values {
                Values::Longest => (
                    format!("/images/{}.svg", "a".repeat(2_036)),
                    words("Alt", 500),
                ),
                Values::Plain => ("/default-image.png".to_owned(), "A film set".to_owned()),
            };
            front.push_str(&format!("image: \"{image}\"\nimage_alt: \"{alt}\"\n"));
        }
        site.write(
            &format!("content/week/story-{i:02}.md"),
            format!("{front}---\n\nThe body of story {i}.\n"),
        );
    }
}

#[test]
fn a_crowded_week_of_longest_values_stays_under_gmails_clip() {
    let site = Site::fixture("empty");
    write_week(&site, 75, Values::Longest);
    site.build(&["--base-url", BASE]).ok();
    let (week, page_url) = ("digest/2026-w27", format!("{BASE}digest/2026-w27/"));
    let html = site.read(&format!("{week}/email.html"));
    eprintln!("75 stories of longest values: {} bytes of HTML", html.len());
    assert!(html.len() < MAX_BYTES, "{} bytes", html.len());
    let links = check_html(&html, &page_url, week);
    let stories = digest_stories(&site, "2026-w27");
    assert_eq!(stories.len(), 75);
    // The first ten with deks cut at a word, the next fifty as links, the rest counted.
    let shown: Vec<&String> = stories.iter().filter(|s| links.contains(s)).collect();
    assert_eq!(shown.len(), 60, "{shown:?}");
    let doc = Html::parse_document(&html);
    let deks = texts(&doc, ".dek");
    assert_eq!(deks.len(), 10, "{deks:?}");
    for dek in &deks {
        assert!(
            dek.chars().count() <= 401 && dek.ends_with('…'),
            "a dek of {} characters: {dek}",
            dek.chars().count()
        );
    }
    let titles = texts(&doc, "h2 a");
    assert!(
        titles[0].starts_with("Story 00"),
        "the pick leads: {titles:?}"
    );
    assert!(
        texts(&doc, "a")
            .iter()
            .any(|t| t.starts_with("15 more stories")),
        "no link to the 15 stories left out"
    );
    let text = site.read(&format!("{week}/email.txt"));
    check_text(&text, "the crowded week's email.txt");
    let urls = stories
        .iter()
        .filter(|s| text.lines().any(|l| l.trim() == s.as_str()))
        .count();
    assert_eq!(urls, 60);
    assert!(text.contains("15 more stories this week"), "{text}");
}
