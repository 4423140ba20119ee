//! Builds the application and runs it: the router with its layers, the worker,
//! and a graceful shutdown (in-flight requests finish).

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::get;
use klubi_ops::clock::Clock;
use klubi_ops::config::Config;
use klubi_ops::state::{AppState, AppStateRef};
use std::net::SocketAddr;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Request bodies larger than this are refused with 413.
pub const BODY_LIMIT: usize = 1024 * 1024;

pub fn router(state: AppStateRef) -> Router {
    router_with(state, Router::new())
}

/// The router with `extra` routes inside the same layers (tests add routes that
/// panic or hang to check what the layers make of them).
pub fn router_with(state: AppStateRef, extra: Router<AppStateRef>) -> Router {
    let request_id = axum::http::HeaderName::from_static("x-request-id");
    Router::new()
        .merge(crate::web::routes())
        .merge(extra)
        .nest("/api/v1", crate::api::routes())
        .route("/healthz", get(healthz))
        .route("/metrics", get(crate::metrics::render))
        .route("/static/{file}", get(crate::assets::serve))
        .fallback(|| async { crate::error::WebError(crate::error::AppError::NotFound) })
        // Innermost first: a panic becomes a 500 the context middleware renders.
        .layer(CatchPanicLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(state.config.request_timeout_secs),
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::request::context,
        ))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::request::security_headers,
        ))
        .layer(middleware::from_fn(crate::metrics::track))
        .layer(middleware::from_fn_with_state(
            std::sync::Arc::new(tokio::sync::Semaphore::new(
                state.config.max_in_flight.max(1),
            )),
            shed_load,
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        // Outermost: a client's id that is not a short token is dropped
        // first, so the layer above makes a fresh one.
        .layer(middleware::from_fn(crate::request::screen_request_id))
        .with_state(state)
}

/// Sheds load: a request beyond `max_in_flight` at once is answered 503 with
/// Retry-After at once (no body read, no database touched) instead of
/// waiting in a queue that grows without end.
async fn shed_load(
    State(slots): State<std::sync::Arc<tokio::sync::Semaphore>>,
    req: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    match slots.try_acquire() {
        Ok(_slot) => next.run(req).await,
        Err(_) => {
            metrics::counter!("http_requests_shed_total").increment(1);
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(axum::http::header::RETRY_AFTER, "1")],
                "busy",
            )
                .into_response()
        }
    }
}

async fn healthz(State(state): State<AppStateRef>) -> (StatusCode, &'static str) {
    match state.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

pub struct Running {
    pub addr: SocketAddr,
    pub state: AppStateRef,
    stop: tokio::sync::watch::Sender<bool>,
    server: tokio::task::JoinHandle<std::io::Result<()>>,
    worker: Option<tokio::task::JoinHandle<()>>,
    hearing: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Stops taking new connections, lets in-flight requests finish, stops the worker.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.server.await;
        if let Some(w) = self.worker {
            let _ = w.await;
        }
        self.hearing.abort();
        self.state.close().await;
    }

    /// Runs until a shutdown signal (SIGTERM or Ctrl-C), then shuts down gracefully.
    pub async fn until_signal(self) {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests in flight");
        self.shutdown().await;
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// Accepts connections until `stop`, then lets the open ones finish (at most
/// `grace`). Like `axum::serve`, plus what it lacks: a client must send its
/// request's headers within `header_timeout` (a slowloris client that
/// trickles them is cut off), and each request carries its peer's address.
async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    header_timeout: Duration,
    grace: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use hyper_util::server::conn::auto::Builder;
    use tower::ServiceExt;
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = async { let _ = stop.wait_for(|s| *s).await; } => break,
        };
        let (stream, peer) = match accepted {
            Ok(a) => a,
            Err(e) => {
                // Out of file descriptors and the like: wait, do not spin.
                tracing::warn!(error = %e, "accepting a connection failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let service =
            app.clone()
                .map_request(move |mut req: axum::http::Request<hyper::body::Incoming>| {
                    req.extensions_mut()
                        .insert(axum::extract::ConnectInfo(peer));
                    req
                });
        let service = hyper_util::service::TowerToHyperService::new(service);
        let mut builder = Builder::new(TokioExecutor::new());
        builder
            .http1()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout);
        let conn = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service)
            .into_owned();
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::trace!(error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the grace period: closed");
    }
    Ok(())
}

/// Opens and migrates the database, loads demo data if asked, binds and serves.
pub async fn start(config: Config, clock: Clock) -> anyhow::Result<Running> {
    start_with(config, clock, Router::new()).await
}

/// [`start`] with extra routes inside the same layers (for tests).
pub async fn start_with(
    config: Config,
    clock: Clock,
    extra: Router<AppStateRef>,
) -> anyhow::Result<Running> {
    config.check().map_err(|e| anyhow::anyhow!(e))?;
    // Bound first, so that the configuration (and every link made without a
    // public URL) names the real port rather than port 0.
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    start_on(listener, config, clock, extra).await
}

/// [`start_with`] on a listener bound already (a test that must know its
/// address before it configures the server).
pub async fn start_on(
    listener: tokio::net::TcpListener,
    config: Config,
    clock: Clock,
    extra: Router<AppStateRef>,
) -> anyhow::Result<Running> {
    crate::metrics::handle();
    let addr = listener.local_addr()?;
    let mut config = config;
    config.addr = addr;
    let state = AppState::open(config, clock).await?;
    let hearing = tokio::spawn({
        let state = state.clone();
        async move { state.hear_changes().await }
    });
    let (stop, stop_rx) = tokio::sync::watch::channel(false);
    let app = router_with(state.clone(), extra);
    let header_timeout = Duration::from_secs(state.config.header_read_timeout_secs.max(1));
    let grace = Duration::from_secs(state.config.request_timeout_secs + 5);
    let server = tokio::spawn(serve(listener, app, header_timeout, grace, stop_rx.clone()));
    let worker = state
        .config
        .run_worker
        .then(|| tokio::spawn(klubi_ops::jobs::run(state.clone(), stop_rx)));
    Ok(Running {
        addr,
        state,
        stop,
        server,
        worker,
        hearing,
    })
}
