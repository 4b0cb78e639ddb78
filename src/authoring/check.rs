//! `smartpicks check`: the build's own stages run in memory, so it reports exactly what
//! `build` would reject (front-matter, links between stories, clashing URLs, theme and
//! template errors), but all at once and without writing a file. Then the warnings of
//! [`super::warnings`] on top.
//!
//! Stories are checked twice: once as a plain build sees them (so a link to a draft
//! is the error it is in `build`), and once with drafts and future stories included,
//! so those are validated and rendered too before they are published. When asked,
//! the external links of the stories a build publishes are requested last
//! ([`super::links`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::links::{self, LinkSummary};
use super::schedule::{self, Scheduled};
use super::warnings::{self, Checked};
use super::{CheckOptions, CheckReport};
use crate::article;
use crate::build::assemble_site;
use crate::config::Config;
use crate::content::{self, Selection, Story};
use crate::engine::Plan;
use crate::error::{Code, Diagnostic, Error, Result};
use crate::render::{Theme, check_static_clashes, routes};
use crate::site::Site;

/// How many times assembly is tried; each failed round takes the stories it named out
/// of the way, and there are at most three kinds of round (bodies, placement, URLs).
const ASSEMBLY_ROUNDS: usize = 4;

/// Checks a site without writing output.
pub fn check(options: &CheckOptions) -> Result<CheckReport> {
    let now = options.now.unwrap_or_else(jiff::Timestamp::now);
    let mut findings = Vec::new();
    let config = match Config::load(&options.root) {
        Ok(config) => config,
        Err(e) => {
            // Nothing else can be read without the configuration.
            findings.extend(diagnostics_of(e));
            return Ok(report(findings, Vec::new(), None, now));
        }
    };
    let theme = match Theme::load(&config) {
        Ok(mut theme) => {
            // Nothing is written: cards are laid out and parsed, not drawn or kept.
            theme.media = crate::media::MediaStore::disabled();
            theme.draw_cards = false;
            Some(theme)
        }
        Err(e) => {
            findings.extend(diagnostics_of(e));
            None
        }
    };
    let (checked, invalid) = match load_stories(&config, &mut findings) {
        Ok(loaded) => loaded,
        Err(e) => {
            findings.extend(diagnostics_of(e));
            return Ok(report(findings, Vec::new(), None, now));
        }
    };
    let scheduled = schedule::scheduled(&checked, now);
    let stories: Vec<Story> = checked.iter().map(|c| c.story.clone()).collect();

    // A link to a story whose front-matter is broken is not a second problem.
    let about_invalid = |d: &Diagnostic| {
        d.code == Code::BrokenLink
            && invalid
                .iter()
                .any(|p| d.message.contains(&format!("{},", p.display())))
    };
    let as_built = Selection {
        drafts: false,
        future: false,
        now,
    };
    if let Err(e) = article::assemble(&config, stories.iter().collect(), &as_built) {
        findings.extend(diagnostics_of(e).into_iter().filter(|d| !about_invalid(d)));
    }
    let site = assemble_everything(&config, stories, now, &mut findings, &about_invalid)?;
    let pages = match &site {
        Some(site) => render_everything(site, theme.as_ref(), &mut findings)?,
        None => None,
    };
    findings.extend(warnings::warnings(&config, &checked, pages.as_ref(), now));
    if let Some(theme) = &theme {
        findings.extend(warnings::hidden_corrections(&options.root, theme, &checked));
    }
    let links = options.links.map(|link_options| {
        let published: Vec<&Story> = checked
            .iter()
            .map(|c| &c.story)
            .filter(|s| as_built.includes(&s.front))
            .collect();
        let (dead, summary) = links::check_links(&published, &link_options);
        findings.extend(dead);
        summary
    });
    Ok(report(findings, scheduled, links, now))
}

fn report(
    mut findings: Vec<Diagnostic>,
    scheduled: Vec<Scheduled>,
    links: Option<LinkSummary>,
    now: jiff::Timestamp,
) -> CheckReport {
    findings.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, a.code, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, b.code, &b.message))
    });
    // The two passes over the stories find many of the same problems.
    findings.dedup();
    CheckReport {
        findings,
        scheduled,
        links,
        now,
    }
}

/// Reads every story; the valid ones come back with their text, the paths of the
/// invalid ones beside them, and their diagnostics go into `findings`.
fn load_stories(
    config: &Config,
    findings: &mut Vec<Diagnostic>,
) -> Result<(Vec<Checked>, Vec<PathBuf>)> {
    let files = content::story_files(&config.root)?;
    let results: Vec<_> = files
        .par_iter()
        .map(|rel| {
            // Read once, through the same checks as a build's `read_story`.
            let text = content::read_text(&config.root, rel)?;
            content::parse_story(config, rel, &text).map(|story| Checked { story, text })
        })
        .collect();
    let mut checked = Vec::with_capacity(results.len());
    let mut invalid = Vec::new();
    for (rel, result) in files.into_iter().zip(results) {
        match result {
            Ok(c) => checked.push(c),
            Err(ds) => {
                findings.extend(ds);
                invalid.push(rel);
            }
        }
    }
    Ok((checked, invalid))
}

/// Assembles the site with drafts and future stories included. When assembly fails,
/// the stories it named are left out (or lose their body, for broken links) and it
/// is tried again, so problems that only show once the others are out of the way
/// (clashing URLs, template errors) are found in the same run; the site is returned
/// once it assembles.
fn assemble_everything(
    config: &Config,
    mut stories: Vec<Story>,
    now: jiff::Timestamp,
    findings: &mut Vec<Diagnostic>,
    about_invalid: &dyn Fn(&Diagnostic) -> bool,
) -> Result<Option<Site>> {
    let selection = Selection {
        drafts: true,
        future: true,
        now,
    };
    for round in 0..ASSEMBLY_ROUNDS {
        let ds = match assemble_site(config.clone(), &stories, &selection) {
            Ok(site) => return Ok(Some(site)),
            Err(Error::Content(ds)) => ds.0,
            Err(e) => {
                findings.extend(diagnostics_of(e));
                return Ok(None);
            }
        };
        // A story with a broken link keeps its place (its URL may clash with
        // another's) without the body and corrections, where links are; any other
        // problem leaves the story out.
        let mut changed = false;
        let linking: HashSet<&Path> = ds
            .iter()
            .filter(|d| keeps_place(d.code))
            .map(|d| d.file.as_path())
            .collect();
        for s in stories.iter_mut() {
            let has_links = !s.body.is_empty() || !s.front.corrections.is_empty();
            if linking.contains(s.path.as_path()) && has_links {
                s.body.clear();
                s.front.corrections.clear();
                changed = true;
            }
        }
        let named: HashSet<&Path> = ds
            .iter()
            .filter(|d| !keeps_place(d.code))
            .map(|d| d.file.as_path())
            .collect();
        let before = stories.len();
        stories.retain(|s| !named.contains(s.path.as_path()));
        changed |= stories.len() < before;
        // After the first round, links to the stories left out look broken but are not.
        findings.extend(
            ds.into_iter()
                .filter(|d| !about_invalid(d) && (round == 0 || d.code != Code::BrokenLink)),
        );
        if !changed {
            return Ok(None);
        }
    }
    Ok(None)
}

/// Whether a story with this problem keeps its place (and URL) in the next assembly
/// round, without its body and corrections: the problem is in those alone.
fn keeps_place(code: Code) -> bool {
    matches!(code, Code::BrokenLink | Code::UnsafeUrl)
}

/// Renders every route in memory to catch template errors (when the theme loaded);
/// returns the site's page paths, for the missing-asset warnings.
fn render_everything(
    site: &Site,
    theme: Option<&Theme>,
    findings: &mut Vec<Diagnostic>,
) -> Result<Option<HashSet<String>>> {
    let table = match routes(site) {
        Ok(table) => table,
        Err(e) => {
            findings.extend(diagnostics_of(e));
            return Ok(None);
        }
    };
    let pages = table
        .routes
        .iter()
        .map(|r| r.permalink(site).as_str().to_owned())
        .collect();
    let Some(theme) = theme else {
        return Ok(Some(pages));
    };
    // The build's own plan: its route table and pages. A static file clashing with
    // a page is reported, and the pages are still rendered for template errors.
    let clashes = crate::engine::bundles::files(site)
        .and_then(|bundled| check_static_clashes(site, &table, &theme.static_dirs, &bundled));
    if let Err(e) = clashes {
        findings.extend(diagnostics_of(e));
    }
    let plan = match Plan::of_table(site, theme, table) {
        Ok(plan) => plan,
        Err(e) => {
            findings.extend(diagnostics_of(e));
            return Ok(Some(pages));
        }
    };
    // Pictures are decoded as a build would decode them, not resized or kept; the
    // store is only read, to skip sources an earlier build already decoded.
    let store = crate::media::MediaStore::open(&site.config.root);
    findings.extend(crate::media::Outputs::new(site, &plan.assets, &store).verify());
    let errors = plan.render_errors(site, theme);
    // A broken template fails every page that uses it; once is enough to say so.
    let mut seen = HashSet::new();
    for e in errors {
        let repeated = match &e {
            Error::Render {
                template,
                line,
                message,
                ..
            } => !seen.insert((template.clone(), *line, message.clone())),
            _ => false,
        };
        if repeated {
            continue;
        }
        findings.extend(diagnostics_of(e));
    }
    Ok(Some(pages))
}

/// The findings an error stands for: every error `build` can stop with is a finding
/// of `check`.
fn diagnostics_of(e: Error) -> Vec<Diagnostic> {
    match e {
        Error::Config(d) => vec![d],
        Error::Theme(d) => vec![d],
        Error::Content(ds) => ds.0,
        Error::Render {
            template,
            line,
            page,
            message,
        } => vec![
            Diagnostic::new(
                Code::TemplateError,
                template,
                line,
                format!("{message} (while rendering {page})"),
            )
            .hint("fix the template; what each template receives is in docs/templates.md"),
        ],
        // A folder or file that cannot be read is a finding too, so `--format json`
        // stays JSON whatever goes wrong.
        Error::Io {
            action,
            path,
            source,
        } => vec![
            Diagnostic::new(Code::Unreadable, path, 0, format!("{action}: {source}"))
                .hint("check that the path exists and can be read"),
        ],
        Error::UnsafeOutput { path, reason, hint } => {
            vec![Diagnostic::new(Code::Unreadable, path, 0, reason).hint(hint)]
        }
        Error::Copy {
            from,
            to,
            source,
            hint,
        } => {
            let d = Diagnostic::new(
                Code::Unreadable,
                from,
                0,
                format!("cannot copy to {}: {source}", to.display()),
            );
            vec![match hint {
                Some(h) => d.hint(h),
                None => d,
            }]
        }
        Error::Usage(message) => vec![Diagnostic::new(Code::InvalidConfig, "", 0, message)],
    }
}
