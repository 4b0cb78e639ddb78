//! Which URLs are videos an embed can play: YouTube and Vimeo, in the forms their
//! share buttons, address bars and embed codes give, with any start time. Ids are
//! validated strictly (a YouTube id is 11 of `A-Z a-z 0-9 _ -`, a Vimeo id digits),
//! because the player's address is later made from them: nothing a writer types can
//! reach the iframe but a validated id and a number of seconds. The theme's
//! `embed.js` checks the same patterns again before it builds an iframe.

use url::Url;

/// The most seconds a start time may give (a little over eleven days): six digits,
/// the bound `embed.js` checks too.
pub const MAX_START: u32 = 999_999;

/// Who hosts a video.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// youtube.com, played from youtube-nocookie.com.
    YouTube,
    /// vimeo.com, played with `dnt=1`.
    Vimeo,
}

impl Provider {
    /// The host's name as readers know it.
    pub fn name(self) -> &'static str {
        match self {
            Provider::YouTube => "YouTube",
            Provider::Vimeo => "Vimeo",
        }
    }

    /// The prefix of `data-embed` (`youtube:ID`), which `embed.js` reads.
    pub fn key(self) -> &'static str {
        match self {
            Provider::YouTube => "youtube",
            Provider::Vimeo => "vimeo",
        }
    }
}

/// A video an embed can play: its host, validated id, an unlisted Vimeo video's
/// hash, and where to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Video {
    /// Who hosts it.
    pub provider: Provider,
    /// The id, validated for its provider.
    pub id: String,
    /// An unlisted Vimeo video's hash (`vimeo.com/ID/HASH`), lower-case hex.
    pub hash: Option<String>,
    /// Seconds into the video to start at.
    pub start: Option<u32>,
}

impl Video {
    /// The video a URL names, or `None` when it is not a YouTube or Vimeo video URL
    /// with a valid id. A start time that does not read is left out, as the sites
    /// themselves ignore it.
    pub fn parse(url: &str) -> Option<Video> {
        let url = Url::parse(url).ok()?;
        if !matches!(url.scheme(), "http" | "https")
            || url.port().is_some()
            || !url.username().is_empty()
            || url.password().is_some()
        {
            return None;
        }
        let host = url.host_str()?;
        let segments: Vec<&str> = url
            .path_segments()?
            .filter(|segment| !segment.is_empty())
            .collect();
        match host {
            "youtube.com" | "www.youtube.com" | "m.youtube.com" => youtube(&url, &segments),
            "youtube-nocookie.com" | "www.youtube-nocookie.com" => match segments[..] {
                ["embed", id] => youtube_video(&url, id),
                _ => None,
            },
            "youtu.be" => match segments[..] {
                [id] => youtube_video(&url, id),
                _ => None,
            },
            "vimeo.com" | "www.vimeo.com" => match segments[..] {
                [id] => vimeo_video(&url, id, None),
                [id, hash] => vimeo_video(&url, id, Some(hash)),
                _ => None,
            },
            "player.vimeo.com" => match segments[..] {
                ["video", id] => vimeo_video(&url, id, query(&url, "h").as_deref()),
                _ => None,
            },
            _ => None,
        }
    }

    /// The video's own page, where the no-script link goes: it loads nothing from
    /// the host until the reader follows it.
    pub fn page_url(&self) -> String {
        match self.provider {
            Provider::YouTube => {
                let mut url = format!("https://www.youtube.com/watch?v={}", self.id);
                if let Some(start) = self.start {
                    url.push_str(&format!("&t={start}s"));
                }
                url
            }
            Provider::Vimeo => {
                let mut url = format!("https://vimeo.com/{}", self.id);
                if let Some(hash) = &self.hash {
                    url.push('/');
                    url.push_str(hash);
                }
                if let Some(start) = self.start {
                    url.push_str(&format!("#t={start}s"));
                }
                url
            }
        }
    }
}

/// `youtube.com/watch?v=ID`, `/shorts/ID`, `/embed/ID`, `/live/ID`.
fn youtube(url: &Url, segments: &[&str]) -> Option<Video> {
    match segments {
        ["watch"] => youtube_video(url, &query(url, "v")?),
        ["shorts" | "embed" | "live", id] => youtube_video(url, id),
        _ => None,
    }
}

fn youtube_video(url: &Url, id: &str) -> Option<Video> {
    let valid = id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    valid.then(|| Video {
        provider: Provider::YouTube,
        id: id.to_owned(),
        hash: None,
        start: query(url, "t")
            .or_else(|| query(url, "start"))
            .and_then(|t| parse_start(&t)),
    })
}

fn vimeo_video(url: &Url, id: &str, hash: Option<&str>) -> Option<Video> {
    let valid_id = (1..=12).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit());
    let valid_hash = hash.is_none_or(|h| {
        (1..=32).contains(&h.len()) && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    });
    let start = url
        .fragment()
        .and_then(|f| f.split('&').find_map(|p| p.strip_prefix("t=")))
        .and_then(parse_start);
    (valid_id && valid_hash).then(|| Video {
        provider: Provider::Vimeo,
        id: id.to_owned(),
        hash: hash.map(str::to_owned),
        start,
    })
}

/// The first value of a query parameter.
fn query(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// A start time as seconds: `90`, `90s`, `1m30s`, `1h2m3s` (as in video URLs) or
/// `1:30`, `1:02:03` (as writers note it). `None` when it does not read or is past
/// [`MAX_START`].
pub fn parse_start(text: &str) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let seconds = if text.contains(':') {
        clock(text)?
    } else if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()?
    } else {
        units(text)?
    };
    (seconds <= u64::from(MAX_START)).then_some(seconds as u32)
}

/// `1:30`, `1:02:03`: minutes and seconds, hours first when there are three parts.
fn clock(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut total = 0u64;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() || part.len() > 6 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u64 = part.parse().ok()?;
        if i > 0 && n >= 60 {
            return None;
        }
        total = total * 60 + n;
    }
    Some(total)
}

/// `1h2m3s`, `90s`, `2m`: each unit at most once, in that order.
fn units(text: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut digits = String::new();
    let mut last_unit = 0;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if digits.len() == 6 {
                return None;
            }
            digits.push(c);
            continue;
        }
        let (rank, scale) = match c {
            'h' => (1, 3600),
            'm' => (2, 60),
            's' => (3, 1),
            _ => return None,
        };
        if digits.is_empty() || rank <= last_unit {
            return None;
        }
        total += digits.parse::<u64>().ok()? * scale;
        digits.clear();
        last_unit = rank;
    }
    digits.is_empty().then_some(total)
}

#[cfg(test)]
mod tests;
