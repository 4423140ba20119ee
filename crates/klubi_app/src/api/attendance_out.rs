//! The JSON of attendance, compensation and the report as the API gives it
//! (API.md), with its OpenAPI schema; each made from the operations' outcome.

use klubi_domain::attendance::Standing;
use klubi_ops::{attendance, compensation, reports};
use serde::{Deserialize, Serialize};

/// A mark as given: a participant and a status (`null` clears the mark).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct MarkInput {
    pub participant_id: String,
    pub status: Option<String>,
}

impl From<MarkInput> for attendance::MarkInput {
    fn from(m: MarkInput) -> Self {
        attendance::MarkInput {
            participant_id: m.participant_id,
            status: m.status,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RateOut {
    /// `null` for the group's own rate (before any change).
    pub effective_from: Option<String>,
    pub rate_cents: Option<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LineOut {
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
}

/// The payment report: computed from the marks, or an approved snapshot.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Compensation {
    pub group_id: String,
    /// The rate in force today (cents per attended meeting; `null`: none).
    pub rate_cents: Option<i64>,
    pub rates: Vec<RateOut>,
    pub lines: Vec<LineOut>,
    pub total_cents: i64,
    pub approved: bool,
    pub version: Option<i64>,
    pub approved_at: Option<String>,
    pub approved_by: Option<String>,
    pub approved_by_name: Option<String>,
}

impl From<compensation::Compensation> for Compensation {
    fn from(c: compensation::Compensation) -> Self {
        let s = c.statement;
        Compensation {
            group_id: s.group_id,
            rate_cents: s.rate_cents,
            rates: s
                .rates
                .into_iter()
                .map(|r| RateOut {
                    effective_from: r.effective_from,
                    rate_cents: r.rate_cents,
                })
                .collect(),
            lines: s
                .lines
                .into_iter()
                .map(|l| LineOut {
                    participant_id: l.participant_id,
                    name: l.name,
                    attended_meetings: l.attended_meetings,
                    amount_cents: l.amount_cents,
                })
                .collect(),
            total_cents: s.total_cents,
            approved: c.approved,
            version: c.version,
            approved_at: c.approved_at,
            approved_by: c.approved_by,
            approved_by_name: c.approved_by_name,
        }
    }
}

/// A participant's own statement per group.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyCompensation {
    pub group_id: String,
    pub group_name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
    pub approved: bool,
}

impl From<compensation::MyCompensation> for MyCompensation {
    fn from(c: compensation::MyCompensation) -> Self {
        MyCompensation {
            group_id: c.group_id,
            group_name: c.group_name,
            attended_meetings: c.attended_meetings,
            amount_cents: c.amount_cents,
            approved: c.approved,
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeetingCount {
    pub meeting_id: String,
    pub starts_at: String,
    pub kind: String,
    pub theme: String,
    pub held: bool,
    pub present: u32,
    pub late: u32,
    pub excused: u32,
    pub absent: u32,
    pub unmarked: u32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ParticipantCount {
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    /// `met`, `on_track` or `below`.
    pub standing: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub group_id: String,
    pub enrolled: i64,
    pub waitlisted: i64,
    pub meetings_held: u32,
    pub meetings_remaining: u32,
    /// Attended marks of the enrolled in held meetings over enrolled × held.
    pub attendance_rate: f64,
    pub min_attendance: i64,
    /// Enrolled participants who did not, or can no longer, attend the minimum.
    pub below_min_attendance: Vec<String>,
    pub participants: Vec<ParticipantCount>,
    pub per_meeting: Vec<MeetingCount>,
    pub compensation_total_cents: i64,
    pub compensation_approved: bool,
    /// Feedback arrives with its own issue: `{"answers": 0}` until then.
    pub feedback: serde_json::Value,
    /// Outcomes arrive with their own issue: `{}` until then.
    pub outcomes: serde_json::Value,
}

impl From<reports::Report> for Report {
    fn from(r: reports::Report) -> Self {
        Report {
            group_id: r.group_id,
            enrolled: r.enrolled,
            waitlisted: r.waitlisted,
            meetings_held: r.meetings_held,
            meetings_remaining: r.meetings_remaining,
            attendance_rate: r.attendance_rate,
            min_attendance: r.min_attendance,
            below_min_attendance: r.below_min_attendance,
            participants: r
                .participants
                .into_iter()
                .map(|p| ParticipantCount {
                    participant_id: p.participant_id,
                    name: p.name,
                    attended_meetings: p.attended_meetings,
                    standing: match p.standing {
                        Standing::Met => "met",
                        Standing::OnTrack => "on_track",
                        Standing::Below => "below",
                    }
                    .to_string(),
                })
                .collect(),
            per_meeting: r
                .per_meeting
                .into_iter()
                .map(|m| MeetingCount {
                    meeting_id: m.meeting_id,
                    starts_at: m.starts_at,
                    kind: m.kind,
                    theme: m.theme,
                    held: m.held,
                    present: m.present,
                    late: m.late,
                    excused: m.excused,
                    absent: m.absent,
                    unmarked: m.unmarked,
                })
                .collect(),
            compensation_total_cents: r.compensation_total_cents,
            compensation_approved: r.compensation_approved,
            feedback: serde_json::json!({ "answers": 0 }),
            outcomes: serde_json::json!({}),
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyMeeting {
    pub meeting_id: String,
    pub starts_at: String,
    /// The coach's mark, else `excused` after an advance notice; `null`: none yet.
    pub status: Option<String>,
    pub notice_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MyAttendance {
    pub group_id: String,
    pub group_name: String,
    pub min_attendance: i64,
    pub attended_meetings: u32,
    pub meetings: Vec<MyMeeting>,
}

impl From<attendance::MyAttendance> for MyAttendance {
    fn from(a: attendance::MyAttendance) -> Self {
        MyAttendance {
            group_id: a.group_id,
            group_name: a.group_name,
            min_attendance: a.min_attendance,
            attended_meetings: a.attended_meetings,
            meetings: a
                .meetings
                .into_iter()
                .map(|m| MyMeeting {
                    meeting_id: m.meeting_id,
                    starts_at: m.starts_at,
                    status: m.status.map(|s| s.as_str().to_string()),
                    notice_reason: m.notice_reason,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthLine {
    pub group_id: String,
    pub group_name: String,
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    pub amount_cents: i64,
}

/// Every group's compensation lines for the meetings of one month.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrganisationMonth {
    pub organisation_id: String,
    /// `YYYY-MM`.
    pub month: String,
    pub lines: Vec<MonthLine>,
    pub total_cents: i64,
}

impl From<compensation::OrganisationMonth> for OrganisationMonth {
    fn from(m: compensation::OrganisationMonth) -> Self {
        OrganisationMonth {
            organisation_id: m.organisation_id,
            month: m.month,
            lines: m
                .lines
                .into_iter()
                .map(|l| MonthLine {
                    group_id: l.group_id,
                    group_name: l.group_name,
                    participant_id: l.participant_id,
                    name: l.name,
                    attended_meetings: l.attended_meetings,
                    amount_cents: l.amount_cents,
                })
                .collect(),
            total_cents: m.total_cents,
        }
    }
}
