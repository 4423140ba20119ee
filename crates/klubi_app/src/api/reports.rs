//! The group report (API.md "report").

use crate::error::AppResult;
use crate::request::Cx;
use axum::Json;
use axum::extract::Path;
use klubi_domain::attendance::Standing;
use klubi_ops::reports;
use serde::Serialize;

/// The group's report: enrolment, meetings held, attendance rate, the
/// below-minimum list, per-meeting attendance and the compensation total.
#[utoipa::path(get, path = "/groups/{id}/report", tag = "attendance",
    params(("id" = String, Path)),
    responses((status = 200, body = Report), (status = 404, body = super::Problem)))]
pub async fn get_report(cx: Cx, Path(id): Path<String>) -> AppResult<Json<Report>> {
    Ok(Json(reports::report(&cx, &id).await?.report.into()))
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
