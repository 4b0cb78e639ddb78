//! Counts the files two builds wrote, by kind of page, side by side: the check that
//! smartpicks and Hugo built the same site (`bench/run.sh` prints it after a run).

use std::path::Path;

use smartpicks_bench_harness::args::Args;
use smartpicks_bench_harness::pages::{Census, Kind};

const USAGE: &str = "usage: pages --ours DIR --hugo DIR

Prints a Markdown table of the files each build wrote, by kind, and the totals.
Exits with status 1 when the two differ in a kind both are meant to write.";

/// Kinds where a difference is expected and not a failure: Hugo writes a redirect
/// stub for every paginated list's `/page/1/`; smartpicks writes a `_redirects` list
/// and its own static files.
const MAY_DIFFER: [Kind; 3] = [Kind::FirstPageRedirect, Kind::OtherFile, Kind::OtherHtml];

fn main() {
    let args = Args::parse(USAGE);
    args.only(&["ours", "hugo"]);
    let ours = Census::of(Path::new(args.required("ours")));
    let hugo = Census::of(Path::new(args.required("hugo")));
    println!("| files by kind | ours | Hugo |");
    println!("|---|---:|---:|");
    let mut kinds: Vec<Kind> = ours
        .count
        .keys()
        .chain(hugo.count.keys())
        .copied()
        .collect();
    kinds.sort();
    kinds.dedup();
    let mut differ = Vec::new();
    for kind in kinds {
        let (a, b) = (ours.get(kind), hugo.get(kind));
        let mark = if a == b { "" } else { " ≠" };
        println!("| {}{mark} | {a} | {b} |", kind.label());
        if a != b && !MAY_DIFFER.contains(&kind) {
            differ.push(kind.label());
        }
    }
    let [c, t, p] = ours.terms;
    let [hc, ht, hp] = hugo.terms;
    println!("| terms: categories / tags / parties | {c} / {t} / {p} | {hc} / {ht} / {hp} |");
    println!(
        "| **HTML pages** (less redirects) | {} | {} |",
        ours.pages(),
        hugo.pages()
    );
    println!("| HTML files | {} | {} |", ours.html_files, hugo.html_files);
    println!("| all files | {} | {} |", ours.files, hugo.files);
    println!("| all bytes | {} | {} |", ours.bytes, hugo.bytes);
    let (lo, lh) = (&ours.largest_html, &hugo.largest_html);
    println!(
        "| largest HTML file | {} ({} KB) | {} ({} KB) |",
        lo.0,
        lo.1 / 1000,
        lh.0,
        lh.1 / 1000
    );
    if ours.terms != hugo.terms {
        differ.push("terms");
    }
    if !differ.is_empty() {
        eprintln!("pages: the builds differ in: {}", differ.join(", "));
        std::process::exit(1);
    }
}
