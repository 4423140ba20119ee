//! Club formats (programmes): the plan a group is run from. The two formats of
//! the seed documents ship as read-only templates.

use crate::validation::Invalid;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// What a meeting works on; keys of the theme catalogue (translated in the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Cv,
    Application,
    Interview,
    JobAds,
    Competence,
    WorkLifeSkills,
    Strengths,
    SupportNeeds,
    PeerSupport,
    /// With a free-text title of its own.
    Other,
}

impl Theme {
    pub const ALL: [Theme; 10] = [
        Theme::Cv,
        Theme::Application,
        Theme::Interview,
        Theme::JobAds,
        Theme::Competence,
        Theme::WorkLifeSkills,
        Theme::Strengths,
        Theme::SupportNeeds,
        Theme::PeerSupport,
        Theme::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Theme::Cv => "cv",
            Theme::Application => "application",
            Theme::Interview => "interview",
            Theme::JobAds => "job_ads",
            Theme::Competence => "competence",
            Theme::WorkLifeSkills => "work_life_skills",
            Theme::Strengths => "strengths",
            Theme::SupportNeeds => "support_needs",
            Theme::PeerSupport => "peer_support",
            Theme::Other => "other",
        }
    }

    /// Catalogue keys of the theme's name and of what the meeting does.
    pub fn name_key(self) -> String {
        format!("theme-{}", self.key().replace('_', "-"))
    }

    pub fn description_key(self) -> String {
        format!("theme-{}-description", self.key().replace('_', "-"))
    }
}

impl FromStr for Theme {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Theme::ALL
            .into_iter()
            .find(|t| t.key() == s)
            .ok_or("error-theme-unknown")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedMeeting {
    pub theme: Theme,
    /// Required for [`Theme::Other`], ignored otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub duration_minutes: u32,
}

/// A validated format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormatSpec {
    pub name: String,
    pub description: String,
    /// Local time of day the meetings usually start.
    pub default_start_time: jiff::civil::Time,
    pub capacity: u32,
    pub min_attendance: u32,
    pub meetings: Vec<PlannedMeeting>,
    /// `None`: no expense compensation.
    pub compensation_cents_per_meeting: Option<i64>,
    /// How many coaches run it together.
    pub facilitators: u32,
}

pub const MAX_CAPACITY: u32 = 100;
pub const DEFAULT_CAPACITY: u32 = 10;
pub const DEFAULT_MIN_ATTENDANCE: u32 = 1;
/// 1 000 € per meeting is far beyond any expense compensation; more is a typo.
pub const MAX_COMPENSATION_CENTS: i64 = 100_000;

impl FormatSpec {
    /// Checks every rule, collecting every invalid field (`meetings[2].duration_minutes`).
    pub fn validate(self) -> Result<FormatSpec, Invalid> {
        let mut inv = Invalid::default();
        let name = inv.check("name", crate::people::clean_text(&self.name, 2, 200));
        let description = inv.check(
            "description",
            crate::people::clean_multiline(&self.description, 0, 4000),
        );
        if self.capacity == 0 || self.capacity > MAX_CAPACITY {
            inv.push("capacity", "error-format-capacity");
        }
        if self.meetings.is_empty() || self.meetings.len() > 100 {
            inv.push("meetings", "error-format-meetings");
        }
        if self.min_attendance as usize > self.meetings.len() {
            inv.push("min_attendance", "error-format-min-attendance");
        }
        for (i, m) in self.meetings.iter().enumerate() {
            if !(15..=720).contains(&m.duration_minutes) {
                inv.push(
                    &format!("meetings[{i}].duration_minutes"),
                    "error-format-duration",
                );
            }
            if m.theme == Theme::Other && m.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
                inv.push(&format!("meetings[{i}].title"), "error-format-other-title");
            }
        }
        if let Some(c) = self.compensation_cents_per_meeting
            && !(0..=MAX_COMPENSATION_CENTS).contains(&c)
        {
            inv.push(
                "compensation_cents_per_meeting",
                "error-format-compensation",
            );
        }
        if self.facilitators == 0 || self.facilitators > 10 {
            inv.push("facilitators", "error-format-facilitators");
        }
        match name {
            Some(name) if inv.is_empty() => Ok(FormatSpec {
                name,
                description: description.unwrap_or_default(),
                ..self
            }),
            _ => Err(inv),
        }
    }
}

fn meetings(themes: &[Theme], minutes: u32) -> Vec<PlannedMeeting> {
    themes
        .iter()
        .map(|&theme| PlannedMeeting {
            theme,
            title: None,
            duration_minutes: minutes,
        })
        .collect()
}

/// The Tampere club (2023): five meetings for at most ten clients referred by
/// their case managers, at least one meeting attended, expense compensation per
/// attended meeting (from the second group on; the rate is the installation's
/// default and is changed per group).
pub fn tampere_template() -> FormatSpec {
    FormatSpec {
        name: "Tampereen työnhakuklubi".into(),
        description: String::new(),
        default_start_time: jiff::civil::time(9, 0, 0, 0),
        capacity: DEFAULT_CAPACITY,
        min_attendance: DEFAULT_MIN_ATTENDANCE,
        meetings: meetings(
            &[
                Theme::Cv,
                Theme::Application,
                Theme::Interview,
                Theme::JobAds,
                Theme::Strengths,
            ],
            180,
        ),
        compensation_cents_per_meeting: Some(900),
        facilitators: 2,
    }
}

/// The Omnia club (2020): seven coaching days of four hours over three weeks,
/// two work-life coaches together.
pub fn omnia_template() -> FormatSpec {
    FormatSpec {
        name: "Omnian työnhakuklubi".into(),
        description: String::new(),
        default_start_time: jiff::civil::time(9, 0, 0, 0),
        capacity: DEFAULT_CAPACITY,
        min_attendance: DEFAULT_MIN_ATTENDANCE,
        meetings: meetings(
            &[
                Theme::Competence,
                Theme::Strengths,
                Theme::Cv,
                Theme::Application,
                Theme::JobAds,
                Theme::Interview,
                Theme::PeerSupport,
            ],
            240,
        ),
        compensation_cents_per_meeting: None,
        facilitators: 2,
    }
}

/// The shipped templates with their stable keys; their names and descriptions
/// are shown from the catalogue (`format-template-<key>`), in the reader's language.
pub fn templates() -> [(&'static str, FormatSpec); 2] {
    [("tampere", tampere_template()), ("omnia", omnia_template())]
}

/// A time of day as "09:00".
pub fn time_text(t: jiff::civil::Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// "09:00" → a time of day.
pub fn parse_time_of_day(s: &str) -> Result<jiff::civil::Time, &'static str> {
    let t = s.trim();
    let (h, m) = t.split_once([':', '.']).ok_or("error-time-invalid")?;
    let ok = |x: &str| !x.is_empty() && x.len() <= 2 && x.chars().all(|c| c.is_ascii_digit());
    if !ok(h) || m.len() != 2 || !ok(m) {
        return Err("error-time-invalid");
    }
    let (h, m): (i8, i8) = (
        h.parse().map_err(|_| "error-time-invalid")?,
        m.parse().map_err(|_| "error-time-invalid")?,
    );
    jiff::civil::Time::new(h, m, 0, 0).map_err(|_| "error-time-invalid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_templates_are_valid_and_match_the_seeds() {
        let t = tampere_template().validate().unwrap();
        assert_eq!((t.meetings.len(), t.capacity, t.min_attendance), (5, 10, 1));
        assert!(t.compensation_cents_per_meeting.is_some());
        let o = omnia_template().validate().unwrap();
        assert_eq!(o.meetings.len(), 7);
        assert!(o.meetings.iter().all(|m| m.duration_minutes == 240));
        assert_eq!(o.facilitators, 2);
        assert_eq!(o.compensation_cents_per_meeting, None);
    }

    #[test]
    fn times_of_day_parse() {
        assert_eq!(parse_time_of_day("9:05"), Ok(jiff::civil::time(9, 5, 0, 0)));
        assert_eq!(
            parse_time_of_day("13.30"),
            Ok(jiff::civil::time(13, 30, 0, 0))
        );
        for bad in ["24:00", "9", "9:5", "aa:bb", "", "12:60"] {
            assert!(parse_time_of_day(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn themes_round_trip_and_have_catalogue_keys() {
        for t in Theme::ALL {
            assert_eq!(t.key().parse::<Theme>().unwrap(), t);
        }
        assert_eq!(Theme::JobAds.name_key(), "theme-job-ads");
        assert_eq!(Theme::JobAds.description_key(), "theme-job-ads-description");
        assert!("dancing".parse::<Theme>().is_err());
    }

    #[test]
    fn every_broken_rule_is_named() {
        let mut f = tampere_template();
        f.name = " ".into();
        f.capacity = 0;
        f.min_attendance = 9;
        f.meetings[1].duration_minutes = 5;
        f.meetings[2] = PlannedMeeting {
            theme: Theme::Other,
            title: None,
            duration_minutes: 60,
        };
        f.compensation_cents_per_meeting = Some(-1);
        let fields: Vec<String> = f
            .validate()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            vec![
                "name",
                "capacity",
                "min_attendance",
                "meetings[1].duration_minutes",
                "meetings[2].title",
                "compensation_cents_per_meeting"
            ]
        );
    }
}
