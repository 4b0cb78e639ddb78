//! `smartpicks check` lists the stories scheduled to go live (dated after `--now`,
//! not drafts), soonest first, with when the next one is due: a section of the text
//! output and the last line of `--format json`.

use crate::harness::{NOW, Site};

/// A valid story with sources, dated `date`, in `content/<name>`.
fn story(site: &Site, name: &str, title: &str, date: &str, draft: bool) {
    let draft = if draft { "draft: true\n" } else { "" };
    site.write(
        &format!("content/{name}"),
        format!(
            "---\ntitle: \"{title}\"\ndate: {date}\ncategory: AI Technology\nparties: []\n{draft}sources:\n  - title: \"The announcement\"\n    url: \"https://example.org/news\"\n---\nText.\n"
        ),
    );
}

/// The fixture with two stories scheduled (the later one first by file name, and
/// written with an offset) and a draft due before both, which builds leave out even
/// when its date has come.
fn scheduled_site() -> Site {
    let site = Site::fixture("authoring");
    story(
        &site,
        "a-later.md",
        "Later: studio deal",
        "2026-11-25T09:30:00+01:00",
        false,
    );
    story(
        &site,
        "b-sooner.md",
        "Sooner: model release",
        "2026-11-24T15:20:00Z",
        false,
    );
    story(
        &site,
        "c-draft.md",
        "Draft due first",
        "2026-11-24T13:00:00Z",
        true,
    );
    site
}

/// The text `check --now <now>` prints from its schedule section on (the section
/// and the count line); `None` when it prints no schedule section.
fn schedule_text(site: &Site, now: &str) -> Option<String> {
    let out = site.run(&["check", "--now", now]).ok().stdout();
    let start = out.find("Scheduled")?;
    Some(out[start..].to_owned())
}

/// The last line of `check --now <now> --format json` when it lists a schedule, and
/// asserts that every line before it is a finding.
fn schedule_json(site: &Site, now: &str) -> Option<serde_json::Value> {
    let out = site
        .run(&["check", "--now", now, "--format", "json"])
        .ok()
        .stdout();
    let mut lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let last = lines.pop_if(|v| v.get("scheduled").is_some());
    for v in &lines {
        assert!(
            v["code"].is_string() && v.get("scheduled").is_none(),
            "{out}"
        );
    }
    last
}

#[test]
fn text_lists_scheduled_stories_soonest_first_with_when_the_next_is_due() {
    let site = scheduled_site();
    // The draft, due before both, is not listed: builds leave it out.
    assert_eq!(
        schedule_text(&site, NOW).unwrap(),
        "Scheduled, soonest first:\n\
         \x20 Sooner: model release (content/b-sooner.md)\n\
         \x20   goes live November 24, 2026 at 15:20 +00:00, 2026-11-24T15:20:00Z\n\
         \x20 Later: studio deal (content/a-later.md)\n\
         \x20   goes live November 25, 2026 at 09:30 +01:00, 2026-11-25T08:30:00Z\n\
         The next one goes live in 3 h 20 min.\n\
         0 errors, 4 warnings\n"
    );
}

#[test]
fn json_ends_with_the_scheduled_stories_soonest_first() {
    let site = scheduled_site();
    let line = site
        .run(&["check", "--now", NOW, "--format", "json"])
        .ok()
        .stdout();
    let line = line.lines().last().unwrap();
    assert_eq!(
        line,
        r#"{"scheduled":[{"title":"Sooner: model release","file":"content/b-sooner.md","date":"2026-11-24T15:20:00Z"},{"title":"Later: studio deal","file":"content/a-later.md","date":"2026-11-25T08:30:00Z"}]}"#
    );
    assert!(schedule_json(&site, NOW).is_some());
}

#[test]
fn the_schedule_counts_from_now() {
    let site = scheduled_site();
    // Once the sooner story's moment has come, only the later one is left.
    let after_first = "2026-11-24T15:20:00Z";
    let text = schedule_text(&site, after_first).unwrap();
    assert!(
        text.starts_with("Scheduled, soonest first:\n  Later: studio deal (content/a-later.md)\n"),
        "{text}"
    );
    assert!(
        text.contains("The next one goes live in 17 h 10 min.\n"),
        "{text}"
    );
    let json = schedule_json(&site, after_first).unwrap();
    let files: Vec<&str> = json["scheduled"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["content/a-later.md"]);
}

#[test]
fn nothing_is_listed_when_nothing_is_scheduled() {
    // The fixture's one story is published; a draft with a future date is not
    // scheduled (a build would not publish it when its date comes).
    let site = Site::fixture("authoring");
    story(&site, "draft.md", "Draft", "2026-11-24T13:00:00Z", true);
    assert_eq!(schedule_text(&site, NOW), None);
    assert_eq!(schedule_json(&site, NOW), None);
    // After every scheduled moment has passed, nothing is left to list either.
    let site = scheduled_site();
    let later = "2026-11-25T08:30:00Z";
    assert_eq!(schedule_text(&site, later), None);
    assert_eq!(schedule_json(&site, later), None);
    let out = site.run(&["check", "--now", later]).ok().stdout();
    assert_eq!(out.lines().last(), Some("0 errors, 1 warning"), "{out}");
}
