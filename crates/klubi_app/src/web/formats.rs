//! Formats: the list (templates first), one format with its plan, the editor,
//! and copying a template into one's organisation.

use super::{Choice, Page, redirect_with, render, render_invalid};
use crate::error::{AppError, AppResult};
use crate::request::{CsrfForm, Cx, NoFields};
use askama::Template;
use axum::extract::Path;
use axum::response::Response;
use klubi_domain::Invalid;
use klubi_domain::formats::Theme;
use klubi_ops::formats::{self, Format, FormatInput};

pub struct FormatRow {
    pub id: String,
    pub name: String,
    pub template: bool,
    pub meetings: usize,
    pub hours: String,
    pub capacity: i64,
    pub compensation: String,
}

/// Hours to one decimal, with the language's decimal mark ("7,5", "7.5").
fn hours(lang: klubi_domain::people::Language, minutes: i64) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    match (tenths % 10, lang) {
        (0, _) => (tenths / 10).to_string(),
        (d, klubi_domain::people::Language::En) => format!("{}.{d}", tenths / 10),
        (d, _) => format!("{},{d}", tenths / 10),
    }
}

fn row(cx: &Cx, f: &Format) -> FormatRow {
    FormatRow {
        id: f.id.clone(),
        name: formats::name(cx.lang, f),
        template: f.is_template(),
        meetings: f.meetings.len(),
        hours: hours(
            cx.lang,
            f.meetings
                .iter()
                .map(|m| i64::from(m.duration_minutes))
                .sum(),
        ),
        capacity: f.capacity,
        compensation: super::compensation_text(cx, f.compensation_cents),
    }
}

#[derive(Template)]
#[template(path = "formats/list.html")]
struct ListPage {
    p: Page,
    rows: Vec<FormatRow>,
    may_plan: bool,
}

pub async fn list(cx: Cx) -> AppResult<Response> {
    let list = formats::list(&cx, None, 500).await?;
    Ok(render(&ListPage {
        rows: list.items.iter().map(|f| row(&cx, f)).collect(),
        may_plan: list.may_plan,
        p: Page::new(&cx, "formats-title"),
    }))
}

/// One planned meeting as shown in the plan and in the editor.
pub struct PlanRow {
    pub theme: String,
    pub theme_name: String,
    pub description: String,
    pub title: String,
    pub minutes: String,
    pub themes: Vec<Choice>,
}

fn theme_choices(cx: &Cx, chosen: &str) -> Vec<Choice> {
    Choice::list(
        Theme::ALL
            .into_iter()
            .map(|t| (t.key().to_string(), cx.t(&t.name_key()))),
        chosen,
    )
}

fn plan_row(cx: &Cx, theme: &str, title: &str, minutes: String) -> PlanRow {
    let t = theme.parse::<Theme>().ok();
    PlanRow {
        theme: theme.to_string(),
        theme_name: t.map(|t| cx.t(&t.name_key())).unwrap_or_default(),
        description: t.map(|t| cx.t(&t.description_key())).unwrap_or_default(),
        title: title.to_string(),
        minutes,
        themes: theme_choices(cx, theme),
    }
}

/// The editor's values: what was stored, or what was typed.
pub struct Editor {
    pub name: String,
    pub description: String,
    pub capacity: String,
    pub min_attendance: String,
    pub facilitators: String,
    pub compensation: String,
    pub default_start_time: String,
    pub rows: Vec<PlanRow>,
}

/// Blank rows under the plan, so a meeting can be added without JavaScript.
const BLANK_ROWS: usize = 3;

impl Editor {
    fn of(cx: &Cx, f: &Format) -> Editor {
        let spec = formats::spec_of(cx.lang, f);
        let mut rows: Vec<PlanRow> = f
            .meetings
            .iter()
            .map(|m| {
                plan_row(
                    cx,
                    m.theme.key(),
                    m.title.as_deref().unwrap_or(""),
                    m.duration_minutes.to_string(),
                )
            })
            .collect();
        rows.extend((0..BLANK_ROWS).map(|_| plan_row(cx, "", "", String::new())));
        Editor {
            name: spec.name,
            description: spec.description,
            capacity: f.capacity.to_string(),
            min_attendance: f.min_attendance.to_string(),
            facilitators: f.facilitators.to_string(),
            compensation: f
                .compensation_cents
                .map(klubi_domain::money::euros_input)
                .unwrap_or_default(),
            default_start_time: f.default_start_time.clone(),
            rows,
        }
    }

    fn blank(cx: &Cx) -> Editor {
        Editor {
            name: String::new(),
            description: String::new(),
            capacity: "10".into(),
            min_attendance: "1".into(),
            facilitators: "2".into(),
            compensation: String::new(),
            default_start_time: "09:00".into(),
            rows: (0..5)
                .map(|_| plan_row(cx, "", "", String::new()))
                .collect(),
        }
    }
}

/// Reads the editor form: the plan rows are `meetings[i].theme` … and rows
/// without a theme are left out (the blank rows).
fn read_editor(cx: &Cx, pairs: &[(String, String)]) -> (Editor, Result<FormatInput, Invalid>) {
    let mut inv = Invalid::default();
    let mut rows = Vec::new();
    let mut meetings = Vec::new();
    for i in 0..200 {
        let theme = super::form_value(pairs, &format!("meetings[{i}].theme"));
        let title = super::form_value(pairs, &format!("meetings[{i}].title"));
        let minutes = super::form_value(pairs, &format!("meetings[{i}].duration_minutes"));
        if !pairs
            .iter()
            .any(|(k, _)| k.starts_with(&format!("meetings[{i}].")))
        {
            break;
        }
        if theme.is_empty() {
            continue;
        }
        let n = rows.len();
        let m = match minutes.trim().parse::<i64>() {
            Ok(m) => m,
            Err(_) => {
                inv.push(
                    &format!("meetings[{n}].duration_minutes"),
                    "error-format-duration",
                );
                0
            }
        };
        meetings.push((theme.to_string(), Some(title.to_string()), m));
        rows.push(plan_row(cx, theme, title, minutes.to_string()));
    }
    rows.extend((0..BLANK_ROWS).map(|_| plan_row(cx, "", "", String::new())));
    let num = |inv: &mut Invalid, name: &str| match super::form_value(pairs, name)
        .trim()
        .parse::<i64>()
    {
        Ok(v) => v,
        Err(_) => {
            inv.push(name, "error-number-invalid");
            -1
        }
    };
    let capacity = num(&mut inv, "capacity");
    let min_attendance = num(&mut inv, "min_attendance");
    let facilitators = num(&mut inv, "facilitators");
    let compensation = inv.check(
        "compensation",
        klubi_domain::money::parse_euros(super::form_value(pairs, "compensation")),
    );
    let editor = Editor {
        name: super::form_value(pairs, "name").to_string(),
        description: super::form_value(pairs, "description").to_string(),
        capacity: super::form_value(pairs, "capacity").to_string(),
        min_attendance: super::form_value(pairs, "min_attendance").to_string(),
        facilitators: super::form_value(pairs, "facilitators").to_string(),
        compensation: super::form_value(pairs, "compensation").to_string(),
        default_start_time: super::form_value(pairs, "default_start_time").to_string(),
        rows,
    };
    let input = FormatInput {
        name: editor.name.clone(),
        description: editor.description.clone(),
        capacity,
        min_attendance,
        facilitators,
        compensation_cents: compensation.flatten(),
        default_start_time: editor.default_start_time.clone(),
        meetings,
    };
    // Parse everything so every error shows at once; a number that did not
    // parse already has its own message.
    match formats::parse_format(input.clone()) {
        Ok(_) if inv.is_empty() => (editor, Ok(input)),
        Ok(_) => (editor, Err(inv)),
        Err(more) => {
            for e in more.0 {
                if !inv.0.iter().any(|x| x.field == e.field) {
                    inv.0.push(e);
                }
            }
            (editor, Err(inv))
        }
    }
}

#[derive(Template)]
#[template(path = "formats/edit.html")]
struct EditPage {
    p: Page,
    /// `None` for a new format.
    id: Option<String>,
    e: Editor,
}

pub async fn new_form(cx: Cx) -> AppResult<Response> {
    formats::new_form(&cx)?;
    Ok(render(&EditPage {
        e: Editor::blank(&cx),
        id: None,
        p: Page::new(&cx, "format-new-title"),
    }))
}

pub async fn create(cx: Cx, form: CsrfForm<NoFields>) -> AppResult<Response> {
    let (e, input) = read_editor(&cx, &form.pairs);
    let result = match input {
        Ok(input) => formats::create(&cx, input).await,
        // The form again with its errors, to those who may make formats.
        Err(inv) => formats::new_form(&cx).and(Err(AppError::Invalid(inv))),
    };
    match result {
        Ok(f) => Ok(redirect_with(
            &cx,
            &format!("/formats/{}", f.id),
            "flash-format-created",
        )),
        Err(AppError::Invalid(inv)) => Ok(render_invalid(&EditPage {
            p: Page::new(&cx, "format-new-title").with_errors(&inv),
            id: None,
            e,
        })),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "formats/show.html")]
struct ShowPage {
    p: Page,
    f: FormatRow,
    description: String,
    start_time: String,
    min_attendance: i64,
    facilitators: i64,
    plan: Vec<PlanRow>,
    editable: bool,
    may_plan: bool,
}

pub async fn show(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let v = formats::get(&cx, &id).await?;
    let f = &v.format;
    let mut p = Page::new(&cx, "format-title");
    p.title = formats::name(cx.lang, f);
    Ok(render(&ShowPage {
        f: row(&cx, f),
        description: formats::description(cx.lang, f),
        start_time: f.default_start_time.clone(),
        min_attendance: f.min_attendance,
        facilitators: f.facilitators,
        plan: f
            .meetings
            .iter()
            .map(|m| {
                plan_row(
                    &cx,
                    m.theme.key(),
                    m.title.as_deref().unwrap_or(""),
                    m.duration_minutes.to_string(),
                )
            })
            .collect(),
        editable: v.editable,
        may_plan: v.may_plan,
        p,
    }))
}

pub async fn edit_form(cx: Cx, Path(id): Path<String>) -> AppResult<Response> {
    let f = formats::edit_form(&cx, &id).await?;
    Ok(render(&EditPage {
        e: Editor::of(&cx, &f),
        id: Some(f.id),
        p: Page::new(&cx, "format-edit-title"),
    }))
}

pub async fn update(
    cx: Cx,
    Path(id): Path<String>,
    form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let (e, input) = read_editor(&cx, &form.pairs);
    let result = match input {
        Ok(input) => formats::update(&cx, &id, input).await.map(|_| ()),
        // The form again with its errors, to those who may edit the format.
        Err(inv) => formats::edit_form(&cx, &id)
            .await
            .and(Err(AppError::Invalid(inv))),
    };
    match result {
        Ok(()) => Ok(redirect_with(
            &cx,
            &format!("/formats/{id}"),
            "flash-format-saved",
        )),
        Err(AppError::Invalid(inv)) => Ok(render_invalid(&EditPage {
            p: Page::new(&cx, "format-edit-title").with_errors(&inv),
            id: Some(id),
            e,
        })),
        Err(e) => Err(e.into()),
    }
}

pub async fn copy(
    cx: Cx,
    Path(id): Path<String>,
    _form: CsrfForm<NoFields>,
) -> AppResult<Response> {
    let f = formats::copy(&cx, &id).await?;
    Ok(redirect_with(
        &cx,
        &format!("/formats/{}/edit", f.id),
        "flash-format-copied",
    ))
}

#[cfg(test)]
mod tests {
    use super::hours;
    use klubi_domain::people::Language;

    #[test]
    fn hours_to_a_tenth_with_the_languages_mark() {
        assert_eq!(hours(Language::Fi, 900), "15");
        assert_eq!(hours(Language::Fi, 90), "1,5");
        assert_eq!(hours(Language::En, 100), "1.7");
        assert_eq!(hours(Language::Sv, 1679), "28");
    }
}
