//! The preview server: build, serve, watch, rebuild, tell the browser. The site is
//! built into a private folder with `base_url` pointing at the local address, served
//! over HTTP, and rebuilt by a [`Session`] whenever a source file changes. A failed
//! rebuild never stops the server: the last good site stays up and open pages show
//! the error until it is fixed.

mod http;
mod session;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

pub use http::{EVENTS_PATH, Live, SCRIPT_PATH, Signal, router};
pub use session::{Changes, Outcome, Session};
pub use watch::classify;

use crate::build::BuildOptions;
use crate::config::Config;
use crate::error::{Error, Result};

/// How `smartpicks serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: String,
    /// The first port to try.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Include future stories.
    pub future: bool,
    /// Open a browser.
    pub open: bool,
}

/// How many ports after the asked one are tried when it is taken.
const PORT_ATTEMPTS: u16 = 20;
/// How long the watcher waits for a burst of changes to settle.
const DEBOUNCE: Duration = Duration::from_millis(60);

/// Serves the site until Ctrl-C.
pub fn serve(options: &ServeOptions) -> Result<()> {
    let root = options
        .root
        .canonicalize()
        .map_err(|e| Error::io("cannot open the site folder", &options.root, e))?;
    let ip: IpAddr = options
        .bind
        .parse()
        .map_err(|_| Error::Usage(format!("--bind: \"{}\" is not an IP address", options.bind)))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("cannot start the server runtime for", &root, e))?;
    let listener = runtime.block_on(bind(ip, options.port))?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::io("cannot read the address of", &root, e))?;
    let url = format!("http://{address}/");
    let out_dir = std::env::temp_dir().join(format!("smartpicks-serve-{}", std::process::id()));
    let build_options = BuildOptions {
        root: root.clone(),
        output: None,
        force: false,
        base_url: Some(url.clone()),
        drafts: options.drafts,
        future: options.future,
        now: None,
    };
    let mut session = Session::new(build_options, &out_dir)?;
    let started = Instant::now();
    match session.rebuild_all() {
        Ok(_) => println!("Built the site in {} ms", started.elapsed().as_millis()),
        Err(e) => eprintln!("error: {e}\n(serving anyway: fix the file and save)"),
    }
    let live = Live::new(&out_dir).map_err(|e| Error::io("cannot open", &out_dir, e))?;
    let watcher_live = live.clone();
    let theme = Config::load(&root)
        .map(|c| c.theme)
        .unwrap_or_else(|_| "smartpicks".into());
    // Watch before announcing the address, so no save after it can be missed.
    let (tx, rx) = mpsc::channel();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx)
        .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", root.display())))?;
    debouncer
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", root.display())))?;
    std::thread::spawn(move || {
        let _keep_watching = debouncer;
        watch_and_rebuild(session, &rx, &root, &theme, &watcher_live);
    });
    // Listen for Ctrl-C before announcing the address, so an early one is not lost.
    let stop = runtime
        .block_on(async { shutdown_signal() })
        .map_err(|e| Error::io("cannot listen for Ctrl-C in", &out_dir, e))?;
    println!("Serving on {url} (Ctrl-C to stop)");
    if options.open {
        open_browser(&url);
    }
    let app = router(live);
    let result = runtime.block_on(async {
        axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
    });
    let _ = std::fs::remove_dir_all(&out_dir);
    println!("Stopped.");
    result.map_err(|e| Error::io("the server stopped on", &out_dir, e))
}

/// A future that completes on Ctrl-C (SIGINT) or SIGTERM; registered when called.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// A future that completes on Ctrl-C.
#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

async fn bind(ip: IpAddr, port: u16) -> Result<tokio::net::TcpListener> {
    let mut last = None;
    for p in port..port.saturating_add(PORT_ATTEMPTS) {
        match tokio::net::TcpListener::bind(SocketAddr::new(ip, p)).await {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                println!("Port {p} is taken, trying {}", p + 1);
                last = Some(e);
            }
            Err(e) => return Err(Error::Usage(format!("cannot listen on {ip}:{p}: {e}"))),
        }
    }
    Err(Error::Usage(format!(
        "ports {port} to {} are all taken ({}); pass --port",
        port.saturating_add(PORT_ATTEMPTS - 1),
        last.map(|e| e.to_string()).unwrap_or_default()
    )))
}

/// The watcher thread: every settled batch of changes becomes one rebuild.
fn watch_and_rebuild(
    mut session: Session,
    rx: &mpsc::Receiver<DebounceEventResult>,
    root: &std::path::Path,
    theme: &str,
    live: &Live,
) {
    while let Ok(batch) = rx.recv() {
        let Ok(events) = batch else { continue };
        // The theme may have changed in site.toml since start-up.
        let theme = session.theme().unwrap_or(theme).to_owned();
        let mut changes = classify(root, &theme, changed_paths(events));
        // Later batches that already arrived join this rebuild.
        while let Ok(Ok(more)) = rx.try_recv() {
            changes.merge(classify(root, &theme, changed_paths(more)));
        }
        if changes.is_empty() {
            continue;
        }
        let started = Instant::now();
        match session.apply(&changes) {
            Ok(Outcome::Pages(stats)) => {
                println!(
                    "Rebuilt in {} ms: {} files written, {} unchanged, {} removed",
                    started.elapsed().as_millis(),
                    stats.written,
                    stats.unchanged,
                    stats.removed
                );
                live.send(Signal::Reload);
            }
            Ok(Outcome::Stylesheets(paths)) => {
                println!(
                    "Updated {} in {} ms",
                    paths.join(", "),
                    started.elapsed().as_millis()
                );
                live.send(Signal::Css(paths));
            }
            Err(e) => {
                eprintln!("error: {e}");
                live.send(Signal::BuildError(e.to_string()));
            }
        }
    }
}

/// Paths whose contents or names changed; reads (access events) are not changes.
fn changed_paths(
    events: Vec<notify_debouncer_full::DebouncedEvent>,
) -> impl Iterator<Item = PathBuf> {
    events
        .into_iter()
        .filter(|e| {
            matches!(
                e.event.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            )
        })
        .filter(|e| !matches!(e.event.kind, EventKind::Modify(ModifyKind::Metadata(_))))
        .flat_map(|e| e.event.paths)
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("could not open a browser ({opener}: {e}); visit {url}");
    }
}
