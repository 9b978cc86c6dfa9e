import type { components } from '@/lib/api-client';

/** A webhook subscription of an API client: a receiver and the events it wants; never its secret. */
export type Webhook = components['schemas']['SubscriptionView'];
/** A subscription just created, or its secret just rotated: the signing secret is in here this once. */
export type WebhookWithSecret = components['schemas']['SubscriptionWithSecret'];
export type NewWebhook = components['schemas']['CreateSubscription'];
/** One delivery of a subscription's log. */
export type Delivery = components['schemas']['DeliveryView'];

/** The event types a receiver may subscribe to (docs/integrators.md §6), in the order they are offered. */
export const EVENT_TYPES = ['permit_request.status_changed', 'approval_task.created', 'approval_task.answered'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The test event a subscription's owner sends on request; never subscribed to. */
export const PING_EVENT = 'webhook.ping';

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** Where a delivery stands. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export function isDeliveryStatus(value: string): value is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(value);
}
