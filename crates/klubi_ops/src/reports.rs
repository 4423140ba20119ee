//! The group report: enrolment, meetings held, attendance per meeting and per
//! participant against the minimum, and the compensation total.

use crate::Caller;
use crate::compensation::{GroupMarks, group_marks, total_for_report};
use crate::error::Result;
use crate::i18n::rfc3339;
use crate::policy::{self, Action};
use klubi_db::groups::GroupDetail;
use klubi_db::meetings::Meeting;
use klubi_domain::attendance::Standing;
use klubi_domain::reports::{self as rules, AttendanceRow, MeetingRow, RosterRow, Seat};
use std::collections::HashMap;

/// How the enrolled were marked at one meeting (not cancelled).
#[derive(Debug, Clone)]
pub struct MeetingCount {
    pub meeting_id: String,
    /// RFC 3339, Helsinki time.
    pub starts_at: String,
    pub starts_at_ts: i64,
    pub kind: String,
    pub theme: String,
    pub held: bool,
    pub present: u32,
    pub late: u32,
    pub excused: u32,
    pub absent: u32,
    pub unmarked: u32,
}

impl MeetingCount {
    pub fn attended(&self) -> u32 {
        self.present + self.late
    }
}

#[derive(Debug, Clone)]
pub struct ParticipantCount {
    pub participant_id: String,
    pub name: String,
    pub attended_meetings: u32,
    pub standing: Standing,
}

#[derive(Debug, Clone)]
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
}

/// The report with what the page shows beside it.
pub struct GroupReport {
    pub group: GroupDetail,
    pub report: Report,
    /// The group's meetings (cancelled ones too), to name those in the report.
    pub meetings: Vec<Meeting>,
    /// The caller may open the payment report.
    pub may_manage_compensation: bool,
}

/// The group's report: its coordinators and facilitators.
pub async fn report(cx: &Caller, group_id: &str) -> Result<GroupReport> {
    let g = crate::groups::visible_group(cx, group_id).await?;
    let a = cx.actor()?;
    policy::require(a, Action::ViewReport { group: &g })?;
    let gm = group_marks(cx, &g).await?;
    // The approved total while locked; otherwise computed from the same marks.
    let total = total_for_report(cx, &g, &gm).await?;
    let report = report_of(&g, &gm, cx.now, total);
    Ok(GroupReport {
        may_manage_compensation: policy::allows(a, Action::ManageCompensation { group: &g }),
        group: g,
        report,
        meetings: gm.meetings,
    })
}

/// The domain's counting of `gm`, named and dated for the caller.
fn report_of(g: &GroupDetail, gm: &GroupMarks, now: i64, (total, approved): (i64, bool)) -> Report {
    let roster: Vec<RosterRow> = gm
        .roster
        .iter()
        .map(|e| RosterRow {
            participant_id: e.participant_id.clone(),
            // enrolments.status is CHECKed to one of the three.
            seat: Seat::parse(&e.status).unwrap_or(Seat::Withdrawn),
        })
        .collect();
    let meetings: Vec<MeetingRow> = gm
        .meetings
        .iter()
        .map(|m| MeetingRow {
            id: m.id.clone(),
            starts_at: m.starts_at,
            cancelled: m.cancelled,
        })
        .collect();
    let marks: Vec<AttendanceRow> = gm
        .rows
        .iter()
        .map(|r| AttendanceRow {
            meeting_id: r.meeting_id.clone(),
            participant_id: r.participant_id.clone(),
            mark: r.status,
            noticed: r.notice_at.is_some(),
        })
        .collect();
    let min = u32::try_from(g.group.min_attendance).unwrap_or(0);
    let r = rules::group_report(&roster, &meetings, &marks, min, now);
    let meeting_of: HashMap<&str, &Meeting> =
        gm.meetings.iter().map(|m| (m.id.as_str(), m)).collect();
    let name_of: HashMap<&str, &str> = gm
        .roster
        .iter()
        .map(|e| (e.participant_id.as_str(), e.name.as_str()))
        .collect();
    Report {
        group_id: g.group.id.clone(),
        enrolled: i64::from(r.enrolled),
        waitlisted: i64::from(r.waitlisted),
        meetings_held: r.meetings_held,
        meetings_remaining: r.meetings_remaining,
        attendance_rate: r.attendance_rate,
        min_attendance: g.group.min_attendance,
        below_min_attendance: r.below_min_attendance,
        participants: r
            .participants
            .into_iter()
            .map(|p| ParticipantCount {
                name: name_of
                    .get(p.participant_id.as_str())
                    .map(|n| (*n).to_string())
                    .unwrap_or_default(),
                participant_id: p.participant_id,
                attended_meetings: p.attended_meetings,
                standing: p.standing,
            })
            .collect(),
        per_meeting: r
            .per_meeting
            .into_iter()
            .map(|c| {
                let m = meeting_of.get(c.meeting_id.as_str());
                MeetingCount {
                    starts_at: rfc3339(c.starts_at),
                    starts_at_ts: c.starts_at,
                    kind: m.map(|m| m.kind.clone()).unwrap_or_default(),
                    theme: m.map(|m| m.theme.clone()).unwrap_or_default(),
                    meeting_id: c.meeting_id,
                    held: c.held,
                    present: c.present,
                    late: c.late,
                    excused: c.excused,
                    absent: c.absent,
                    unmarked: c.unmarked,
                }
            })
            .collect(),
        compensation_total_cents: total,
        compensation_approved: approved,
    }
}
