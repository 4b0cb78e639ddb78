//! Publication dates as writers type them: a plain `2026-07-05`, or RFC 3339 with a
//! time and an offset (`2026-07-05T09:30:00+02:00`). The date a reader sees is the
//! civil date in the writer's own offset, never shifted into UTC.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};

/// The length of [`PubDate::rfc3339`] (`2026-07-05T09:30:00+02:00`).
pub const RFC3339_LEN: usize = 25;

/// The years a publication date may fall in.
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=9999;

/// A moment of publication and the offset it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PubDate {
    /// The instant, for ordering and for feeds.
    pub timestamp: Timestamp,
    /// The writer's UTC offset (UTC for plain dates).
    pub offset: Offset,
}

impl PubDate {
    /// Parses a plain date or an RFC 3339 timestamp with an offset, in the years
    /// [`YEARS`] (RSS dates cannot go before 1900; four-digit years end at 9999).
    pub fn parse(text: &str) -> Result<PubDate, String> {
        let date = PubDate::parse_any(text.trim())?;
        let years = [
            date.date().year(),
            date.timestamp.to_zoned_datetime(TimeZone::UTC).year(),
        ];
        if years.iter().any(|y| !YEARS.contains(y)) {
            return Err(format!(
                "\"{}\" is out of range: dates must fall in the years {} to {}",
                text.trim(),
                YEARS.start(),
                YEARS.end()
            ));
        }
        Ok(date)
    }

    fn parse_any(text: &str) -> Result<PubDate, String> {
        if text.len() == 10 {
            let date: Date = text.parse().map_err(|_| impossible(text))?;
            let timestamp = date
                .to_zoned_datetime(TimeZone::UTC)
                .map_err(|_| impossible(text))?
                .timestamp();
            return Ok(PubDate {
                timestamp,
                offset: Offset::UTC,
            });
        }
        let timestamp: Timestamp = text.parse().map_err(|_| impossible(text))?;
        let offset =
            parse_offset(text).ok_or_else(|| format!("\"{text}\" has a time but no offset"))?;
        // jiff takes offsets up to 25:59; RFC 3339 (and every feed reader) stops at 23:59.
        if offset.seconds().abs() >= 24 * 3600 {
            return Err(impossible(text));
        }
        Ok(PubDate { timestamp, offset })
    }

    /// The civil date in the writer's offset, as readers see it.
    pub fn date(&self) -> Date {
        self.timestamp
            .to_zoned_datetime(TimeZone::fixed(self.offset))
            .date()
    }

    /// RFC 3339 in the writer's offset, for `<time datetime>`, Atom and sitemaps.
    pub fn rfc3339(&self) -> String {
        let mut out = String::with_capacity(RFC3339_LEN);
        self.write_rfc3339(&mut out);
        out
    }

    /// [`PubDate::rfc3339`], appended to `out`. Written digit by digit: a sitemap
    /// and every reassembly format one for each of 10,000 stories and 30,000
    /// pages, and `strftime` parses its pattern every time. Years are four digits
    /// ([`YEARS`]) and offsets whole minutes, as parsed; anything else goes
    /// through `strftime`.
    pub fn write_rfc3339(&self, out: &mut String) {
        let at = self.offset.to_datetime(self.timestamp);
        let offset = self.offset.seconds();
        if !(0..=9999).contains(&at.year()) || offset % 60 != 0 {
            let zoned = self
                .timestamp
                .to_zoned_datetime(TimeZone::fixed(self.offset));
            out.push_str(&zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
            return;
        }
        let two = |out: &mut String, n: i32| {
            out.push(char::from(b'0' + (n / 10) as u8));
            out.push(char::from(b'0' + (n % 10) as u8));
        };
        let year = i32::from(at.year());
        two(out, year / 100);
        two(out, year % 100);
        for (sep, n) in [('-', at.month()), ('-', at.day())] {
            out.push(sep);
            two(out, i32::from(n));
        }
        for (sep, n) in [('T', at.hour()), (':', at.minute()), (':', at.second())] {
            out.push(sep);
            two(out, i32::from(n));
        }
        out.push(if offset < 0 { '-' } else { '+' });
        let minutes = offset.abs() / 60;
        two(out, minutes / 60);
        out.push(':');
        two(out, minutes % 60);
    }

    /// RFC 2822, for RSS.
    pub fn rfc2822(&self) -> String {
        let zoned = self
            .timestamp
            .to_zoned_datetime(TimeZone::fixed(self.offset));
        zoned.strftime("%a, %d %b %Y %H:%M:%S %z").to_string()
    }

    /// The date as readers read it: "July 5, 2026".
    pub fn display(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        // `strftime("%B %-d, %Y")` wrote the same; every reassembly makes one for
        // each story, and `strftime` parses its pattern each time.
        let date = self.date();
        let month = MONTHS[usize::from(date.month().unsigned_abs()) - 1];
        format!("{month} {}, {}", date.day(), date.year())
    }
}

/// Why `text` is not a date, in a writer's words (the date library's own messages
/// speak of "four digit integers" and "parameters").
fn impossible(text: &str) -> String {
    format!("\"{text}\" is not a valid date: {}", why_not(text))
}

fn why_not(text: &str) -> String {
    let number = |range: std::ops::Range<usize>| -> Option<i16> {
        let digits = text.get(range)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let shape = text.as_bytes().get(4) == Some(&b'-') && text.as_bytes().get(7) == Some(&b'-');
    let (Some(year), Some(month), Some(day), true) =
        (number(0..4), number(5..7), number(8..10), shape)
    else {
        return "write it as YYYY-MM-DD, e.g. 2026-07-05".to_owned();
    };
    if !(1..=12).contains(&month) {
        return format!("there is no month {month} (months run from 01 to 12)");
    }
    if let Ok(first) = Date::new(year, month as i8, 1) {
        let days = first.days_in_month();
        if day < 1 || day > i16::from(days) {
            let name = first.strftime("%B %Y");
            return format!("{name} has {days} days");
        }
    }
    if text.len() == 10 {
        return "write it as YYYY-MM-DD, e.g. 2026-07-05".to_owned();
    }
    let clock = [number(11..13), number(14..16)];
    match clock {
        [Some(hour), _] if hour > 23 => {
            format!("there is no hour {hour} (hours run from 00 to 23)")
        }
        [_, Some(minute)] if minute > 59 => format!("there is no minute {minute}"),
        _ if bad_offset(text).is_some() => format!(
            "{} is not a UTC offset (offsets run from -23:59 to +23:59)",
            bad_offset(text).unwrap_or_default()
        ),
        _ => "write a time with its offset, e.g. 2026-07-05T09:30:00+02:00 or 2026-07-05T07:30:00Z"
            .to_owned(),
    }
}

/// An offset written after the time (`+25:00`) whose hours or minutes are out of
/// range, as written.
fn bad_offset(text: &str) -> Option<&str> {
    let time = text.get(11..)?;
    let at = time.rfind(['+', '-'])?;
    let offset = time[at..].split('[').next()?;
    let digits: String = offset[1..].chars().filter(char::is_ascii_digit).collect();
    let hours: u32 = digits.get(..2)?.parse().ok()?;
    let minutes: u32 = digits.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
    (hours > 23 || minutes > 59).then_some(offset)
}

/// The UTC offset written at the end of an RFC 3339 / ISO 8601 timestamp: `Z`,
/// `+02:00` or `+0200`, before any `[Zone/Name]` annotation.
fn parse_offset(text: &str) -> Option<Offset> {
    let text = match text.find('[') {
        Some(i) => &text[..i],
        None => text,
    };
    if text.ends_with(['Z', 'z']) {
        return Some(Offset::UTC);
    }
    let (sign_at, minutes_at) = if text.get(text.len().checked_sub(3)?..)?.starts_with(':') {
        (text.len().checked_sub(6)?, text.len() - 2)
    } else {
        (text.len().checked_sub(5)?, text.len() - 2)
    };
    let sign = match text.as_bytes().get(sign_at)? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i32 = text.get(sign_at + 1..sign_at + 3)?.parse().ok()?;
    let minutes: i32 = text.get(minutes_at..)?.parse().ok()?;
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digits written by hand are `strftime`'s, for offsets east and west,
    /// around midnight and year ends, and across the years a date may take.
    #[test]
    fn rfc3339_by_hand_is_strftimes() {
        let mut checked = 0;
        for year in [1900, 1969, 1999, 2000, 2026, 9999] {
            for text in [
                "01-01T00:00:00",
                "12-31T23:59:59",
                "07-05T09:30:07",
                "02-28T12:00:00",
            ] {
                for offset in [
                    "Z", "+00:00", "+02:00", "-05:30", "+23:59", "-23:59", "+14:00",
                ] {
                    let Ok(date) = PubDate::parse(&format!("{year}-{text}{offset}")) else {
                        continue; // outside the years, once shifted into UTC
                    };
                    let zoned = date
                        .timestamp
                        .to_zoned_datetime(TimeZone::fixed(date.offset));
                    let expected = zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
                    assert_eq!(date.rfc3339(), expected);
                    assert_eq!(expected.len(), RFC3339_LEN);
                    checked += 1;
                }
            }
        }
        assert!(checked > 150, "{checked}");
    }

    #[test]
    fn the_display_date_is_strftimes() {
        for month in 1..=12 {
            for day in [1, 9, 10, 28] {
                let date = PubDate::parse(&format!("2026-{month:02}-{day:02}")).unwrap();
                let expected = date.date().strftime("%B %-d, %Y").to_string();
                assert_eq!(date.display(), expected);
            }
        }
    }

    #[test]
    fn plain_dates_are_utc_midnight() {
        let d = PubDate::parse("2026-07-05").unwrap();
        assert_eq!(d.rfc3339(), "2026-07-05T00:00:00+00:00");
        assert_eq!(d.display(), "July 5, 2026");
    }

    #[test]
    fn offsets_keep_the_writers_date() {
        let d = PubDate::parse("2026-07-05T23:30:00-07:00").unwrap();
        assert_eq!(d.date(), jiff::civil::date(2026, 7, 5));
        assert_eq!(d.rfc3339(), "2026-07-05T23:30:00-07:00");
        assert_eq!(d.rfc2822(), "Sun, 05 Jul 2026 23:30:00 -0700");
    }

    #[test]
    fn offsets_in_every_written_form() {
        for text in [
            "2026-07-05T10:00:00+02:00",
            "2026-07-05T10:00:00+0200",
            "2026-07-05T10:00:00+02:00[Europe/Paris]",
        ] {
            let d = PubDate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(d.rfc3339(), "2026-07-05T10:00:00+02:00", "{text}");
        }
        assert_eq!(
            PubDate::parse("2026-07-05T10:00:00Z").unwrap().rfc3339(),
            "2026-07-05T10:00:00+00:00"
        );
    }

    #[test]
    fn impossible_dates_are_explained_in_plain_words() {
        for (text, why) in [
            ("20x6-07-05", "write it as YYYY-MM-DD"),
            ("2026-13-45", "there is no month 13"),
            ("2026-02-30", "February 2026 has 28 days"),
            ("2028-02-30", "February 2028 has 29 days"),
            ("2026-07-05T25:00:00Z", "there is no hour 25"),
            ("2026-07-05T10:75:00Z", "there is no minute 75"),
            ("2026-07-05 at ten", "write a time with its offset"),
            ("2026-07-05T10:00:00+25:00", "+25:00 is not a UTC offset"),
            ("2026-07-05T10:00:00-30:00", "-30:00 is not a UTC offset"),
            ("July 5", "write it as YYYY-MM-DD"),
        ] {
            let message = PubDate::parse(text).unwrap_err();
            assert!(message.contains(why), "{text}: {message}");
            assert!(
                !message.contains("integer") && !message.contains("parameter"),
                "{message}"
            );
        }
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(PubDate::parse("2026-02-30").is_err());
        assert!(PubDate::parse("2026-13-01").is_err());
        assert!(PubDate::parse("yesterday").is_err());
        assert!(PubDate::parse("2026-07-05T10:00:00").is_err());
        assert!(PubDate::parse("0000-01-01").is_err());
        assert!(PubDate::parse("1899-12-31").is_err());
        assert!(PubDate::parse("9999-12-31T23:00:00-05:00").is_err());
        assert!(PubDate::parse("1900-01-01").is_ok());
    }
}
