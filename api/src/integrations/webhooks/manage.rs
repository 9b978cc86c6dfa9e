//! Managing webhooks: the people of the client's organisation, or the client itself with the
//! `webhooks:manage` scope, subscribe receivers, rotate secrets, read the delivery log, redeliver
//! and send a test ping.

use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use super::{EVENT_TYPES, PING};
use crate::{
    accounts::AuthUser,
    db::stamp,
    error::{ApiError, FieldError},
    integrations::{
        IntegrationsCtx,
        dto::{CreateSubscription, DeliveryView, SubscriptionView, SubscriptionWithSecret},
        entity::{api_client, webhook_delivery, webhook_subscription},
    },
};

/// How long a rotated-out secret still signs beside the new one.
const ROTATION_OVERLAP: Duration = Duration::hours(24);

/// The client `id` if the caller may manage its webhooks: the client itself, or a person of its
/// organisation; 404 otherwise. A revoked client's are read-only.
async fn client_for(
    ctx: &IntegrationsCtx,
    user: &AuthUser,
    id: Uuid,
) -> Result<api_client::Model, ApiError> {
    let client = api_client::Entity::find_by_id(id)
        .one(&ctx.core.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let allowed = match &user.client {
        Some(grant) => grant.client_id == client.id,
        None => user.account.bin.as_deref() == Some(client.organisation_bin.as_str()),
    };
    if allowed {
        Ok(client)
    } else {
        Err(ApiError::NotFound)
    }
}

/// The subscription `id` if the caller may manage it.
async fn subscription_for(
    ctx: &IntegrationsCtx,
    user: &AuthUser,
    id: Uuid,
) -> Result<webhook_subscription::Model, ApiError> {
    let subscription = webhook_subscription::Entity::find_by_id(id)
        .one(&ctx.core.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    client_for(ctx, user, subscription.client_id).await?;
    Ok(subscription)
}

fn new_secret() -> Result<String, ApiError> {
    use base64::{Engine, engine::general_purpose::STANDARD};
    let mut key = [0u8; 32];
    openssl::rand::rand_bytes(&mut key).map_err(|e| ApiError::Internal(e.into()))?;
    Ok(format!("whsec_{}", STANDARD.encode(key)))
}

fn check(ctx: &IntegrationsCtx, body: &CreateSubscription) -> Result<Vec<String>, ApiError> {
    let mut errors = Vec::new();
    match reqwest::Url::parse(body.url.trim()) {
        Ok(url) => {
            let scheme_ok = url.scheme() == "https"
                || (url.scheme() == "http" && ctx.webhooks.allow_insecure_http);
            if !scheme_ok || url.host_str().is_none() {
                errors.push(FieldError::new("url", "invalid_url", "an https:// address"));
            } else if !url.username().is_empty() || url.password().is_some() {
                errors.push(FieldError::new(
                    "url",
                    "invalid_url",
                    "no user or password in the address: the signature authenticates Saulet",
                ));
            }
        }
        Err(_) => errors.push(FieldError::new("url", "invalid_url", "not an address")),
    }
    for (i, event) in body.events.iter().enumerate() {
        if !EVENT_TYPES.iter().any(|(e, _)| e == event) {
            errors.push(FieldError::new(
                format!("events[{i}]"),
                "unknown",
                "not an event type (see docs/integrators.md)",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let mut events = body.events.clone();
    events.sort();
    events.dedup();
    Ok(events)
}

/// `POST /clients/{id}/webhooks`.
pub async fn create(
    ctx: &IntegrationsCtx,
    user: &AuthUser,
    client_id: Uuid,
    body: CreateSubscription,
) -> Result<SubscriptionWithSecret, ApiError> {
    use validator::Validate;
    body.validate()?;
    let client = client_for(ctx, user, client_id).await?;
    if client.revoked_at.is_some() {
        return Err(ApiError::Conflict("This client is revoked.".into()));
    }
    let events = check(ctx, &body)?;
    let secret = new_secret()?;
    let subscription = webhook_subscription::ActiveModel {
        id: Set(Uuid::now_v7()),
        client_id: Set(client.id),
        url: Set(body.url.trim().to_owned()),
        events: Set(serde_json::json!(events)),
        secret: Set(secret.clone()),
        previous_secret: Set(None),
        previous_secret_until: Set(None),
        enabled: Set(true),
        disabled_at: Set(None),
        disabled_reason: Set(None),
        created_at: Set(stamp(ctx.core.now())),
    }
    .insert(&ctx.core.db)
    .await?;
    Ok(SubscriptionWithSecret {
        subscription: subscription.into(),
        secret,
    })
}

/// `GET /clients/{id}/webhooks`.
pub async fn list(
    ctx: &IntegrationsCtx,
    user: &AuthUser,
    client_id: Uuid,
) -> Result<Vec<SubscriptionView>, ApiError> {
    let client = client_for(ctx, user, client_id).await?;
    Ok(webhook_subscription::Entity::find()
        .filter(webhook_subscription::Column::ClientId.eq(client.id))
        .order_by_asc(webhook_subscription::Column::Id)
        .all(&ctx.core.db)
        .await?
        .into_iter()
        .map(SubscriptionView::from)
        .collect())
}

/// `DELETE /webhooks/{id}`: no more deliveries; the log goes with it.
pub async fn delete(ctx: &IntegrationsCtx, user: &AuthUser, id: Uuid) -> Result<(), ApiError> {
    let subscription = subscription_for(ctx, user, id).await?;
    webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::SubscriptionId.eq(subscription.id))
        .exec(&ctx.core.db)
        .await?;
    webhook_subscription::Entity::delete_by_id(subscription.id)
        .exec(&ctx.core.db)
        .await?;
    Ok(())
}

/// `POST /webhooks/{id}/secret`: a new secret; the old one signs beside it for a day, so the
/// receiver can switch without losing a delivery.
pub async fn rotate_secret(
    ctx: &IntegrationsCtx,
    user: &AuthUser,
    id: Uuid,
) -> Result<SubscriptionWithSecret, ApiError> {
    let subscription = subscription_for(ctx, user, id).await?;
    let secret = new_secret()?;
    let until = ctx.core.now() + ROTATION_OVERLAP;
    let old = subscription.secret.clone();
    let mut row = subscription.into_active_model();
    row.previous_secret = Set(Some(old));
    row.previous_secret_until = Set(Some(stamp(until)));
    row.secret = Set(secret.clone());
    let subscription = row.update(&ctx.core.db).await?;
    Ok(SubscriptionWithSecret {
        subscription: subscription.into(),
        secret,
    })
}

/// `POST /webhooks/{id}/enable`: deliveries again, after the receiver was fixed.
pub async fn enable(
    ctx: &IntegrationsCtx,
    user: &AuthUser,
    id: Uuid,
) -> Result<SubscriptionView, ApiError> {
    let subscription = subscription_for(ctx, user, id).await?;
    let mut row = subscription.into_active_model();
    row.enabled = Set(true);
    row.disabled_at = Set(None);
    row.disabled_reason = Set(None);
    Ok(row.update(&ctx.core.db).await?.into())
}

/// `GET /webhooks/{id}/deliveries`: the newest 100.
pub async fn deliveries(
    ctx: &IntegrationsCtx,
    user: &AuthUser,
    id: Uuid,
) -> Result<Vec<DeliveryView>, ApiError> {
    let subscription = subscription_for(ctx, user, id).await?;
    Ok(webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::SubscriptionId.eq(subscription.id))
        .order_by_desc(webhook_delivery::Column::Id)
        .limit(100)
        .all(&ctx.core.db)
        .await?
        .into_iter()
        .map(DeliveryView::from)
        .collect())
}

/// `POST /webhooks/{id}/deliveries/{delivery}/redeliver`: the same message (same `webhook-id`),
/// due at once, counted afresh.
pub async fn redeliver(
    ctx: &IntegrationsCtx,
    user: &AuthUser,
    id: Uuid,
    delivery: Uuid,
) -> Result<DeliveryView, ApiError> {
    let subscription = subscription_for(ctx, user, id).await?;
    if !subscription.enabled {
        return Err(ApiError::Conflict(
            "The subscription is disabled: enable it first.".into(),
        ));
    }
    let row = webhook_delivery::Entity::find_by_id(delivery)
        .one(&ctx.core.db)
        .await?
        .filter(|d| d.subscription_id == subscription.id)
        .ok_or(ApiError::NotFound)?;
    let now = stamp(ctx.core.now());
    let mut row = row.into_active_model();
    row.status = Set("pending".into());
    row.attempts = Set(0);
    row.next_attempt_at = Set(now);
    row.created_at = Set(now);
    Ok(row.update(&ctx.core.db).await?.into())
}

/// `POST /webhooks/{id}/ping`: a `webhook.ping` event to this subscription alone.
pub async fn ping(
    ctx: &IntegrationsCtx,
    user: &AuthUser,
    id: Uuid,
) -> Result<DeliveryView, ApiError> {
    let subscription = subscription_for(ctx, user, id).await?;
    if !subscription.enabled {
        return Err(ApiError::Conflict(
            "The subscription is disabled: enable it first.".into(),
        ));
    }
    let now = ctx.core.now();
    let data = serde_json::json!({"subscription_id": subscription.id});
    let body = super::payload(PING, &data, now);
    let delivery = super::new_delivery(subscription.id, PING, body, now)
        .insert(&ctx.core.db)
        .await?;
    Ok(delivery.into())
}
