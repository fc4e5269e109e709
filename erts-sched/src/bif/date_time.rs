//! Dates and times of day: `erlang:universaltime/0`, `localtime/0` and
//! the conversions between them and POSIX seconds, as
//! `{{Year, Month, Day}, {Hour, Minute, Second}}` tuples.
//!
//! FIXME: the local time zone is UTC (local and universal time are the
//! same), which is what this runtime's test machines use; reading the
//! zone needs the C library's tables, and wasm32 has none.

use std::time::{SystemTime, UNIX_EPOCH};

use erts_core::{build, Term};

use super::bifs;
use crate::exception::Exception;
use crate::process::Process;

const SECONDS_PER_DAY: i64 = 86_400;

/// A calendar date and time of day, every field in its range.
#[derive(Clone, Copy)]
struct DateTime {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
}

/// The days from 1970-01-01 to the first of March of `year` (the
/// computation counts years from March, so leap days come last).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl DateTime {
    fn from_posix(seconds: i64) -> DateTime {
        let (year, month, day) = civil_from_days(seconds.div_euclid(SECONDS_PER_DAY));
        let in_day = seconds.rem_euclid(SECONDS_PER_DAY);
        DateTime {
            year,
            month,
            day,
            hour: in_day / 3600,
            minute: in_day / 60 % 60,
            second: in_day % 60,
        }
    }

    fn to_posix(self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * SECONDS_PER_DAY
            + self.hour * 3600
            + self.minute * 60
            + self.second
    }

    fn now() -> DateTime {
        let seconds = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(since) => since.as_secs() as i64,
            Err(before) => -(before.duration().as_secs() as i64),
        };
        DateTime::from_posix(seconds)
    }

    /// Reads `{{Y, Mo, D}, {H, Mi, S}}`; `None` unless it is a valid date
    /// and time from year 0 on (BEAM's range for these BIFs).
    ///
    /// # Safety
    ///
    /// The term is valid.
    unsafe fn read(term: Term) -> Option<DateTime> {
        // SAFETY: forwarded from the caller.
        let [date, time] = unsafe { term.tuple_elements() }? else {
            return None;
        };
        // SAFETY: elements of a valid tuple are valid.
        let [year, month, day] = unsafe { date.tuple_elements() }? else {
            return None;
        };
        // SAFETY: as above.
        let [hour, minute, second] = unsafe { time.tuple_elements() }? else {
            return None;
        };
        let read = DateTime {
            year: year.as_small()?,
            month: month.as_small()?,
            day: day.as_small()?,
            hour: hour.as_small()?,
            minute: minute.as_small()?,
            second: second.as_small()?,
        };
        let valid = read.year >= 0
            && (1..=12).contains(&read.month)
            && (1..=days_in_month(read.year, read.month)).contains(&read.day)
            && (0..24).contains(&read.hour)
            && (0..60).contains(&read.minute)
            && (0..60).contains(&read.second);
        valid.then_some(read)
    }

    fn build(self, process: &mut Process) -> Result<Term, Exception> {
        let small = |n: i64| Term::small(n).ok_or_else(Exception::badarg);
        let date = [small(self.year)?, small(self.month)?, small(self.day)?];
        let time = [small(self.hour)?, small(self.minute)?, small(self.second)?];
        // SAFETY: every term here is an immediate.
        unsafe { process.ensure_room(11, process.live as usize, &mut []) }?;
        process
            .build(|heap| {
                let date = build::tuple(heap, &date)?;
                let time = build::tuple(heap, &time)?;
                build::tuple(heap, &[date, time])
            })
            .ok_or_else(Exception::system_limit)
    }
}

/// `erlang:universaltime/0` and `localtime/0`.
fn universaltime_0(process: &mut Process) -> Result<Term, Exception> {
    DateTime::now().build(process)
}

/// `erlang:universaltime_to_localtime/1`.
///
/// # Safety
///
/// The term is valid.
unsafe fn universaltime_to_localtime_1(
    process: &mut Process,
    date_time: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let read = unsafe { DateTime::read(date_time) }.ok_or_else(Exception::badarg)?;
    read.build(process)
}

/// `erlang:localtime_to_universaltime/2`; with one zone, daylight saving
/// (`true`, `false` or `undefined`) changes nothing.
///
/// # Safety
///
/// The terms are valid.
unsafe fn localtime_to_universaltime_2(
    process: &mut Process,
    date_time: Term,
    is_dst: Term,
) -> Result<Term, Exception> {
    if !matches!(
        is_dst.as_atom().map(|a| a.name()),
        Some("true" | "false" | "undefined")
    ) {
        return Err(Exception::badarg());
    }
    // SAFETY: forwarded from the caller.
    unsafe { universaltime_to_localtime_1(process, date_time) }
}

/// `erlang:universaltime_to_posixtime/1`.
///
/// # Safety
///
/// The term is valid.
unsafe fn universaltime_to_posixtime_1(
    process: &mut Process,
    date_time: Term,
) -> Result<Term, Exception> {
    // SAFETY: forwarded from the caller.
    let read = unsafe { DateTime::read(date_time) }.ok_or_else(Exception::badarg)?;
    super::time::integer(process, read.to_posix())
}

/// `erlang:posixtime_to_universaltime/1`: any integer a date from year 0
/// on can come from.
fn posixtime_to_universaltime_1(process: &mut Process, seconds: Term) -> Result<Term, Exception> {
    let seconds = seconds.as_small().ok_or_else(Exception::badarg)?;
    let date_time = DateTime::from_posix(seconds);
    if date_time.year < 0 || date_time.year > 999_999 {
        return Err(Exception::badarg());
    }
    date_time.build(process)
}

bifs! {
    erlang:"universaltime"/0 () => process universaltime_0;
    erlang:"localtime"/0 () => process universaltime_0;
    erlang:"universaltime_to_localtime"/1 (date_time) => process universaltime_to_localtime_1;
    erlang:"localtime_to_universaltime"/2 (date_time, is_dst) => process localtime_to_universaltime_2;
    erlang:"universaltime_to_posixtime"/1 (date_time) => process universaltime_to_posixtime_1;
    erlang:"posixtime_to_universaltime"/1 (seconds) => process posixtime_to_universaltime_1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for days in [-800_000, -1, 0, 1, 59, 60, 365, 11_016, 20_000, 2_932_896] {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(
                days_from_civil(year, month, day),
                days,
                "{year}-{month}-{day}"
            );
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
