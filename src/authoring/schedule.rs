//! The stories `check` finds scheduled: dated after now and not drafts, so builds
//! leave them out until their moment comes and then publish them unasked. Listing
//! them soonest first, with how long until the next, tells an editor what the next
//! rebuild will publish and whether a scheduled rebuild (docs/publishing.md) comes
//! in time for it.

use std::path::PathBuf;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::warnings::Checked;
use crate::content::PubDate;

/// A story that goes live later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    /// The headline.
    pub title: String,
    /// The file, relative to the site root.
    pub file: PathBuf,
    /// The moment it goes live, in the offset the writer gave it.
    pub date: PubDate,
}

impl Scheduled {
    /// The moment as the site shows the date (the writer's offset), with the clock
    /// time the date alone leaves out: `November 24, 2026 at 15:20 +01:00`.
    pub fn local(&self) -> String {
        self.date
            .timestamp
            .to_zoned_datetime(TimeZone::fixed(self.date.offset))
            .strftime("%B %-d, %Y at %H:%M %:z")
            .to_string()
    }

    /// The moment in UTC, RFC 3339: `2026-11-24T14:20:00Z`.
    pub fn utc(&self) -> String {
        self.date
            .timestamp
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string()
    }
}

/// The valid stories dated after `now` that are not drafts, soonest first (then by
/// title and file, so the order never depends on the order files were read in).
pub(super) fn scheduled(stories: &[Checked], now: Timestamp) -> Vec<Scheduled> {
    let mut out: Vec<Scheduled> = stories
        .iter()
        .map(|c| &c.story)
        .filter(|s| !s.front.draft && s.front.date.timestamp > now)
        .map(|s| Scheduled {
            title: s.front.title.clone(),
            file: s.path.clone(),
            date: s.front.date,
        })
        .collect();
    out.sort_by(|a, b| {
        (a.date.timestamp, &a.title, &a.file).cmp(&(b.date.timestamp, &b.title, &b.file))
    });
    out
}

/// The text section `check` prints: each story with its title, file and moment,
/// then when the next one is due. Empty when nothing is scheduled.
pub(super) fn to_text(scheduled: &[Scheduled], now: Timestamp) -> String {
    let Some(next) = scheduled.first() else {
        return String::new();
    };
    let mut out = String::from("Scheduled, soonest first:\n");
    for s in scheduled {
        out.push_str(&format!(
            "  {} ({})\n    goes live {}, {}\n",
            s.title,
            s.file.display(),
            s.local(),
            s.utc()
        ));
    }
    out.push_str(&format!(
        "The next one goes live {}.\n",
        until(now, next.date.timestamp)
    ));
    out
}

/// The last line of `check --format json`, with its keys in this order.
#[derive(serde::Serialize)]
struct JsonSchedule<'a> {
    scheduled: Vec<JsonScheduled<'a>>,
}

/// One scheduled story in `check --format json`.
#[derive(serde::Serialize)]
struct JsonScheduled<'a> {
    title: &'a str,
    file: String,
    date: String,
}

/// The JSON line `check --format json` ends with when something is scheduled:
/// `{"scheduled":[{"title","file","date"}, ...]}`, soonest first, `date` in RFC 3339
/// in UTC (`Z`), so scripts compare moments as strings and `jq`'s
/// `fromdateiso8601` reads them. Empty when nothing is scheduled.
pub(super) fn to_json(scheduled: &[Scheduled]) -> String {
    if scheduled.is_empty() {
        return String::new();
    }
    let scheduled = scheduled
        .iter()
        .map(|s| JsonScheduled {
            title: &s.title,
            file: s.file.to_string_lossy().replace('\\', "/"),
            date: s.utc(),
        })
        .collect();
    let line = serde_json::to_string(&JsonSchedule { scheduled }).expect("a schedule serialises");
    format!("{line}\n")
}

/// How long from `now` until `then`, in whole units counted down (`in 3 h 20 min`,
/// `in 2 d 4 h`, `in 45 min`, `in less than a minute`): the largest unit that is
/// not zero and the next one when it is not zero either. Minutes are cut, not
/// rounded, so the story is never said to be due later than it is.
pub(super) fn until(now: Timestamp, then: Timestamp) -> String {
    let minutes = (then.as_second() - now.as_second()).max(0) / 60;
    if minutes == 0 {
        return "in less than a minute".to_owned();
    }
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let units = [(days, "d"), (hours, "h"), (mins, "min")];
    let first = units.iter().position(|(n, _)| *n > 0).unwrap_or(2);
    let mut out = format!("in {} {}", units[first].0, units[first].1);
    if let Some((n, unit)) = units.get(first + 1)
        && *n > 0
    {
        out.push_str(&format!(" {n} {unit}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn says_how_long_until_in_the_two_largest_units() {
        let now = at("2026-11-24T12:00:00Z");
        let cases = [
            ("2026-11-24T12:00:59Z", "in less than a minute"),
            ("2026-11-24T12:01:00Z", "in 1 min"),
            ("2026-11-24T12:45:30Z", "in 45 min"),
            ("2026-11-24T13:00:00Z", "in 1 h"),
            ("2026-11-24T15:20:59Z", "in 3 h 20 min"),
            ("2026-11-25T12:00:00Z", "in 1 d"),
            ("2026-11-26T16:05:00Z", "in 2 d 4 h"),
            ("2026-11-26T12:05:00Z", "in 2 d"),
            ("2027-11-24T12:00:00Z", "in 365 d"),
        ];
        for (then, expected) in cases {
            assert_eq!(until(now, at(then)), expected, "{then}");
        }
    }

    #[test]
    fn shows_the_writers_offset_and_utc() {
        let s = Scheduled {
            title: "T".into(),
            file: "content/t.md".into(),
            date: PubDate::parse("2026-11-24T15:20:00+01:00").unwrap(),
        };
        assert_eq!(s.local(), "November 24, 2026 at 15:20 +01:00");
        assert_eq!(s.utc(), "2026-11-24T14:20:00Z");
        let plain = Scheduled {
            date: PubDate::parse("2026-12-01").unwrap(),
            ..s
        };
        assert_eq!(plain.local(), "December 1, 2026 at 00:00 +00:00");
        assert_eq!(plain.utc(), "2026-12-01T00:00:00Z");
    }
}
