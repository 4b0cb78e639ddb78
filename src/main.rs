//! The `smartpicks` command: parses arguments, calls the library, prints the outcome
//! once, and maps it to an exit code. No site logic lives here.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use smartpicks::authoring::{self, CheckOptions, LinkOptions, NewStory};
use smartpicks::serve::{self, Port, ServeOptions};
use smartpicks::{BuildOptions, Error};

#[derive(Parser)]
#[command(
    name = "smartpicks",
    version,
    about = "A fast static site generator for the Smart Picks news digest"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output).
    Build(BuildArgs),
    /// Build, serve and live-reload the site while you write.
    Serve(ServeArgs),
    /// Write a new story with valid front-matter.
    New(NewArgs),
    /// Report everything a build would reject, and warnings, without writing output.
    Check(CheckArgs),
    /// Create a new site that builds at once.
    Init(InitArgs),
}

#[derive(clap::Args)]
struct BuildArgs {
    /// The site folder, where site.toml is.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Where to write the site (default: public/ under the root).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Replace the output folder even if no build wrote it (no .smartpicks-output
    /// marker inside); everything in it is deleted.
    #[arg(long)]
    force: bool,
    /// Replace base_url from site.toml.
    #[arg(long)]
    base_url: Option<String>,
    /// Include stories marked draft: true.
    #[arg(long)]
    drafts: bool,
    /// Include stories dated in the future.
    #[arg(long)]
    future: bool,
    /// The moment that counts as now, RFC 3339 (for reproducible builds).
    #[arg(long, value_name = "RFC3339")]
    now: Option<String>,
    /// Render everything, ignoring the build cache in .smartpicks/ (and remove it).
    #[arg(long)]
    no_cache: bool,
    /// Print how long each stage took.
    #[arg(long)]
    verbose: bool,
}

#[derive(clap::Args)]
struct ServeArgs {
    /// The site folder, where site.toml is.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// The port to listen on; if it is taken, serve stops with an error. Without
    /// it, 1111, or the next free port if 1111 is taken.
    #[arg(long)]
    port: Option<u16>,
    /// Include stories marked draft: true.
    #[arg(long)]
    drafts: bool,
    /// Include stories dated in the future.
    #[arg(long)]
    future: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

#[derive(clap::Args)]
struct NewArgs {
    /// The headline.
    title: String,
    /// One of the categories declared in site.toml.
    #[arg(long)]
    category: String,
    /// Parties, comma-separated: "Google DeepMind,A24".
    #[arg(long, default_value = "")]
    parties: String,
    /// Tags, comma-separated.
    #[arg(long, default_value = "")]
    tags: String,
    /// Publication date, YYYY-MM-DD or RFC 3339 (default: today).
    #[arg(long)]
    date: Option<String>,
    /// Mark the story as a draft.
    #[arg(long)]
    draft: bool,
    /// The site folder, where site.toml is.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The site folder, where site.toml is.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// How findings are printed.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The moment that counts as now, RFC 3339.
    #[arg(long, value_name = "RFC3339")]
    now: Option<String>,
    /// Also request every external link of the published stories (sources, links
    /// and images) and report the dead ones. Needs the network.
    #[arg(long)]
    links: bool,
    /// With --links: how many links are requested at once.
    #[arg(long, value_name = "N", default_value_t = 8, requires = "links",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    link_concurrency: u16,
    /// With --links: how many seconds one link may take, redirects included.
    #[arg(long, value_name = "SECS", default_value_t = 10, requires = "links",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    link_timeout: u64,
}

#[derive(clap::Args)]
struct InitArgs {
    /// The folder to create the site in (must be empty or absent).
    dir: PathBuf,
}

fn parse_now(now: Option<&str>) -> Result<Option<jiff::Timestamp>, Error> {
    now.map(|s| {
        s.parse::<jiff::Timestamp>().map_err(|e| {
            Error::Usage(format!(
                "--now \"{s}\" is not an RFC 3339 timestamp with an offset ({e})"
            ))
        })
    })
    .transpose()
}

fn split_list(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Build(args) => {
            let options = BuildOptions {
                now: parse_now(args.now.as_deref())?,
                root: args.root,
                output: args.output,
                force: args.force,
                base_url: args.base_url,
                drafts: args.drafts,
                future: args.future,
                no_cache: args.no_cache,
            };
            let report = smartpicks::build(&options)?;
            let unchanged = report.pages - report.rendered.min(report.pages);
            println!(
                "Built {} {} into {} pages{} in {} ms → {}",
                report.stories,
                if report.stories == 1 {
                    "story"
                } else {
                    "stories"
                },
                report.pages,
                if unchanged > 0 {
                    format!(" ({} rendered, {unchanged} unchanged)", report.rendered)
                } else {
                    String::new()
                },
                report.elapsed.as_millis(),
                smartpicks::build::display_output(&options.root, &report.output),
            );
            if args.verbose {
                for (stage, took) in &report.stages {
                    println!("  {stage:<18} {:>6} ms", took.as_millis());
                }
            }
        }
        Command::Serve(args) => serve::serve(&ServeOptions {
            root: args.root,
            bind: args.bind,
            port: args.port.map_or(Port::Default, Port::Exactly),
            drafts: args.drafts,
            future: args.future,
            open: args.open,
        })?,
        Command::New(args) => {
            let path = authoring::new_story(&NewStory {
                root: args.root,
                title: args.title,
                category: args.category,
                parties: split_list(&args.parties),
                tags: split_list(&args.tags),
                date: args.date,
                draft: args.draft,
            })?;
            println!("{}", path.display());
        }
        Command::Check(args) => {
            let report = authoring::check(&CheckOptions {
                now: parse_now(args.now.as_deref())?,
                root: args.root,
                links: args.links.then(|| LinkOptions {
                    concurrency: usize::from(args.link_concurrency),
                    timeout: std::time::Duration::from_secs(args.link_timeout),
                }),
            })?;
            match args.format {
                Format::Text => print!("{}", report.to_text()),
                Format::Json => print!("{}", report.to_json()),
            }
            if report.has_errors() {
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Init(args) => {
            authoring::init(&args.dir)?;
            println!(
                "Created a new site in {}: cd there and run `smartpicks build`",
                args.dir.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

// Page rendering allocates many small, short-lived values; mimalloc handles that
// pattern across threads markedly faster than the system allocator (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
