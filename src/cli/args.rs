//! The command line as clap reads it. Flag names follow what Zola and Hugo users
//! already type (`-o`/`--output-dir`, `-u`/`--base-url`, `-p`, `-i`/`--interface`,
//! `-D`, `-F`, `-O`, `server`), and `--root`, `--quiet` and `--verbose` go before or
//! after the subcommand.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `smartpicks`: every subcommand and the options they share.
#[derive(Parser, Debug)]
#[command(
    name = "smartpicks",
    version,
    about = "A fast static site generator for the Smart Picks news digest",
    after_help = "Run `smartpicks <command> --help` for a command's options. README.md has the whole guide."
)]
pub struct Cli {
    /// The site folder, where site.toml is.
    #[arg(
        short = 'r',
        long,
        global = true,
        default_value = ".",
        value_name = "DIR"
    )]
    pub root: PathBuf,
    /// Print errors only (it wins over --verbose).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more: each stage's time in `build`, what changed in `serve`.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into public/ (or --output).
    Build(BuildArgs),
    /// Build, serve and live-reload the site while you write.
    #[command(visible_alias = "server")]
    Serve(ServeArgs),
    /// Write a new story with valid front-matter.
    New(NewArgs),
    /// Report everything a build would reject, warnings, and what is scheduled.
    Check(CheckArgs),
    /// Create a new site that builds at once.
    Init(InitArgs),
    /// Print a shell completion script: `smartpicks completions bash > ...`.
    Completions(CompletionsArgs),
}

/// Which stories a build includes, shared by `build` and `serve`.
#[derive(Args, Debug)]
pub struct Include {
    /// Include stories marked draft: true.
    #[arg(short = 'D', long)]
    pub drafts: bool,
    /// Include stories dated in the future.
    #[arg(short = 'F', long)]
    pub future: bool,
}

/// `build`.
#[derive(Args, Debug)]
pub struct BuildArgs {
    /// Where to write the site (default: public/ under the root).
    #[arg(short, long, visible_alias = "output-dir", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Replace the output folder even if no build wrote it (no .smartpicks-output
    /// marker inside); everything in it is deleted.
    #[arg(long)]
    pub force: bool,
    /// Replace base_url from site.toml (e.g. for a staging host).
    #[arg(short = 'u', long, value_name = "URL")]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub include: Include,
    /// The moment that counts as now, RFC 3339 (for reproducible builds).
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Render everything, ignoring the build cache in .smartpicks/ (and remove it).
    #[arg(long)]
    pub no_cache: bool,
}

/// `serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The address to listen on; 0.0.0.0 (or ::) serves the whole network, and
    /// links then use this machine's network address.
    #[arg(
        short = 'i',
        long,
        visible_alias = "interface",
        default_value = "127.0.0.1",
        value_name = "IP"
    )]
    pub bind: String,
    /// The port to listen on; if it is taken, serve stops with an error. Without
    /// it, 1111, or the next free port if 1111 is taken.
    #[arg(short, long)]
    pub port: Option<u16>,
    /// The address links point at: a URL (http://192.168.1.20:1111/) or a host name
    /// (the port serve listens on is added). Default: the address served.
    #[arg(short = 'u', long, value_name = "URL")]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub include: Include,
    /// Open the site in the default browser.
    #[arg(short = 'O', long)]
    pub open: bool,
}

/// `new`.
#[derive(Args, Debug)]
pub struct NewArgs {
    /// The headline.
    pub title: String,
    /// One of the categories declared in site.toml.
    #[arg(short, long)]
    pub category: String,
    /// Parties, comma-separated: "Google DeepMind,A24".
    #[arg(long, default_value = "")]
    pub parties: String,
    /// Tags, comma-separated.
    #[arg(long, default_value = "")]
    pub tags: String,
    /// Publication date, YYYY-MM-DD or RFC 3339 (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// Publish with the next build: leave out the `draft: true` a new story gets.
    #[arg(long)]
    pub publish: bool,
    /// A new story is a draft already; kept for scripts that pass it.
    #[arg(long, hide = true, conflicts_with = "publish")]
    pub draft: bool,
}

/// How `check` prints its findings.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// For people: one finding per line and a count.
    Text,
    /// For tools: one JSON object per line.
    Json,
}

/// `check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// How findings are printed.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// The moment that counts as now, RFC 3339.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Also request every external link of the published stories (sources, links
    /// and images) and report the dead ones. Needs the network.
    #[arg(long)]
    pub links: bool,
    /// With --links: how many links are requested at once.
    #[arg(long, value_name = "N", default_value_t = 8, requires = "links",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub link_concurrency: u16,
    /// With --links: how many seconds one link may take, redirects included.
    #[arg(long, value_name = "SECS", default_value_t = 10, requires = "links",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub link_timeout: u64,
}

/// `init`.
#[derive(Args, Debug)]
pub struct InitArgs {
    /// The folder to create the site in (default: --root, the current folder). It
    /// must be empty or absent, unless --force.
    pub dir: Option<PathBuf>,
    /// Create the site in a folder that already holds files; no file in it is
    /// replaced (init stops before writing if one of its files exists).
    #[arg(long)]
    pub force: bool,
}

/// `completions`.
#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
