//! The notifications endpoints: the inbox, its live stream, preferences, one-click unsubscribe,
//! announcements, and the administrators' view of email deliveries.

use std::time::Duration;

use actix_web::{HttpRequest, HttpResponse, get, http::header, post, put, web};

use uuid::Uuid;

use super::{
    dto::*,
    service::{self},
};
use crate::{
    accounts::auth::{AdminUser, AuthUser},
    db::stamp,
    error::ApiError,
    http::{Json, request_context},
    i18n::Lang,
    notifications::NotificationsCtx,
};

fn request_lang(req: &HttpRequest, user: &AuthUser) -> Lang {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::negotiate)
        .unwrap_or_else(|| crate::accounts::dto::parse_lang(&user.account.language))
}

/// My notices, newest first, with the unread count.
#[utoipa::path(tag = "notifications", security(("bearer" = [])), params(InboxQuery), responses((status = 200, body = InboxPage)))]
#[get("/notifications")]
pub async fn inbox(
    state: web::Data<NotificationsCtx>,
    req: HttpRequest,
    user: AuthUser,
    query: web::Query<InboxQuery>,
) -> Result<HttpResponse, ApiError> {
    let lang = request_lang(&req, &user);
    let (items, next_cursor) = service::inbox(
        &state.core.db,
        user.id(),
        query.unread,
        query.limit.unwrap_or(20),
        query.cursor,
        lang,
    )
    .await?;
    let unread_count = service::unread_count(&state.core.db, user.id()).await?;
    Ok(HttpResponse::Ok().json(InboxPage {
        items,
        next_cursor,
        unread_count,
    }))
}

#[utoipa::path(tag = "notifications", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 204), (status = 404, description = "`not-found`, also for another account's notice", body = crate::error::Problem, content_type = "application/problem+json")))]
#[post("/notifications/{id}/read")]
pub async fn read(
    state: web::Data<NotificationsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    service::mark_read(
        &state.core.db,
        user.id(),
        id.into_inner(),
        state.core.clock.now(),
    )
    .await?;
    state
        .messaging
        .hub
        .announce(&state.core.db, user.id())
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(tag = "notifications", security(("bearer" = [])), responses((status = 204)))]
#[post("/notifications/read-all")]
pub async fn read_all(
    state: web::Data<NotificationsCtx>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    service::mark_all_read(&state.core.db, user.id(), state.core.clock.now()).await?;
    state
        .messaging
        .hub
        .announce(&state.core.db, user.id())
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A ticket for the live stream, valid one minute: browsers' EventSource cannot send an
/// `Authorization` header, and the access token must not travel in a URL.
#[utoipa::path(tag = "notifications", security(("bearer" = [])), responses((status = 201, body = StreamTicket)))]
#[post("/notifications/stream-ticket")]
pub async fn stream_ticket(
    state: web::Data<NotificationsCtx>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    let expires_at = stamp(state.core.clock.now() + chrono::Duration::seconds(60));
    let ticket = service::stream_ticket(
        &state.messaging.links,
        user.id(),
        user.session_id,
        expires_at,
    );
    Ok(HttpResponse::Created().json(StreamTicket { ticket, expires_at }))
}

/// The live stream of my notices (Server-Sent Events): `event: notification` with a
/// `NotificationView` as data, and `event: unread` with the unread count. Resumes after
/// `Last-Event-ID`. A new notice arrives within a second.
#[utoipa::path(tag = "notifications", params(TicketQuery), responses((status = 200, description = "`text/event-stream`: `unread` events whose data is `{\"unread_count\": n}`", content_type = "text/event-stream", body = StreamEvent), (status = 401, description = "`unauthenticated`: a missing, forged or expired ticket", body = crate::error::Problem, content_type = "application/problem+json")))]
#[get("/notifications/stream")]
pub async fn live_stream(
    state: web::Data<NotificationsCtx>,
    req: HttpRequest,
    query: web::Query<TicketQuery>,
) -> Result<HttpResponse, ApiError> {
    let (account, session_id) = service::stream_account(
        &state.core.db,
        &state.messaging.links,
        &query.ticket,
        state.core.clock.now(),
    )
    .await?;
    let account_id = account.id;
    let lang = request_context::current().map_or_else(
        || crate::accounts::dto::parse_lang(&account.language),
        |c| c.lang,
    );
    // Resume after `Last-Event-ID`; a new stream starts from now (the inbox shows the past).
    let last_seen: Option<Uuid> = match req
        .headers()
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
    {
        Some(id) => Some(id),
        None => service::newest_id(&state.core.db, account_id).await?,
    };
    let receiver = state.messaging.hub.subscribe();
    let recheck = state.messaging.hub.recheck_every();
    let state = state.into_inner();
    let first = true;
    let events = futures_util::stream::unfold(
        (state, receiver, last_seen, first),
        move |(state, mut receiver, mut last_seen, first)| async move {
            let mut woken = first;
            if !first {
                // Wait for a wake-up for this account, or the periodic re-check.
                woken = tokio::time::timeout(recheck, async {
                    loop {
                        match receiver.recv().await {
                            // The nil id wakes every stream (an announcement to many).
                            Ok(account) if account == account_id || account.is_nil() => break,
                            Ok(_) => continue,
                            Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => break,
                            Err(tokio::sync::broadcast::error::RecvError::Closed) => {
                                tokio::time::sleep(Duration::from_secs(3600)).await;
                            }
                        }
                    }
                })
                .await
                .is_ok();
                // A stream lives only as long as its session: signing out, a revoked session or
                // a blocked account ends it.
                if !service::session_open(&state.core.db, account_id, session_id)
                    .await
                    .unwrap_or(true)
                {
                    return None;
                }
            }
            let mut chunk = String::new();
            match service::newer_than(&state.core.db, account_id, last_seen, lang).await {
                Ok(items) if !items.is_empty() || woken => {
                    for item in &items {
                        let data = serde_json::to_string(item).unwrap_or_default();
                        chunk.push_str(&format!(
                            "id: {}\nevent: notification\ndata: {data}\n\n",
                            item.id
                        ));
                        last_seen = Some(item.id);
                    }
                    // Also after a notice was read elsewhere (another tab): the count changed.
                    if let Ok(count) = service::unread_count(&state.core.db, account_id).await {
                        chunk.push_str(&format!(
                            "event: unread\ndata: {{\"unread_count\":{count}}}\n\n"
                        ));
                    }
                }
                Ok(_) => chunk.push_str(": keep-alive\n\n"),
                Err(_) => chunk.push_str(": retrying\n\n"),
            }
            Some((
                Ok::<_, actix_web::Error>(web::Bytes::from(chunk)),
                (state, receiver, last_seen, false),
            ))
        },
    );
    Ok(HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header(("x-accel-buffering", "no"))
        .streaming(events))
}

/// My notification preferences for each category and channel.
#[utoipa::path(tag = "notifications", security(("bearer" = [])), responses((status = 200, body = Vec<Preference>)))]
#[get("/notification-preferences")]
pub async fn preferences(
    state: web::Data<NotificationsCtx>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(service::preferences(&state.core.db, user.id()).await?))
}

/// Change my preferences. `security` and `legal` cannot be switched off (422).
#[utoipa::path(tag = "notifications", security(("bearer" = [])), request_body = PreferencesRequest, responses((status = 200, body = Vec<Preference>)))]
#[put("/notification-preferences")]
pub async fn set_preferences(
    state: web::Data<NotificationsCtx>,
    user: AuthUser,
    body: Json<PreferencesRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    Ok(HttpResponse::Ok().json(
        service::set_preferences(
            &state.core.db,
            user.id(),
            body.preferences,
            state.core.clock.now(),
        )
        .await?,
    ))
}

/// One-click unsubscribe (RFC 8058) from the link in an optional email: turns that category's
/// email off for that account, without signing in. `GET` shows the same result for mail clients
/// that open the link instead of posting to it.
#[utoipa::path(tag = "notifications", params(UnsubscribeQuery), responses((status = 204), (status = 422, description = "`token-invalid`", body = crate::error::Problem, content_type = "application/problem+json")))]
#[post("/notifications/unsubscribe")]
pub async fn unsubscribe(
    state: web::Data<NotificationsCtx>,
    query: web::Query<UnsubscribeQuery>,
) -> Result<HttpResponse, ApiError> {
    service::unsubscribe(
        &state.core.db,
        &state.messaging.links,
        &query.token,
        state.core.clock.now(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Announcements in force now (public): the SPA shows them as a banner on every page.
#[utoipa::path(tag = "notifications", responses((status = 200, body = Vec<AnnouncementView>)))]
#[get("/announcements")]
pub async fn announcements(state: web::Data<NotificationsCtx>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .json(service::active_announcements(&state.core.db, state.core.clock.now()).await?))
}

/// Whom to call or write to, and when (public): the department's contact, from its configuration.
#[utoipa::path(tag = "notifications", responses((status = 200, body = HelpContact)))]
#[get("/help/contact")]
pub async fn help_contact(state: web::Data<NotificationsCtx>) -> HttpResponse {
    HttpResponse::Ok().json(state.help.as_ref())
}

/// Create an announcement or a maintenance notice. At its publish time it
/// becomes in-app notices and emails to its audience, as each person's preferences allow.
#[utoipa::path(tag = "admin", security(("bearer" = [])), request_body = AnnouncementRequest, responses((status = 201, body = AnnouncementView)))]
#[post("/admin/announcements")]
pub async fn create_announcement(
    state: web::Data<NotificationsCtx>,
    admin: AdminUser,
    body: Json<AnnouncementRequest>,
) -> Result<HttpResponse, ApiError> {
    let created = service::create_announcement(
        &state.core.db,
        admin.0.id(),
        body.into_inner(),
        state.core.clock.now(),
    )
    .await?;
    // Due now? Deliver at once rather than at the worker's next round.
    service::deliver_due_announcements(&state.core.db, &state.notifier()).await?;
    Ok(HttpResponse::Created().json(created))
}

/// Emails and their delivery state, newest first.
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(DeliveryQuery), responses((status = 200, body = crate::accounts::dto::Page<EmailDeliveryView>)))]
#[get("/admin/email-deliveries")]
pub async fn deliveries(
    state: web::Data<NotificationsCtx>,
    _admin: AdminUser,
    query: web::Query<DeliveryQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let page = service::email_deliveries(
        &state.core.db,
        query.state.as_deref(),
        query.limit.unwrap_or(50),
        query.cursor,
    )
    .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Send an email again: a new copy is queued (the original's history stays as it was).
#[utoipa::path(tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 201, body = EmailDeliveryView)))]
#[post("/admin/email-deliveries/{id}/resend")]
pub async fn resend(
    state: web::Data<NotificationsCtx>,
    admin: AdminUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let copy = service::resend_email(
        &state.core.db,
        admin.0.id(),
        id.into_inner(),
        state.core.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(copy))
}

/// One server-sent event of the notification stream.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct StreamEvent {
    /// `unread`.
    event: String,
    /// JSON: `{"unread_count": n}`.
    data: String,
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(inbox)
        .service(read_all)
        .service(read)
        .service(stream_ticket)
        .service(live_stream)
        .service(preferences)
        .service(set_preferences)
        .service(unsubscribe)
        .service(announcements)
        .service(help_contact)
        .service(create_announcement)
        .service(deliveries)
        .service(resend);
}
