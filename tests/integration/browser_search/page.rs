//! What the search checks share: the static server a built site is served from,
//! the corpus's stories, and driving the page (typing, waiting, reading results).

use super::*;

pub(crate) struct StaticServer {
    port: u16,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StaticServer {
    /// Binds first, so the site can be built with the port in its base URL.
    pub(crate) fn bind() -> (std::net::TcpListener, u16) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        (listener, port)
    }

    /// Serves on a runtime of its own, as a real host answers whatever the test's
    /// runtime is doing: the latency measured is the page's, not the test's.
    pub(crate) fn start(listener: std::net::TcpListener, public: PathBuf) -> StaticServer {
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                // As `smartpicks serve` does, and static hosts: no Nagle delay.
                let listener = tokio::net::TcpListener::from_std(listener)
                    .unwrap()
                    .tap_io(|tcp| {
                        let _ = tcp.set_nodelay(true);
                    });
                let app = axum::Router::new()
                    .nest_service("/sub", tower_http::services::ServeDir::new(public));
                // Stopping drops the runtime and the connections Chromium keeps open.
                tokio::select! {
                    served = axum::serve(listener, app) => served.unwrap(),
                    _ = stopped => {}
                }
            });
        });
        StaticServer {
            port,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/sub{path}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A value of the story's front matter (`key: ...` on its own line).
pub(super) fn front(text: &str, key: &str) -> String {
    let prefix = format!("{key}: ");
    let line = text.lines().find(|l| l.starts_with(&prefix)).unwrap();
    line[prefix.len()..].to_owned()
}

/// The story `i` of the corpus: its code name (lower case), title and category.
pub(super) fn story(corpus: &Corpus, i: usize) -> (String, String, String) {
    let (path, text) = corpus.story(i);
    let code = path.rsplit('-').next().unwrap().trim_end_matches(".md");
    let unquote = |s: String| s.trim_matches('"').replace("\\\"", "\"");
    (
        code.to_owned(),
        unquote(front(&text, "title")),
        unquote(front(&text, "category")),
    )
}

/// How many stories of the corpus name `party` (written as itself, no alias).
pub(super) fn stories_with_party(corpus: &Corpus, party: &str) -> usize {
    let quoted = format!("\"{party}\"");
    (0..corpus.stories)
        .filter(|&i| {
            let (_, text) = corpus.story(i);
            front(&text, "parties")
                .trim_matches(['[', ']'])
                .split(", ")
                .any(|p| p == quoted)
        })
        .count()
}

pub(super) async fn text(client: &Client, selector: &str) -> String {
    let expression = format!("document.querySelector({selector:?}).textContent");
    eval(client, &expression).await.as_str().unwrap().to_owned()
}

pub(super) async fn titles(client: &Client) -> Vec<String> {
    let all = eval(
        client,
        "[...document.querySelectorAll('.search-result-title')].map(h => h.textContent)",
    )
    .await;
    serde_json::from_value(all).unwrap()
}

/// Waits for the page to have searched for `q` (its status names it).
pub(super) async fn searched(client: &Client, q: &str) {
    let quoted = serde_json::to_string(&format!("“{q}”")).unwrap();
    until(
        client,
        &format!(
            "document.getElementById('search').dataset.state === 'done' && \
             document.getElementById('search-status').textContent.includes({quoted})"
        ),
        WAIT,
    )
    .await;
}

/// Empties the search box, focuses it and types `q` as keystrokes.
pub(super) async fn type_query(client: &Client, q: &str) {
    client
        .execute(
            "const q = document.getElementById('search-q'); q.value = ''; q.focus();",
            vec![],
        )
        .await
        .unwrap();
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(q)
        .await
        .unwrap();
    searched(client, q).await;
}

pub(super) async fn press(client: &Client, key: Key) {
    let element = client.active_element().await.unwrap();
    element.send_keys(&key.to_string()).await.unwrap();
}

/// Opens `url` and waits until the client has loaded its index (and searched, if
/// the URL asks it to).
pub(super) async fn open(client: &Client, url: &str) {
    client.goto(url).await.unwrap();
    until(
        client,
        "['idle', 'done'].includes(document.getElementById('search')?.dataset.state)",
        WAIT,
    )
    .await;
}
