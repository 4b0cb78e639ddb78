//! The preview server: build, serve, watch, rebuild, tell the browser. The site is
//! built into a private folder with `base_url` pointing at the local address, served
//! over HTTP, and rebuilt by a [`Session`] whenever a source file changes. A failed
//! rebuild never stops the server: the last good site stays up and open pages show
//! the error until it is fixed. However it stops (Ctrl-C, SIGTERM, SIGHUP, an
//! error), the private folder goes with it.

mod address;
mod http;
mod memory;
mod pictures;
mod preview;
mod session;
mod shutdown;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Instant;

pub use http::{EVENTS_PATH, Live, SCRIPT_PATH, Signal, router};
pub use memory::{keep_freed_pages, set_purge_delay};
pub use preview::{preview_base, preview_folder};
pub use session::{Changes, Outcome, Session};
pub use watch::classify;

use crate::build::BuildOptions;
use crate::cli::{Verbosity, print};
use crate::config::{CONFIG_FILE, Config};
use crate::error::{Error, Result};

/// How `smartpicks serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: String,
    /// The port to listen on.
    pub port: Port,
    /// The address links point at: a URL, or a host name the port is added to.
    /// `None`: the address served (this machine's network address when listening
    /// on every interface).
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Include future stories.
    pub future: bool,
    /// Open a browser.
    pub open: bool,
    /// How much to print.
    pub verbosity: Verbosity,
}

/// Which port `serve` listens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Port {
    /// [`DEFAULT_PORT`], or the first free one of the next few if it is taken: the
    /// writer asked for no port in particular.
    Default,
    /// Exactly this port (0: one the system picks). If it is taken, `serve` fails:
    /// moving elsewhere would leave whatever expects this port talking to another
    /// program.
    Exactly(u16),
}

/// The port `serve` tries first when none is given.
pub const DEFAULT_PORT: u16 = 1111;
/// How many ports from [`DEFAULT_PORT`] on are tried when it is taken.
const PORT_ATTEMPTS: u16 = 20;

/// Serves the site until Ctrl-C, SIGTERM or SIGHUP.
pub fn serve(options: &ServeOptions) -> Result<()> {
    // SAFETY: first, while this is the only thread, so nothing allocates meanwhile.
    unsafe { keep_freed_pages() };
    // Outside a site there is nothing to preview: fail as `build` does, with the
    // same message naming the same path. A site.toml that exists but is broken is
    // served anyway, so the writer can fix it and save.
    if let Err(e) = Config::load(&options.root)
        && !options.root.join(CONFIG_FILE).exists()
    {
        return Err(e);
    }
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
    // Caught before anything is written, so no stop signal can leave the folder.
    let stop = runtime
        .block_on(async { shutdown::signals() })
        .map_err(|e| Error::io("cannot listen for stop signals in", &root, e))?;
    let listener = runtime.block_on(bind(ip, options.port))?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::io("cannot read the address of", &root, e))?;
    let url = address::public_url(options.base_url.as_deref(), address)?;
    // Previews of killed `serve` processes are cleared as `build` clears its staging
    // folders: by a process id that no longer runs. The temporary folder too, where
    // previews go when no memory file system has room (and went before).
    let base = preview_base();
    for dir in [base.clone(), std::env::temp_dir()] {
        crate::output::remove_dead_folders(&dir, |name| {
            name.to_str()?.strip_prefix(preview::PREFIX)?.parse().ok()
        });
    }
    let folder = PreviewFolder(base.join(preview::folder_name(std::process::id())));
    let build_options = BuildOptions {
        root: root.clone(),
        output: None,
        force: false,
        base_url: Some(url.clone()),
        drafts: options.drafts,
        future: options.future,
        now: None,
        no_cache: true,
    };
    let mut session = Session::new(build_options, &folder.0)?;
    let started = Instant::now();
    match session.rebuild_all() {
        Ok(_) if options.verbosity > Verbosity::Quiet => {
            println!("Built the site in {} ms", started.elapsed().as_millis())
        }
        Ok(_) => {}
        Err(e) => print::error(&format!("{e}\n(serving anyway: fix the file and save)")),
    }
    let live = Live::new(&folder.0).map_err(|e| Error::io("cannot open", &folder.0, e))?;
    // Watch before announcing the address, so no save after it can be missed.
    let watching = watch::Watching::start(root, session, live.clone(), options.verbosity)?;
    if url.contains(&address.to_string()) {
        println!("Serving on {url} (Ctrl-C to stop)");
    } else {
        println!("Serving on {url} (listening on {address}; Ctrl-C to stop)");
    }
    if options.open {
        open_browser(&url);
    }
    let app = router(live.clone());
    let served = runtime.block_on(shutdown::serve_until(listener, app, live, stop));
    // The watcher goes first: a rebuild under way must not write into the folder
    // after it is removed.
    watching.stop();
    let result = served.map_err(|e| Error::io("the server stopped on", &folder.0, e));
    drop(folder);
    println!("Stopped.");
    result
}

/// The private folder the preview is built into, removed however `serve` ends.
struct PreviewFolder(PathBuf);

impl Drop for PreviewFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn bind(ip: IpAddr, port: Port) -> Result<tokio::net::TcpListener> {
    let port = match port {
        Port::Exactly(p) => {
            return tokio::net::TcpListener::bind(SocketAddr::new(ip, p))
                .await
                .map_err(|e| match e.kind() {
                    std::io::ErrorKind::AddrInUse => Error::Usage(format!(
                        "port {p} on {ip} is taken ({e}); stop the program using it, pass another --port, or leave --port out to use the first free port from {DEFAULT_PORT}"
                    )),
                    _ => Error::Usage(format!("cannot listen on {ip}:{p}: {e}")),
                });
        }
        Port::Default => DEFAULT_PORT,
    };
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
