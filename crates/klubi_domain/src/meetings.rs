//! Meetings of a group: their kinds, what each kind needs, the sensible range of
//! their times, and the "different time than usual" flag of excursions (the
//! Tampere seed saw weaker commitment when a fair was at another time).

use crate::formats::Theme;
use crate::validation::Invalid;
use jiff::civil::{DateTime, Time, Weekday};
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use std::collections::HashMap;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    Regular,
    /// A guest organisation visits (e.g. mock interviews by a recruitment firm).
    GuestVisit,
    /// The group goes elsewhere (e.g. a recruitment fair).
    Excursion,
    /// Online, with a link shown only to the group's members.
    Online,
}

impl MeetingKind {
    pub const ALL: [MeetingKind; 4] = [
        MeetingKind::Regular,
        MeetingKind::GuestVisit,
        MeetingKind::Excursion,
        MeetingKind::Online,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Regular => "regular",
            MeetingKind::GuestVisit => "guest_visit",
            MeetingKind::Excursion => "excursion",
            MeetingKind::Online => "online",
        }
    }

    pub fn name_key(self) -> String {
        format!("meeting-kind-{}", self.as_str().replace('_', "-"))
    }
}

impl FromStr for MeetingKind {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MeetingKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or("error-meeting-kind-unknown")
    }
}

pub const MAX_MEETING_MINUTES: i64 = 12 * 60;
/// Meetings may be recorded after the fact, but not decades away from today.
pub const MAX_YEARS_FROM_NOW: i64 = 5;

/// A meeting as entered, before checks. Times are already instants; the caller
/// parsed them from RFC 3339 (API) or local date and time (pages).
#[derive(Debug, Clone, Default)]
pub struct MeetingDraft {
    pub starts_at: Option<Timestamp>,
    pub ends_at: Option<Timestamp>,
    pub kind: String,
    pub theme: String,
    pub title: String,
    pub location: String,
    pub agenda: String,
    pub guest_organisation: String,
    pub guest_purpose: String,
    pub online_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingInput {
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub kind: MeetingKind,
    pub theme: Theme,
    pub title: Option<String>,
    pub location: String,
    pub agenda: String,
    pub guest_organisation: Option<String>,
    pub guest_purpose: Option<String>,
    pub online_url: Option<String>,
}

fn opt(s: String) -> Option<String> {
    if s.is_empty() { None } else { Some(s) }
}

/// An http(s) address without spaces: what a meeting link has to be to be clicked.
pub fn parse_url(s: &str) -> Result<String, &'static str> {
    let t = s.trim();
    let rest = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
        .ok_or("error-url-invalid")?;
    if rest.is_empty()
        || t.len() > 500
        || t.chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return Err("error-url-invalid");
    }
    Ok(t.to_string())
}

impl MeetingDraft {
    /// Every rule of a meeting; `now` bounds the sensible range of dates.
    pub fn validate(self, now: Timestamp) -> Result<MeetingInput, Invalid> {
        let mut inv = Invalid::default();
        let span = SignedDuration::from_hours(24 * 366 * MAX_YEARS_FROM_NOW);
        let in_range = |t: Timestamp| t.duration_since(now).abs() <= span;
        match self.starts_at {
            None => inv.push("starts_at", "error-meeting-time-invalid"),
            Some(s) if !in_range(s) => inv.push("starts_at", "error-meeting-date-range"),
            Some(_) => {}
        }
        match (self.starts_at, self.ends_at) {
            (_, None) => inv.push("ends_at", "error-meeting-time-invalid"),
            (Some(s), Some(e)) if e <= s => inv.push("ends_at", "error-meeting-ends-before-start"),
            (Some(s), Some(e))
                if e.duration_since(s) > SignedDuration::from_mins(MAX_MEETING_MINUTES) =>
            {
                inv.push("ends_at", "error-meeting-too-long")
            }
            _ => {}
        }
        let kind = inv.check("kind", self.kind.trim().parse::<MeetingKind>());
        let theme = inv.check("theme", self.theme.trim().parse::<Theme>());
        let title = inv.check("title", crate::people::clean_text(&self.title, 0, 200));
        let location = inv.check(
            "location",
            crate::people::clean_text(&self.location, 0, 300),
        );
        let agenda = inv.check(
            "agenda",
            crate::people::clean_multiline(&self.agenda, 0, 4000),
        );
        let guest_org = inv.check(
            "guest_organisation",
            crate::people::clean_text(&self.guest_organisation, 0, 200),
        );
        let guest_purpose = inv.check(
            "guest_purpose",
            crate::people::clean_text(&self.guest_purpose, 0, 300),
        );
        let url = if self.online_url.trim().is_empty() {
            Some(String::new())
        } else {
            inv.check("online_url", parse_url(&self.online_url))
        };
        if theme == Some(Theme::Other) && title.as_deref() == Some("") {
            inv.push("title", "error-format-other-title");
        }
        match kind {
            Some(MeetingKind::GuestVisit) if guest_org.as_deref() == Some("") => {
                inv.push("guest_organisation", "error-meeting-guest-required")
            }
            Some(MeetingKind::Excursion) if location.as_deref() == Some("") => {
                inv.push("location", "error-meeting-location-required")
            }
            Some(MeetingKind::Online) if url.as_deref() == Some("") => {
                inv.push("online_url", "error-meeting-url-required")
            }
            _ => {}
        }
        if !inv.is_empty() {
            return Err(inv);
        }
        match (
            self.starts_at,
            self.ends_at,
            kind,
            theme,
            title,
            location,
            agenda,
            guest_org,
            guest_purpose,
            url,
        ) {
            (
                Some(starts_at),
                Some(ends_at),
                Some(kind),
                Some(theme),
                Some(title),
                Some(location),
                Some(agenda),
                Some(g),
                Some(gp),
                Some(url),
            ) => {
                let guest = kind == MeetingKind::GuestVisit;
                Ok(MeetingInput {
                    starts_at,
                    ends_at,
                    kind,
                    theme,
                    title: opt(title),
                    location,
                    agenda,
                    guest_organisation: if guest { opt(g) } else { None },
                    guest_purpose: if guest { opt(gp) } else { None },
                    online_url: opt(url),
                })
            }
            _ => Err(Invalid::one("body", "error-required")),
        }
    }
}

/// Why a meeting moved or was cancelled: required, so the group can be told.
pub fn parse_reason(s: &str) -> Result<String, &'static str> {
    crate::people::clean_multiline(s, 2, 1000).map_err(|e| {
        if e == "error-required" {
            "error-reason-required"
        } else {
            e
        }
    })
}

/// The group's usual meeting time: the most common local start time of its
/// regular meetings (earliest on a tie), and the weekdays they fall on.
pub fn usual_time(regular: &[DateTime]) -> Option<(Time, Vec<Weekday>)> {
    let mut counts: HashMap<Time, usize> = HashMap::new();
    for d in regular {
        *counts.entry(d.time()).or_default() += 1;
    }
    let time = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(t, _)| t)?;
    let mut days: Vec<Weekday> = regular.iter().map(|d| d.weekday()).collect();
    days.sort_by_key(|d| d.to_monday_one_offset());
    days.dedup();
    Some((time, days))
}

/// Whether a meeting falls outside the group's usual weekdays or start time.
/// With no regular meetings there is no "usual" to differ from.
pub fn at_unusual_time(start: DateTime, regular: &[DateTime]) -> bool {
    match usual_time(regular) {
        Some((time, days)) => start.time() != time || !days.contains(&start.weekday()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn draft(kind: &str) -> MeetingDraft {
        MeetingDraft {
            starts_at: Some("2026-11-23T07:00:00Z".parse().unwrap()),
            ends_at: Some("2026-11-23T10:00:00Z".parse().unwrap()),
            kind: kind.into(),
            theme: "cv".into(),
            ..Default::default()
        }
    }

    fn now() -> Timestamp {
        "2026-11-01T00:00:00Z".parse().unwrap()
    }

    fn fields(r: Result<MeetingInput, Invalid>) -> Vec<String> {
        r.unwrap_err().0.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_regular_meeting_needs_only_times_and_a_theme() {
        let m = draft("regular").validate(now()).unwrap();
        assert_eq!(m.kind, MeetingKind::Regular);
        assert_eq!(m.online_url, None);
    }

    #[test]
    fn each_kind_asks_for_what_it_needs() {
        assert_eq!(
            fields(draft("guest_visit").validate(now())),
            vec!["guest_organisation"]
        );
        assert_eq!(fields(draft("excursion").validate(now())), vec!["location"]);
        assert_eq!(fields(draft("online").validate(now())), vec!["online_url"]);
        let mut d = draft("online");
        d.online_url = "javascript:alert(1)".into();
        assert_eq!(fields(d.validate(now())), vec!["online_url"]);
        let mut d = draft("party");
        d.theme = "other".into();
        assert_eq!(fields(d.validate(now())), vec!["kind", "title"]);
    }

    #[test]
    fn times_must_be_in_order_short_and_near_today() {
        let mut d = draft("regular");
        d.ends_at = d.starts_at;
        assert_eq!(fields(d.validate(now())), vec!["ends_at"]);
        let mut d = draft("regular");
        d.ends_at = Some("2026-11-23T20:00:01Z".parse().unwrap());
        assert_eq!(fields(d.validate(now())), vec!["ends_at"]);
        let mut d = draft("regular");
        d.starts_at = Some("1999-01-01T07:00:00Z".parse().unwrap());
        d.ends_at = Some("1999-01-01T08:00:00Z".parse().unwrap());
        assert_eq!(fields(d.validate(now())), vec!["starts_at"]);
    }

    #[test]
    fn an_excursion_at_another_time_is_flagged() {
        let regular = [
            date(2026, 11, 2).at(9, 0, 0, 0),
            date(2026, 11, 4).at(9, 0, 0, 0),
            date(2026, 11, 9).at(9, 0, 0, 0),
        ];
        assert!(!at_unusual_time(
            date(2026, 11, 11).at(9, 0, 0, 0),
            &regular
        ));
        assert!(at_unusual_time(
            date(2026, 11, 11).at(13, 0, 0, 0),
            &regular
        ));
        // Thursday, though at nine.
        assert!(at_unusual_time(date(2026, 11, 12).at(9, 0, 0, 0), &regular));
        assert!(!at_unusual_time(date(2026, 11, 12).at(13, 0, 0, 0), &[]));
    }

    #[test]
    fn a_reason_is_required() {
        assert_eq!(parse_reason(" "), Err("error-reason-required"));
        assert_eq!(
            parse_reason("Sairastuminen\nsiirretään"),
            Ok("Sairastuminen\nsiirretään".into())
        );
    }
}
