use super::Page;
use crate::error::ErrorInfo;
use crate::request::Cx;
use askama::Template;
use axum::response::Response;

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage {
    p: Page,
    status: u16,
    detail: String,
    signed_in: bool,
}

pub fn page(cx: &Cx, info: &ErrorInfo) -> Response {
    let title_key = format!("status-{}", info.status.as_u16());
    let t = ErrorPage {
        p: Page::new(cx, &title_key),
        status: info.status.as_u16(),
        detail: cx.t_args(
            info.detail_key,
            &info
                .extra
                .iter()
                .map(|(k, v)| (*k, v.clone()))
                .collect::<Vec<_>>(),
        ),
        signed_in: cx.actor.is_some(),
    };
    super::render_status(info.status, &t)
}
