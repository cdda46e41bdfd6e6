//! Moments as the officer types and reads them: Europe/Amsterdam wall-clock time, summer
//! time included, stored as UTC.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validation::{parse_date, Errors, FieldCode};

/// The zone every time is typed and shown in.
pub const ZONE: Tz = Amsterdam;

/// A moment typed as a date with or without a time of day (`24-11-2026 14:30` or
/// `24-11-2026`): often only the day of an event is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Moment {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl Moment {
    /// The earliest instant the moment can mean (the start of its day without a time).
    pub fn earliest(&self) -> DateTime<Utc> {
        local_to_utc(self.date.and_time(self.time.unwrap_or(NaiveTime::MIN)))
            .unwrap_or_else(|| first_valid_after(self.date.and_time(NaiveTime::MIN)))
    }

    /// The latest instant the moment can mean (the end of its day without a time).
    pub fn latest(&self) -> DateTime<Utc> {
        match self.time {
            Some(_) => self.earliest(),
            None => {
                let next_day = self.date.succ_opt().unwrap_or(self.date);
                Moment {
                    date: next_day,
                    time: None,
                }
                .earliest()
                    - Duration::seconds(1)
            }
        }
    }

    /// As the officer reads it: `24-11-2026 14:30` or `24-11-2026`.
    pub fn display(&self) -> String {
        match self.time {
            Some(time) => format!("{} {}", self.date.format("%d-%m-%Y"), time.format("%H:%M")),
            None => self.date.format("%d-%m-%Y").to_string(),
        }
    }
}

/// Reads `dd-mm-jjjj`, optionally followed by `uu:mm`; a time that does not exist in
/// Amsterdam (the hour skipped when summer time starts) is refused.
pub fn parse_moment(text: &str) -> Result<Moment, FieldCode> {
    let text = text.trim();
    let (date_text, time_text) = match text.split_once([' ', 'T']) {
        Some((date, time)) => (date, Some(time.trim())),
        None => (text, None),
    };
    let date = parse_date(date_text).ok_or(FieldCode::InvalidDate)?;
    let time = match time_text {
        None | Some("") => None,
        Some(time) => Some(parse_time(time).ok_or(FieldCode::InvalidTime)?),
    };
    if let Some(time) = time {
        local_to_utc(date.and_time(time)).ok_or(FieldCode::NonexistentTime)?;
    }
    Ok(Moment { date, time })
}

/// Amsterdam wall-clock time as UTC; the first of the two when clocks go back, `None` in
/// the hour that is skipped when they go forward.
pub fn local_to_utc(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    ZONE.from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// A stored instant as the officer reads it: `29-03-2026 13:00`.
pub fn display_local(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&ZONE)
        .format("%d-%m-%Y %H:%M")
        .to_string()
}

/// The instant as it goes in a file or folder name, in Amsterdam time and sortable:
/// `2026-03-29 13.00.05` (no colons, which Windows refuses in names).
pub fn file_stamp(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&ZONE)
        .format("%Y-%m-%d %H.%M.%S")
        .to_string()
}

/// The instant as a moment with its time of day, in Amsterdam.
pub fn moment_of(instant: DateTime<Utc>) -> Moment {
    let local = instant.with_timezone(&ZONE).naive_local();
    Moment {
        date: local.date(),
        time: Some(
            NaiveTime::from_hms_opt(
                chrono::Timelike::hour(&local),
                chrono::Timelike::minute(&local),
                0,
            )
            .unwrap_or(NaiveTime::MIN),
        ),
    }
}

/// The calendar date of an instant in Amsterdam.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&ZONE).date_naive()
}

/// The instant `days` calendar days after `instant` at the same wall-clock time in
/// Amsterdam, so a term crossing a change of summer time is still whole days to the officer
/// (a time that falls in the skipped hour moves to the first valid minute after it).
pub fn add_local_days(instant: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    let local = instant.with_timezone(&ZONE).naive_local() + chrono::Duration::days(days.into());
    local_to_utc(local).unwrap_or_else(|| first_valid_after(local))
}

/// The last second of a calendar day in Amsterdam: a deadline that runs to the end of the
/// day. (Midnight always exists there: summer time changes at 02:00 and 03:00.)
pub fn end_of_local_day(day: NaiveDate) -> DateTime<Utc> {
    let next = (day + Duration::days(1)).and_time(NaiveTime::MIN);
    local_to_utc(next).unwrap_or_else(|| first_valid_after(next)) - Duration::seconds(1)
}

/// The calendar year of an instant in Amsterdam.
pub fn local_year(instant: DateTime<Utc>) -> i32 {
    chrono::Datelike::year(&instant.with_timezone(&ZONE))
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    let (hours, minutes) = text.split_once([':', '.'])?;
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    NaiveTime::from_hms_opt(number(hours)?, number(minutes)?, 0)
}

fn first_valid_after(local: NaiveDateTime) -> DateTime<Utc> {
    (1..=180)
        .find_map(|minutes| local_to_utc(local + Duration::minutes(minutes)))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

/// Moments typed in a form, checked with the form's other fields (here rather than in
/// `validation`, which this module builds on).
impl Errors {
    /// Reads a required moment (`24-11-2026` or `24-11-2026 14:30`, Amsterdam time) that has
    /// passed; its earliest instant.
    pub fn past_moment(
        &mut self,
        field: &str,
        value: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        if value.trim().is_empty() {
            self.add(field, FieldCode::Required);
            return None;
        }
        match parse_moment(value) {
            Ok(m) if m.earliest() > now => {
                self.add(field, FieldCode::InFuture);
                None
            }
            Ok(m) => Some(m.earliest()),
            Err(code) => {
                self.add(field, code);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn typed_moments() {
        let m = parse_moment("24-11-2026 14:30").unwrap();
        assert_eq!(m.display(), "24-11-2026 14:30");
        assert_eq!(m.earliest(), utc("2026-11-24T13:30:00Z"));
        assert_eq!(
            parse_moment(" 2026-11-24 9.05 ").unwrap().display(),
            "24-11-2026 09:05"
        );
        let day = parse_moment("24-11-2026").unwrap();
        assert_eq!(day.display(), "24-11-2026");
        assert_eq!(day.earliest(), utc("2026-11-23T23:00:00Z"));
        assert_eq!(day.latest(), utc("2026-11-24T22:59:59Z"));
        for bad in [
            "",
            "24-13-2026",
            "24-11-2026 25:00",
            "24-11-2026 14",
            "gisteren",
        ] {
            assert!(parse_moment(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn summer_time_in_typed_moments() {
        // Clocks go forward at 02:00 on 29 March 2026: 02:30 never happened.
        assert_eq!(
            parse_moment("29-03-2026 02:30"),
            Err(FieldCode::NonexistentTime)
        );
        assert_eq!(
            parse_moment("29-03-2026 03:30").unwrap().earliest(),
            utc("2026-03-29T01:30:00Z")
        );
        // Clocks go back at 03:00 on 25 October 2026: 02:30 happened twice; the first counts.
        assert_eq!(
            parse_moment("25-10-2026 02:30").unwrap().earliest(),
            utc("2026-10-25T00:30:00Z")
        );
        // The day of the change has 23 and 25 hours.
        let spring = parse_moment("29-03-2026").unwrap();
        assert_eq!(
            spring.latest() - spring.earliest(),
            Duration::hours(23) - Duration::seconds(1)
        );
        let autumn = parse_moment("25-10-2026").unwrap();
        assert_eq!(
            autumn.latest() - autumn.earliest(),
            Duration::hours(25) - Duration::seconds(1)
        );
    }

    #[test]
    fn shown_in_amsterdam_time() {
        assert_eq!(
            display_local(utc("2026-07-01T10:00:00Z")),
            "01-07-2026 12:00"
        );
        assert_eq!(
            display_local(utc("2026-12-01T10:00:00Z")),
            "01-12-2026 11:00"
        );
        assert_eq!(
            moment_of(utc("2026-12-31T23:30:00Z")).display(),
            "01-01-2027 00:30"
        );
        assert_eq!(local_year(utc("2026-12-31T23:30:00Z")), 2027);
        // File names: Amsterdam time, whatever the machine's zone, and no colons.
        assert_eq!(
            file_stamp(utc("2026-07-01T10:00:05Z")),
            "2026-07-01 12.00.05"
        );
    }
}
