//! The preview's HTTP side, on axum and tower-http: the built site from its folder
//! (content types, `index.html` for folders, the theme's 404 page with status 404,
//! no caching), the live-reload script added to every HTML response, and the
//! Server-Sent Events stream that tells browsers to reload, swap stylesheets or show
//! a build error. Requests that would leave the site folder are refused; paths no
//! file could have (too long, looping symlinks) are not found rather than errors.
//!
//! HTML is answered whole: a `Range` on a page is ignored (200, the full page, no
//! `Accept-Ranges`), which RFC 9110 §14.2 allows. The page sent differs from the file
//! by the injected script, so a range of the file would not match the body, and a
//! range of the injected body would name bytes of a representation that changes
//! with every rebuild. Browsers ask for ranges of media and resumed downloads, not
//! pages, and those (any file that is not HTML) keep their ranges.

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{broadcast, watch};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::{BroadcastStream, WatchStream};
use tower_http::services::{ServeDir, ServeFile};

/// Where the live-reload script is served.
pub const SCRIPT_PATH: &str = "/__smartpicks/live.js";
/// Where browsers listen for rebuilds.
pub const EVENTS_PATH: &str = "/__smartpicks/events";

const SCRIPT: &str = include_str!("live.js");

/// A message to every open page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    /// Reload the page.
    Reload,
    /// Swap these stylesheets (site paths) in place.
    Css(Vec<String>),
    /// The last rebuild failed with this message.
    BuildError(String),
}

/// Shared by every request: the site folder and the broadcast of signals.
#[derive(Clone)]
pub struct Live {
    root: PathBuf,
    signals: broadcast::Sender<Signal>,
    instance: String,
    last_error: Arc<Mutex<Option<String>>>,
    /// Set once when the server stops, to end every open event stream (an open
    /// page's stream never ends by itself and would hold the shutdown forever).
    stopping: Arc<watch::Sender<bool>>,
}

impl Live {
    /// State for serving `root` (the built site).
    pub fn new(root: &Path) -> std::io::Result<Live> {
        let (signals, _) = broadcast::channel(64);
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        Ok(Live {
            root: root.canonicalize()?,
            signals,
            instance: format!("{}-{started}", std::process::id()),
            last_error: Arc::new(Mutex::new(None)),
            stopping: Arc::new(watch::Sender::new(false)),
        })
    }

    /// Ends every event stream, open and future, so the server can stop.
    pub fn stop(&self) {
        self.stopping.send_replace(true);
    }

    /// Tells every open page; remembers a build error for pages opened later.
    pub fn send(&self, signal: Signal) {
        let mut last = self.last_error.lock().unwrap_or_else(|e| e.into_inner());
        *last = match &signal {
            Signal::BuildError(m) => Some(m.clone()),
            _ => None,
        };
        let _ = self.signals.send(signal);
    }
}

/// The router for a live preview.
pub fn router(live: Live) -> Router {
    let site = ServeDir::new(&live.root)
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(live.root.join("404.html")));
    Router::new()
        .route(SCRIPT_PATH, get(script))
        .route(EVENTS_PATH, get(events))
        .fallback_service(site)
        .layer(middleware::from_fn_with_state(live.clone(), guard))
        .layer(middleware::from_fn(inject_and_no_cache))
        .with_state(live)
}

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
}

async fn events(
    State(live): State<Live>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let mut first = vec![Event::default().event("hello").data(live.instance.clone())];
    if let Some(message) = live
        .last_error
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
    {
        first.push(error_event(&message));
    }
    let updates = BroadcastStream::new(live.signals.subscribe()).filter_map(|s| {
        s.ok().map(|signal| match signal {
            Signal::Reload => Event::default().event("reload").data("reload"),
            Signal::Css(paths) => Event::default()
                .event("css")
                .data(serde_json::to_string(&paths).unwrap_or_else(|_| "[]".into())),
            Signal::BuildError(message) => error_event(&message),
        })
    });
    let stop = WatchStream::new(live.stopping.subscribe())
        .filter(|stopping| *stopping)
        .map(|_| None);
    let stream = tokio_stream::iter(first)
        .chain(updates)
        .map(Some)
        .merge(stop)
        .map_while(|event| event.map(Ok));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn error_event(message: &str) -> Event {
    Event::default()
        .event("build-error")
        .data(serde_json::to_string(message).unwrap_or_default())
}

/// Refuses paths that leave the site folder: `..` (also percent-encoded), and
/// symlinks that point outside it. Paths the file system cannot even look up (a
/// name or path too long, a symlink loop) get the 404 page: no file has them. A
/// request for a page loses its `Range` (see the module comment).
async fn guard(State(live): State<Live>, mut request: Request, next: Next) -> Response {
    let raw = request.uri().path();
    // `GET . HTTP/1.1` and other targets that are not paths name no file.
    if !raw.starts_with('/') {
        return (StatusCode::BAD_REQUEST, "Bad Request").into_response();
    }
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    let relative = Path::new(decoded.trim_start_matches('/'));
    let escapes = decoded.contains('\0')
        || decoded.contains('\\')
        || relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if escapes {
        return (StatusCode::FORBIDDEN, "Forbidden").into_response();
    }
    let target = live.root.join(relative);
    // The kernel's own lookup, as the file server's will be: `canonicalize` walks
    // the path one name at a time and stops at the first missing one, before the
    // kernel would refuse the whole path as too long.
    if let Err(e) = std::fs::metadata(&target)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        return not_found(&live);
    }
    if let Ok(real) = target.canonicalize()
        && !real.starts_with(&live.root)
    {
        return (StatusCode::FORBIDDEN, "Forbidden").into_response();
    }
    if serves_html(&target) {
        request.headers_mut().remove(header::RANGE);
        request.headers_mut().remove(header::IF_RANGE);
    }
    next.run(request).await
}

/// Whether the file server answers `target` with HTML, decided as it does: a
/// folder's `index.html`, a file by its extension (the same `mime_guess` table),
/// and the 404 page for anything missing.
fn serves_html(target: &Path) -> bool {
    match std::fs::metadata(target) {
        Ok(meta) if meta.is_dir() => true,
        Ok(_) => mime_guess::from_path(target).first_raw() == Some("text/html"),
        Err(_) => true,
    }
}

/// The site's 404 page with status 404, as the file server answers a missing file.
fn not_found(live: &Live) -> Response {
    match std::fs::read(live.root.join("404.html")) {
        Ok(page) => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html")],
            page,
        )
            .into_response(),
        Err(_) => (StatusCode::NOT_FOUND, "Not Found").into_response(),
    }
}

/// Adds the live-reload script to HTML and tells browsers not to cache anything.
async fn inject_and_no_cache(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let (mut parts, body) = response.into_parts();
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let is_html = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    // A partial body (only if a range slipped past the guard) is passed on as the
    // file's bytes: adding the script would make it disagree with `Content-Range`.
    if !is_html || parts.status == StatusCode::PARTIAL_CONTENT {
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "cannot read page").into_response();
    };
    let html = String::from_utf8_lossy(&bytes);
    let tag = format!("<script src=\"{SCRIPT_PATH}\" defer></script>");
    let injected = match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ACCEPT_RANGES);
    Response::from_parts(parts, Body::from(injected))
}
