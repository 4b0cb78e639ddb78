//! Asking a server whether a URL leads to a page, with `ureq` (blocking; rustls on
//! the ring provider with webpki's roots). `HEAD` first, `GET` when a server refuses
//! `HEAD`; redirects followed here rather than by `ureq`, so each hop gets its own
//! `HEAD`-then-`GET` and a dead end can say where the redirects led. One deadline
//! covers every request made for a URL.

use std::io::ErrorKind;
use std::time::{Duration, Instant};

use ureq::Agent;
use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

use super::verdict::{Dead, Failure, Method, Step, step};

/// Redirects followed before a link counts as dead.
pub const MAX_REDIRECTS: usize = 5;

/// How the checker introduces itself, so site owners can tell it from a browser.
const USER_AGENT: &str = concat!(
    "smartpicks/",
    env!("CARGO_PKG_VERSION"),
    " (link checker of the smartpicks static site generator)"
);

/// An HTTP client for checking links, shared by every worker thread.
pub struct Client {
    agent: Agent,
    timeout: Duration,
}

/// The parts of an answer a link check reads.
struct Answer {
    status: u16,
    location: Option<String>,
}

impl Client {
    /// A client that gives each URL `timeout` in all (redirects and retries included).
    pub fn new(timeout: Duration) -> Client {
        let config = Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(USER_AGENT)
            .build();
        Client {
            agent: Agent::with_parts(config, DefaultConnector::new(), NamedResolver::default()),
            timeout,
        }
    }

    /// Whether `url` leads to a page: `Ok` when it does, or why not.
    pub fn probe(&self, url: &str) -> Result<(), Dead> {
        let deadline = Instant::now() + self.timeout;
        let mut current = url.to_owned();
        let mut method = Method::Head;
        let mut redirects = 0;
        loop {
            let dead = |failure| Dead {
                failure,
                redirected_to: (redirects > 0).then(|| current.clone()),
            };
            let answer = self.ask(method, &current, deadline).map_err(dead)?;
            match step(method, answer.status) {
                Step::Alive => return Ok(()),
                // `step` never asks for this after a `GET`, so it happens once a hop.
                Step::RetryWithGet => method = Method::Get,
                Step::Dead => return Err(dead(Failure::Status(answer.status))),
                Step::Follow => {
                    let Some(location) = answer.location else {
                        return Err(dead(Failure::RedirectNowhere(answer.status)));
                    };
                    if redirects == MAX_REDIRECTS {
                        return Err(dead(Failure::TooManyRedirects(MAX_REDIRECTS)));
                    }
                    let next = url::Url::parse(&current)
                        .and_then(|base| base.join(&location))
                        .map_err(|e| {
                            dead(Failure::InvalidUrl(format!(
                                "it redirects to \"{location}\": {e}"
                            )))
                        })?;
                    current = next.into();
                    method = Method::Head;
                    redirects += 1;
                }
            }
        }
    }

    /// One request, with what is left of the deadline. The body of a `GET` is never
    /// read: the status and headers are all a check needs.
    fn ask(&self, method: Method, url: &str, deadline: Instant) -> Result<Answer, Failure> {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Failure::Timeout(self.timeout));
        }
        let request = match method {
            Method::Head => self.agent.head(url),
            Method::Get => self.agent.get(url),
        };
        let response = request
            .config()
            .timeout_global(Some(left))
            .build()
            .call()
            .map_err(|e| failure(e, url, self.timeout))?;
        Ok(Answer {
            status: response.status().as_u16(),
            location: response
                .headers()
                .get(ureq::http::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        })
    }
}

/// What a failed request means, in the checker's terms.
fn failure(e: ureq::Error, url: &str, timeout: Duration) -> Failure {
    match e {
        ureq::Error::Timeout(_) => Failure::Timeout(timeout),
        ureq::Error::HostNotFound => Failure::CannotResolve(
            url::Url::parse(url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_else(|| url.to_owned()),
        ),
        ureq::Error::Io(e) => match e.kind() {
            ErrorKind::ConnectionRefused => Failure::Refused,
            ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::UnexpectedEof
            | ErrorKind::BrokenPipe => Failure::Closed,
            ErrorKind::TimedOut | ErrorKind::WouldBlock => Failure::Timeout(timeout),
            // rustls reports a failed handshake or a certificate it refuses (expired,
            // for another name) through the stream as invalid data; HTTP itself is
            // parsed by ureq-proto, whose errors are `Error::Protocol`.
            ErrorKind::InvalidData if is_https(url) => Failure::Tls(e.to_string()),
            _ => Failure::Other(e.to_string()),
        },
        ureq::Error::BadUri(e) => Failure::InvalidUrl(e),
        ureq::Error::Http(e) => Failure::InvalidUrl(e.to_string()),
        ureq::Error::Tls(e) => Failure::Tls(e.to_owned()),
        ureq::Error::Rustls(e) => Failure::Tls(e.to_string()),
        e => Failure::Other(e.to_string()),
    }
}

fn is_https(url: &str) -> bool {
    url.get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
}

/// `ureq`'s own resolver, with a failed look-up named as one: the standard library
/// reports it as an `io::Error` of no stable kind, which `ureq` passes on as
/// `Error::Io`, indistinguishable from a failed connection. Resolving does no I/O but
/// the look-up, so any I/O error here is that. (`Resolver` is `ureq`'s "unversioned"
/// API, which changes only in minor versions; Cargo.lock pins the version.)
#[derive(Debug, Default)]
struct NamedResolver(DefaultResolver);

impl Resolver for NamedResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        self.0.resolve(uri, config, timeout).map_err(|e| match e {
            ureq::Error::Io(_) => ureq::Error::HostNotFound,
            e => e,
        })
    }

    fn empty(&self) -> ResolvedSocketAddrs {
        self.0.empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_errors_become_failures_in_the_checkers_terms() {
        let t = Duration::from_secs(3);
        let io = |kind| ureq::Error::Io(std::io::Error::from(kind));
        let cases = [
            (
                ureq::Error::HostNotFound,
                "https://news.example/a",
                "cannot resolve host news.example",
            ),
            (
                ureq::Error::Timeout(ureq::Timeout::Global),
                "https://e.org/",
                "no answer within 3 s",
            ),
            (
                io(ErrorKind::ConnectionRefused),
                "http://e.org/",
                "the server refused the connection",
            ),
            (
                io(ErrorKind::UnexpectedEof),
                "http://e.org/",
                "the server closed the connection without an answer",
            ),
            (
                io(ErrorKind::InvalidData),
                "https://e.org/",
                "the secure connection failed (invalid data)",
            ),
            (
                io(ErrorKind::InvalidData),
                "http://e.org/",
                "the request failed (invalid data)",
            ),
        ];
        for (error, url, said) in cases {
            assert_eq!(failure(error, url, t).to_string(), said, "{url}");
        }
    }
}
