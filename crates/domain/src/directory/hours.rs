//! When a line answers, and how far an entry can be trusted, at a moment the caller passes in
//! (the laptop's local time and date: nothing here reads a clock).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;
use ts_rs::TS;

use super::model::{Hours, Source, Weekday};

/// An entry last verified longer ago than this is shown as out of date.
pub const STALE_AFTER_DAYS: u32 = 365;

/// Minutes after midnight of `HH:MM` (`24:00` is the end of the day).
pub(crate) fn clock_time(text: &str) -> Option<u32> {
    let (hours, minutes) = text.split_once(':')?;
    let two_digits = |part: &str| {
        (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (hours, minutes) = (two_digits(hours)?, two_digits(minutes)?);
    match (hours, minutes) {
        (24, 0) => Some(24 * 60),
        (0..=23, 0..=59) => Some(hours * 60 + minutes),
        _ => None,
    }
}

fn weekday(day: chrono::Weekday) -> Weekday {
    match day {
        chrono::Weekday::Mon => Weekday::Mon,
        chrono::Weekday::Tue => Weekday::Tue,
        chrono::Weekday::Wed => Weekday::Wed,
        chrono::Weekday::Thu => Weekday::Thu,
        chrono::Weekday::Fri => Weekday::Fri,
        chrono::Weekday::Sat => Weekday::Sat,
        chrono::Weekday::Sun => Weekday::Sun,
    }
}

/// Whether a line with these hours answers at `at` (local time). Public holidays are not in
/// the data: a weekday line may be closed on one, which the Help view says under "open now".
pub fn open_at(hours: &Hours, at: NaiveDateTime) -> bool {
    match hours {
        Hours::Always => true,
        Hours::Weekly { slots } => {
            let day = weekday(at.weekday());
            let minute = at.hour() * 60 + at.minute();
            slots.iter().any(|slot| {
                let opens = clock_time(&slot.opens);
                let closes = clock_time(&slot.closes);
                slot.days.contains(&day)
                    && opens.is_some_and(|opens| minute >= opens)
                    && closes.is_some_and(|closes| minute < closes)
            })
        }
    }
}

/// How far an entry can be trusted today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Freshness {
    /// Confirmed with the service `days` ago, within [`STALE_AFTER_DAYS`].
    Verified { days: u32 },
    /// Confirmed, but longer ago than [`STALE_AFTER_DAYS`].
    Stale { days: u32 },
    /// Taken from its source and never confirmed with the service.
    Unverified,
}

pub fn freshness(source: &Source, today: NaiveDate) -> Freshness {
    let Some(verified) = source
        .verified_on
        .as_deref()
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
    else {
        return Freshness::Unverified;
    };
    let days = u32::try_from((today - verified).num_days().max(0)).unwrap_or(u32::MAX);
    if days > STALE_AFTER_DAYS {
        Freshness::Stale { days }
    } else {
        Freshness::Verified { days }
    }
}
