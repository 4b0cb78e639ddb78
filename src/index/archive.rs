//! Date archives: years, months and ISO weeks (the weekly digest), each listing its
//! stories newest first, with neighbours for previous/next links.

use std::collections::BTreeMap;

use jiff::civil::{Date, ISOWeekDate, Weekday};

use crate::article::Article;
use crate::url::Permalink;

/// A month with stories.
#[derive(Debug, Clone)]
pub struct Month {
    /// Calendar year.
    pub year: i16,
    /// 1 to 12.
    pub month: i8,
    /// `/2026/07/`.
    pub permalink: Permalink,
    /// Indexes into the article list, newest first.
    pub articles: Vec<usize>,
}

impl Month {
    /// "July 2026".
    pub fn label(&self) -> String {
        Date::new(self.year, self.month, 1)
            .map(|d| d.strftime("%B %Y").to_string())
            .unwrap_or_default()
    }

    /// "July".
    pub fn name(&self) -> String {
        Date::new(self.year, self.month, 1)
            .map(|d| d.strftime("%B").to_string())
            .unwrap_or_default()
    }
}

/// A year with stories.
#[derive(Debug, Clone)]
pub struct Year {
    /// Calendar year.
    pub year: i16,
    /// `/2026/`.
    pub permalink: Permalink,
    /// Indexes into [`Archive::months`], newest first.
    pub months: Vec<usize>,
    /// How many stories the year has.
    pub count: usize,
}

/// An ISO week with stories: one weekly digest.
#[derive(Debug, Clone)]
pub struct Week {
    /// The ISO week-numbering year.
    pub year: i16,
    /// ISO week 1 to 53.
    pub week: i8,
    /// `/digest/2026-w27/`.
    pub permalink: Permalink,
    /// The week's Monday.
    pub start: Date,
    /// The week's Sunday.
    pub end: Date,
    /// Indexes into the article list, newest first.
    pub articles: Vec<usize>,
}

impl Week {
    /// "Week 27, 2026".
    pub fn label(&self) -> String {
        format!("Week {}, {}", self.week, self.year)
    }
}

/// Years, months and weeks, all newest first.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    /// Years with stories.
    pub years: Vec<Year>,
    /// Months with stories, across all years.
    pub months: Vec<Month>,
    /// Weeks with stories.
    pub weeks: Vec<Week>,
}

impl Archive {
    /// Groups the (newest-first) articles by year, month and ISO week.
    pub fn build(articles: &[Article]) -> Archive {
        let mut months: BTreeMap<(i16, i8), Vec<usize>> = BTreeMap::new();
        let mut weeks: BTreeMap<(i16, i8), Vec<usize>> = BTreeMap::new();
        for (i, a) in articles.iter().enumerate() {
            let d = a.date.date();
            months.entry((d.year(), d.month())).or_default().push(i);
            let w = d.iso_week_date();
            weeks.entry((w.year(), w.week())).or_default().push(i);
        }
        let months: Vec<Month> = months
            .into_iter()
            .rev()
            .map(|((year, month), articles)| Month {
                year,
                month,
                permalink: Permalink::folder(&[format!("{year:04}"), format!("{month:02}")]),
                articles,
            })
            .collect();
        let mut years: Vec<Year> = Vec::new();
        for (i, m) in months.iter().enumerate() {
            match years.last_mut() {
                Some(y) if y.year == m.year => {
                    y.months.push(i);
                    y.count += m.articles.len();
                }
                _ => years.push(Year {
                    year: m.year,
                    permalink: Permalink::folder(&[format!("{:04}", m.year)]),
                    months: vec![i],
                    count: m.articles.len(),
                }),
            }
        }
        let weeks = weeks
            .into_iter()
            .rev()
            .filter_map(|((year, week), articles)| {
                let start = ISOWeekDate::new(year, week, Weekday::Monday).ok()?.date();
                let end = ISOWeekDate::new(year, week, Weekday::Sunday).ok()?.date();
                Some(Week {
                    year,
                    week,
                    permalink: Permalink::folder(&[
                        "digest".to_owned(),
                        format!("{year:04}-w{week:02}"),
                    ]),
                    start,
                    end,
                    articles,
                })
            })
            .collect();
        Archive {
            years,
            months,
            weeks,
        }
    }
}
