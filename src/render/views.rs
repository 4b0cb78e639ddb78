//! Template views: the typed, serialisable data each template receives. They borrow
//! from the read-only [`Site`]; these structs are the documented template API
//! (`docs/templates.md`), so a field added here is a field themes can use.

use std::borrow::Cow;

use serde::Serialize;

use crate::article::Article;
use crate::content::{PubDate, SourceLink};
use crate::index::TaxonomyKind;

/// A name and where it links to.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct LinkView<'a> {
    /// What the link says.
    pub name: &'a str,
    /// Where it goes (a path including the site's base path).
    pub url: Cow<'a, str>,
}

/// A date in the forms templates need.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct DateView<'a> {
    /// RFC 3339, for `<time datetime>`.
    pub iso: Cow<'a, str>,
    /// "July 5, 2026".
    pub display: Cow<'a, str>,
    /// Calendar year.
    pub year: i16,
    /// 1 to 12.
    pub month: i8,
    /// 1 to 31.
    pub day: i8,
}

impl DateView<'static> {
    /// A date formatted now (for dates shown on one page only).
    fn of(d: &PubDate) -> DateView<'static> {
        let civil = d.date();
        DateView {
            iso: Cow::Owned(d.rfc3339()),
            display: Cow::Owned(d.display()),
            year: civil.year(),
            month: civil.month(),
            day: civil.day(),
        }
    }
}

impl<'a> DateView<'a> {
    /// An article's publication date, from the strings made once at assembly.
    fn published(a: &'a Article) -> DateView<'a> {
        let civil = a.date.date();
        DateView {
            iso: Cow::Borrowed(&a.date_iso),
            display: Cow::Borrowed(&a.date_display),
            year: civil.year(),
            month: civil.month(),
            day: civil.day(),
        }
    }
}

/// What the site as a whole offers every template, as `site`.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// The brand, "Smart Picks".
    pub title: &'a str,
    /// One line about the site.
    pub description: &'a str,
    /// BCP 47 language tag.
    pub language: &'a str,
    /// The absolute URL of the home page.
    pub url: String,
    /// The base path every link starts with (`/` or `/picks/`); assets live under it.
    pub base_path: &'a str,
    /// The declared categories, for navigation.
    pub categories: Vec<CategoryView<'a>>,
    /// Links to the site's index pages.
    pub nav: NavView,
}

/// Links to the index pages.
#[derive(Debug, Serialize)]
pub struct NavView {
    /// `/`.
    pub home: String,
    /// `/categories/`.
    pub categories: String,
    /// `/tags/`.
    pub tags: String,
    /// `/parties/`.
    pub parties: String,
    /// `/authors/`, when the site declares authors.
    pub authors: Option<String>,
    /// `/archive/`.
    pub archive: String,
    /// `/digest/`.
    pub digest: String,
    /// `/corrections/`.
    pub corrections: String,
    /// `/search/`, when the site has search.
    pub search: Option<String>,
}

/// A category with its description and story count.
#[derive(Debug, Serialize)]
pub struct CategoryView<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its page.
    pub url: String,
    /// Its one-line description.
    pub description: &'a str,
}

/// One name of a byline. A declared author links to their page; on a site that
/// declares none, bylines are free text and link nowhere.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct BylineView<'a> {
    /// The author's name (the declared spelling, when declared).
    pub name: &'a str,
    /// The author's page (a path including the site's base path), if they have one.
    pub url: Option<&'a str>,
}

/// A story as lists show it: kicker, date, headline, dek, parties, byline.
#[derive(Debug, Hash, Serialize)]
pub struct StoryCard<'a> {
    /// The headline.
    pub title: &'a str,
    /// Its page.
    pub url: &'a str,
    /// The category kicker.
    pub category: LinkView<'a>,
    /// Publication date.
    pub date: DateView<'a>,
    /// The dek.
    pub summary: &'a str,
    /// Parties, each linking to its page.
    pub parties: Vec<LinkView<'a>>,
    /// The byline, in the order written (the site's default `author` when the
    /// story names none).
    pub authors: Vec<BylineView<'a>>,
    /// An editor's pick.
    pub featured: bool,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// Lead image, if any.
    pub image: Option<&'a str>,
    /// Lead image's alternative text.
    pub image_alt: Option<&'a str>,
    /// A small version of the lead image when it is a picture of the site (not an
    /// external URL or an SVG), to show with `width`, `height` and lazy loading.
    pub thumbnail: Option<ThumbnailView>,
    /// The lead picture, for outputs that pick their own variant (email editions).
    #[serde(skip)]
    pub picture: Option<&'a crate::media::Picture>,
}

/// A whole article, as `article` in `article.html`.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    /// Everything a list shows.
    pub card: StoryCard<'a>,
    /// The dek to show under the headline: the writer's `summary`. `None` when the
    /// story has none, since its summary is then the body's first paragraph, which
    /// the page shows already.
    pub dek: Option<&'a str>,
    /// The body as HTML (print it with `| safe`).
    pub content: &'a str,
    /// The lead image as a `<picture>`'s parts (`srcset`s, `sizes`, `width`,
    /// `height`) when it is a picture of the site; `None` for an external URL, an
    /// SVG or no image (then `card.image` as written is all there is).
    pub picture: Option<PictureView>,
    /// Tags, each linking to its page.
    pub tags: Vec<LinkView<'a>>,
    /// Primary sources.
    pub sources: &'a [SourceLink],
    /// The byline's names as one text ("Dana Okafor and Lena Brandt"), for themes
    /// written before `card.authors`, which links each name.
    pub author: Option<String>,
    /// Last update, when front-matter has `updated`.
    pub updated: Option<DateView<'static>>,
    /// When the story last changed after it went out: the latest of `updated` and
    /// its corrections (never before publication); `None` when it has neither. The
    /// date feeds, sitemaps and JSON-LD give as modified.
    pub modified: Option<DateView<'static>>,
    /// Corrections, newest first.
    pub corrections: Vec<CorrectionView<'a>>,
    /// The table of contents: each H2 with the H3s under it as `children` (an H3
    /// before any H2 stands on its own).
    pub toc: Vec<TocItem<'a>>,
    /// How many H2 and H3 headings the body has.
    pub toc_headings: usize,
    /// Words in the body.
    pub words: usize,
    /// How many video embeds the body has; a theme loads its player script only
    /// when there are any.
    pub embeds: usize,
    /// The older story before this one.
    pub previous: Option<StoryCard<'a>>,
    /// The newer story after this one.
    pub next: Option<StoryCard<'a>>,
    /// Related stories, best first.
    pub related: Vec<StoryCard<'a>>,
}

/// A correction on its story's page.
#[derive(Debug, Serialize)]
pub struct CorrectionView<'a> {
    /// When it was made.
    pub date: DateView<'static>,
    /// The note as HTML, sanitised, with no paragraph around it (print it with
    /// `| safe`).
    pub html: &'a str,
}

/// A correction on the corrections page, with the story it corrects.
#[derive(Debug, Serialize)]
pub struct CorrectionEntryView<'a> {
    /// When it was made.
    pub date: DateView<'static>,
    /// The note as HTML, sanitised, with no paragraph around it (print it with
    /// `| safe`).
    pub html: &'a str,
    /// The story: its headline and its page.
    pub story: LinkView<'a>,
}

/// Page links of a paginated list, as `pagination`.
#[derive(Debug, Serialize)]
pub struct PaginationView {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages there are.
    pub total: usize,
    /// The previous page, if any.
    pub previous: Option<String>,
    /// The next page, if any.
    pub next: Option<String>,
    /// Numbered links worth showing: the first and last pages and those within
    /// [`PAGE_WINDOW`] of the current one (never all pages: that would make a long
    /// archive quadratic to render).
    pub pages: Vec<PageLink>,
}

/// One numbered page link.
#[derive(Debug, Serialize)]
pub struct PageLink {
    /// Page number.
    pub number: usize,
    /// Its URL.
    pub url: String,
    /// Whether it is the page being shown.
    pub current: bool,
    /// Whether pages were left out just before this one (show an ellipsis).
    pub gap_before: bool,
}

/// How many numbered pages either side of the current one are linked.
pub const PAGE_WINDOW: usize = 2;

/// A taxonomy term, as lists and term pages show it.
#[derive(Debug, Serialize)]
pub struct TermView<'a> {
    /// Its display name.
    pub name: &'a str,
    /// Its page.
    pub url: String,
    /// How many stories carry it.
    pub count: usize,
    /// A description, if the site gives one.
    pub description: Option<&'a str>,
    /// A party's website, or an author's own page, if declared.
    pub website: Option<&'a str>,
    /// What `[[authors]]` says about an author (authors only).
    pub author: Option<AuthorView<'a>>,
}

/// A declared author's profile, as `term.author` on author pages and the list of
/// authors.
#[derive(Debug, Serialize)]
pub struct AuthorView<'a> {
    /// The bio as HTML, rendered from Markdown and sanitised (print it with `| safe`).
    pub bio: Option<&'a str>,
    /// The portrait as written in `site.toml` (a site path or URL).
    pub avatar: Option<&'a str>,
    /// The author's job on the site.
    pub role: Option<&'a str>,
    /// The author's own web page.
    pub url: Option<&'a str>,
    /// Profiles elsewhere.
    pub same_as: &'a [String],
}

/// Which taxonomy a page belongs to, as `taxonomy`.
#[derive(Debug, Serialize)]
pub struct TaxonomyView {
    /// `category`, `tag`, `party` or `author`.
    pub kind: TaxonomyKind,
    /// "Categories", "Tags", "Parties", "Authors".
    pub title: &'static str,
    /// The list page.
    pub url: String,
}

/// A month in the archive.
#[derive(Debug, Serialize)]
pub struct MonthView<'a> {
    /// "July 2026".
    pub label: String,
    /// "July".
    pub name: String,
    /// Calendar year.
    pub year: i16,
    /// 1 to 12.
    pub month: i8,
    /// Its page.
    pub url: String,
    /// How many stories it has.
    pub count: usize,
    /// Its stories: all of them on its own page, the newest few on its year's page,
    /// none elsewhere.
    pub stories: Vec<StoryCard<'a>>,
}

/// A year in the archive.
#[derive(Debug, Serialize)]
pub struct YearView<'a> {
    /// Calendar year.
    pub year: i16,
    /// Its page.
    pub url: String,
    /// How many stories it has.
    pub count: usize,
    /// Its months, newest first.
    pub months: Vec<MonthView<'a>>,
}

/// One week's digest.
#[derive(Debug, Serialize)]
pub struct WeekView<'a> {
    /// "Week 27, 2026".
    pub label: String,
    /// ISO week-numbering year.
    pub year: i16,
    /// ISO week number.
    pub week: i8,
    /// Its page.
    pub url: String,
    /// Monday, "June 29, 2026".
    pub start: String,
    /// Sunday, "July 5, 2026".
    pub end: String,
    /// How many stories it has.
    pub count: usize,
    /// Stories grouped by category, in the site's category order (digest page only).
    pub groups: Vec<DigestGroup<'a>>,
}

/// One category's stories within a week.
#[derive(Debug, Serialize)]
pub struct DigestGroup<'a> {
    /// The category.
    pub category: LinkView<'a>,
    /// Its stories that week, newest first.
    pub stories: Vec<StoryCard<'a>>,
}

mod build;
pub mod picture;
mod toc;

pub use picture::{PictureView, ThumbnailView};
pub use toc::TocItem;

pub use build::Views;
