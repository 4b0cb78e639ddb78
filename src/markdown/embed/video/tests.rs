//! Which URLs are videos, and their start times.

use super::*;

const ID: &str = "aqz-KE-bpKQ";

fn youtube(url: &str) -> Option<(String, Option<u32>)> {
    Video::parse(url)
        .filter(|v| v.provider == Provider::YouTube)
        .map(|v| (v.id, v.start))
}

fn vimeo(url: &str) -> Option<(String, Option<String>, Option<u32>)> {
    Video::parse(url)
        .filter(|v| v.provider == Provider::Vimeo)
        .map(|v| (v.id, v.hash, v.start))
}

#[test]
fn every_youtube_form_is_recognised() {
    for url in [
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "https://youtube.com/watch?v=aqz-KE-bpKQ",
        "http://m.youtube.com/watch?feature=share&v=aqz-KE-bpKQ",
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ&list=PL123&si=abc",
        "https://youtu.be/aqz-KE-bpKQ",
        "https://youtu.be/aqz-KE-bpKQ?si=Share123",
        "https://www.youtube.com/shorts/aqz-KE-bpKQ",
        "https://www.youtube.com/embed/aqz-KE-bpKQ",
        "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ",
        "https://www.youtube.com/live/aqz-KE-bpKQ",
        "HTTPS://WWW.YouTube.com/watch?v=aqz-KE-bpKQ",
        "https://www.youtube.com/shorts/aqz-KE-bpKQ/",
    ] {
        assert_eq!(youtube(url), Some((ID.to_owned(), None)), "{url}");
    }
}

#[test]
fn every_vimeo_form_is_recognised() {
    assert_eq!(
        vimeo("https://vimeo.com/76979871"),
        Some(("76979871".into(), None, None))
    );
    assert_eq!(
        vimeo("https://www.vimeo.com/76979871/"),
        Some(("76979871".into(), None, None))
    );
    assert_eq!(
        vimeo("https://vimeo.com/76979871/8a3b2c1d0e"),
        Some(("76979871".into(), Some("8a3b2c1d0e".into()), None))
    );
    assert_eq!(
        vimeo("https://player.vimeo.com/video/76979871?h=8a3b2c1d0e&title=0"),
        Some(("76979871".into(), Some("8a3b2c1d0e".into()), None))
    );
    assert_eq!(
        vimeo("https://vimeo.com/76979871#t=1m30s"),
        Some(("76979871".into(), None, Some(90)))
    );
}

#[test]
fn start_times_are_kept() {
    let start = |url: &str| Video::parse(url).and_then(|v| v.start);
    assert_eq!(start("https://youtu.be/aqz-KE-bpKQ?t=90"), Some(90));
    assert_eq!(
        start("https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=1m30s"),
        Some(90)
    );
    assert_eq!(
        start("https://www.youtube.com/embed/aqz-KE-bpKQ?start=75"),
        Some(75)
    );
    assert_eq!(start("https://youtu.be/aqz-KE-bpKQ?t=1h0m5s"), Some(3605));
    assert_eq!(start("https://player.vimeo.com/video/1#t=42s"), Some(42));
    // A start time that does not read is ignored, as the sites ignore it.
    assert_eq!(start("https://youtu.be/aqz-KE-bpKQ?t=soon"), None);
    assert!(Video::parse("https://youtu.be/aqz-KE-bpKQ?t=soon").is_some());
}

#[test]
fn start_time_forms() {
    for (text, seconds) in [
        ("90", Some(90)),
        ("90s", Some(90)),
        ("2m", Some(120)),
        ("1m30s", Some(90)),
        ("1h2m3s", Some(3723)),
        ("1:30", Some(90)),
        ("01:02:03", Some(3723)),
        ("999999", Some(999_999)),
        ("1000000", None),
        ("1:60", None),
        ("1:2:3:4", None),
        ("30s1m", None),
        ("1m1m", None),
        ("-5", None),
        ("5 s", None),
        ("", None),
        ("s", None),
        ("1.5", None),
    ] {
        assert_eq!(parse_start(text), seconds, "{text:?}");
    }
}

#[test]
fn ids_with_other_characters_are_refused() {
    for url in [
        "https://youtu.be/aqz-KE-bpK",                     // 10 characters
        "https://youtu.be/aqz-KE-bpKQQ",                   // 12
        "https://youtu.be/aqz-KE-bp%22",                   // a quote, encoded
        "https://www.youtube.com/watch?v=aqz-KE-b%22Q",    // a quote, decoded
        "https://www.youtube.com/watch?v=aqz-KE-bp&Q",     // cut short
        "https://www.youtube.com/watch?v=aqz-KE-bpK%3F",   // a question mark
        "https://www.youtube.com/watch?v=aqz%20KE-bpKQ",   // a space
        "https://www.youtube.com/watch?v=%C3%A9qz-KE-bpK", // not ASCII
        "https://vimeo.com/7697987a",                      // not digits
        "https://vimeo.com/1234567890123",                 // 13 digits
        "https://vimeo.com/76979871/8A3B",                 // hash not lower-case hex
        "https://vimeo.com/76979871/x%22onload",           // hash with a quote
        "https://player.vimeo.com/video/76979871?h=zz",    // hash not hex
    ] {
        assert_eq!(Video::parse(url), None, "{url}");
    }
}

#[test]
fn other_urls_are_not_videos() {
    for url in [
        "https://example.org/watch?v=aqz-KE-bpKQ",
        "https://www.youtube.com/@channel",
        "https://www.youtube.com/watch",
        "https://www.youtube.com/playlist?list=PL123",
        "https://www.youtube.com/aqz-KE-bpKQ",
        "https://youtu.be/",
        "https://youtu.be/aqz-KE-bpKQ/more",
        "https://youtube.com.evil.example/watch?v=aqz-KE-bpKQ",
        "https://evil.example/?u=https://youtu.be/aqz-KE-bpKQ",
        "https://user@youtu.be/aqz-KE-bpKQ",
        "https://youtu.be:8443/aqz-KE-bpKQ",
        "javascript:https://youtu.be/aqz-KE-bpKQ",
        "ftp://youtu.be/aqz-KE-bpKQ",
        "//youtu.be/aqz-KE-bpKQ",
        "youtu.be/aqz-KE-bpKQ",
        "https://vimeo.com/channels/staffpicks",
        "https://vimeo.com/",
        "https://player.vimeo.com/76979871",
        "https://music.example/vimeo.com/76979871",
    ] {
        assert_eq!(Video::parse(url), None, "{url}");
    }
}

#[test]
fn page_urls_keep_the_start_time() {
    let video = Video::parse("https://youtu.be/aqz-KE-bpKQ?t=90").unwrap();
    assert_eq!(
        video.page_url(),
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=90s"
    );
    let video = Video::parse("https://vimeo.com/76979871/8a3b2c1d0e#t=5").unwrap();
    assert_eq!(
        video.page_url(),
        "https://vimeo.com/76979871/8a3b2c1d0e#t=5s"
    );
}
