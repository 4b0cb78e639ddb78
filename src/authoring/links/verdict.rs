//! What an answer means for a link, with no network in sight: which statuses are a
//! page, which are a redirect to follow or a refused `HEAD` to try again with `GET`,
//! which are dead; and every way a link can fail, in plain words with a hint.

use std::fmt;
use std::time::Duration;

/// The request method of one try. `HEAD` comes first: it asks for no body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Headers only.
    Head,
    /// The whole page (its body is never read).
    Get,
}

/// What to do after one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The link leads to a page.
    Alive,
    /// A redirect: ask where its `Location` points.
    Follow,
    /// The server refuses `HEAD` (some do, with 405, 403 or 501): ask again with `GET`.
    RetryWithGet,
    /// The link is dead with this status.
    Dead,
}

/// What an answer with `status` to a request by `method` means. Any error status
/// to `HEAD` is asked again with `GET`.
///
/// 401, 403 and 429 (a login wall, a door closed to robots, a rate limit) are not
/// dead once `GET` got them too: the server answered for the page, and a reader's
/// browser is usually let in. Every other status of 400 and up is dead, server errors
/// (5xx) included: a link to a failing server is worth a look before publishing.
pub fn step(method: Method, status: u16) -> Step {
    match status {
        200..=299 => Step::Alive,
        300..=399 => Step::Follow,
        // Servers answer `HEAD` carelessly (404, 400, 500 for pages that exist):
        // only what `GET` gets counts against a link.
        400.. if method == Method::Head => Step::RetryWithGet,
        401 | 403 | 429 => Step::Alive,
        _ => Step::Dead,
    }
}

/// Why a link is dead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The server answered with a status that is not a page.
    Status(u16),
    /// A redirect without a `Location` to follow.
    RedirectNowhere(u16),
    /// More redirects than the limit, still redirecting.
    TooManyRedirects(usize),
    /// No answer before the timeout.
    Timeout(Duration),
    /// The host name does not resolve.
    CannotResolve(String),
    /// Nothing listens on the host's port.
    Refused,
    /// The server closed the connection without an answer.
    Closed,
    /// The secure connection failed (an expired or wrong certificate, ...).
    Tls(String),
    /// The URL cannot be requested as written.
    InvalidUrl(String),
    /// Any other failure, in the HTTP client's words.
    Other(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Status(status) => match reason(*status) {
                Some(reason) => write!(f, "{status} {reason}"),
                None => write!(f, "status {status}"),
            },
            Failure::RedirectNowhere(status) => {
                write!(f, "{status}, a redirect that does not say where to")
            }
            Failure::TooManyRedirects(limit) => write!(f, "more than {limit} redirects"),
            Failure::Timeout(after) => write!(f, "no answer within {}", seconds(*after)),
            Failure::CannotResolve(host) => write!(f, "cannot resolve host {host}"),
            Failure::Refused => f.write_str("the server refused the connection"),
            Failure::Closed => f.write_str("the server closed the connection without an answer"),
            Failure::Tls(e) => write!(f, "the secure connection failed ({e})"),
            Failure::InvalidUrl(e) => write!(f, "not a URL that can be requested ({e})"),
            Failure::Other(e) => write!(f, "the request failed ({e})"),
        }
    }
}

impl Failure {
    /// How a writer fixes a link that failed this way.
    pub fn hint(&self) -> &'static str {
        match self {
            Failure::Status(404 | 410) => {
                "the page is gone: link to where it moved, or to an archived copy"
            }
            Failure::Status(500..=599) => {
                "the server failed; if the page opens in a browser later, it was passing, \
                 otherwise replace the link"
            }
            Failure::Status(_) | Failure::RedirectNowhere(_) | Failure::TooManyRedirects(_) => {
                "open the link in a browser and link to the page it should show"
            }
            Failure::Timeout(_) => {
                "open the link in a browser; for a slow server, raise --link-timeout"
            }
            Failure::CannotResolve(_) => {
                "check the spelling of the domain; if it is gone, link to an archived copy"
            }
            Failure::InvalidUrl(_) => "correct the URL",
            Failure::Refused | Failure::Closed | Failure::Tls(_) | Failure::Other(_) => {
                "open the link in a browser; if it fails there too, replace it"
            }
        }
    }
}

/// A dead link: why, and where its redirects led when it was redirected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dead {
    /// What went wrong, at the last URL asked.
    pub failure: Failure,
    /// The last URL asked when redirects were followed to it.
    pub redirected_to: Option<String>,
}

impl Dead {
    /// How a writer fixes the link.
    pub fn hint(&self) -> &'static str {
        match (&self.failure, &self.redirected_to) {
            (Failure::Status(404 | 410), Some(_)) => {
                "the address now forwards to a missing page: link to where the content \
                 lives now, or to an archived copy"
            }
            (failure, _) => failure.hint(),
        }
    }
}

impl fmt::Display for Dead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.redirected_to {
            Some(to) => write!(f, "redirected to {to}, then {}", self.failure),
            None => self.failure.fmt(f),
        }
    }
}

/// The reason phrase of a status (`Not Found` for 404), when it has a standard one.
fn reason(status: u16) -> Option<&'static str> {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
}

/// `10 s`, or `1.5 s` for a fraction.
fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_pages_redirects_retries_or_dead() {
        use Method::{Get, Head};
        assert_eq!(step(Head, 200), Step::Alive);
        assert_eq!(step(Head, 204), Step::Alive);
        for status in [301, 302, 303, 307, 308] {
            assert_eq!(step(Head, status), Step::Follow, "{status}");
        }
        for status in [400, 403, 404, 405, 410, 500, 501, 503] {
            assert_eq!(step(Head, status), Step::RetryWithGet, "{status}");
        }
        assert_eq!(step(Get, 405), Step::Dead);
        assert_eq!(step(Get, 501), Step::Dead);
        for status in [401, 403, 429] {
            assert_eq!(step(Get, status), Step::Alive, "{status}");
        }
        for status in [400, 404, 410, 500, 502, 503, 999] {
            assert_eq!(step(Get, status), Step::Dead, "{status}");
        }
    }

    #[test]
    fn failures_read_as_plain_words() {
        assert_eq!(Failure::Status(404).to_string(), "404 Not Found");
        assert_eq!(Failure::Status(999).to_string(), "status 999");
        assert_eq!(
            Failure::Timeout(Duration::from_secs(10)).to_string(),
            "no answer within 10 s"
        );
        assert_eq!(
            Failure::Timeout(Duration::from_millis(1500)).to_string(),
            "no answer within 1.5 s"
        );
        assert_eq!(
            Failure::CannotResolve("news.example".into()).to_string(),
            "cannot resolve host news.example"
        );
        let dead = Dead {
            failure: Failure::Status(404),
            redirected_to: Some("https://e.org/gone".into()),
        };
        assert_eq!(
            dead.to_string(),
            "redirected to https://e.org/gone, then 404 Not Found"
        );
        assert!(dead.hint().contains("forwards to a missing page"));
        assert!(Failure::Status(410).hint().contains("archived copy"));
        assert!(
            Failure::Timeout(Duration::from_secs(1))
                .hint()
                .contains("--link-timeout")
        );
    }
}
