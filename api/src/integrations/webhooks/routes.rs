//! The webhook endpoints (people of the client's organisation, or the client with
//! `webhooks:manage`).

use actix_web::{HttpResponse, delete, get, http::header, post, web};
use uuid::Uuid;

use super::manage;
use crate::{
    accounts::auth::AuthUser,
    error::ApiError,
    http::Json,
    integrations::{IntegrationsCtx, dto::*},
};

/// Subscribe a receiver to events for this client. The answer carries the signing secret
/// (`whsec_…`), shown this once; deliveries follow the Standard Webhooks specification.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = CreateSubscription,
    responses((status = 201, body = SubscriptionWithSecret)))]
#[post("/clients/{id}/webhooks")]
pub async fn create_webhook(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
    body: Json<CreateSubscription>,
) -> Result<HttpResponse, ApiError> {
    let created = manage::create(&state, &user, id.into_inner(), body.into_inner()).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(created))
}

/// This client's webhook subscriptions.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = Vec<SubscriptionView>)))]
#[get("/clients/{id}/webhooks")]
pub async fn list_webhooks(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(manage::list(&state, &user, id.into_inner()).await?))
}

/// Delete a subscription and its delivery log.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 204)))]
#[delete("/webhooks/{id}")]
pub async fn delete_webhook(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    manage::delete(&state, &user, id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A new signing secret (shown this once); the old one keeps signing beside it for 24 hours.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = SubscriptionWithSecret)))]
#[post("/webhooks/{id}/secret")]
pub async fn rotate_webhook_secret(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(manage::rotate_secret(&state, &user, id.into_inner()).await?))
}

/// Enable a subscription again (one failing for a day was disabled).
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = SubscriptionView)))]
#[post("/webhooks/{id}/enable")]
pub async fn enable_webhook(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(manage::enable(&state, &user, id.into_inner()).await?))
}

/// The delivery log: the newest 100 deliveries, each with its attempts and the receiver's answer.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 200, body = Vec<DeliveryView>)))]
#[get("/webhooks/{id}/deliveries")]
pub async fn webhook_deliveries(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(manage::deliveries(&state, &user, id.into_inner()).await?))
}

/// Send a delivery again (the same `webhook-id`), at once.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(("id" = Uuid, Path), ("delivery" = Uuid, Path)), responses((status = 200, body = DeliveryView)))]
#[post("/webhooks/{id}/deliveries/{delivery}/redeliver")]
pub async fn redeliver(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, delivery) = path.into_inner();
    Ok(HttpResponse::Ok().json(manage::redeliver(&state, &user, id, delivery).await?))
}

/// Send a test `webhook.ping` event to this subscription.
#[utoipa::path(tag = "integrations", security(("bearer" = [])), params(("id" = Uuid, Path)), responses((status = 202, body = DeliveryView)))]
#[post("/webhooks/{id}/ping")]
pub async fn ping_webhook(
    state: web::Data<IntegrationsCtx>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Accepted().json(manage::ping(&state, &user, id.into_inner()).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(create_webhook)
        .service(list_webhooks)
        .service(delete_webhook)
        .service(rotate_webhook_secret)
        .service(enable_webhook)
        .service(webhook_deliveries)
        .service(redeliver)
        .service(ping_webhook);
}
