import type { components } from '@/lib/api-client';

/** An organisation's API client (OAuth 2.0 client credentials); never its secret. */
export type ApiClient = components['schemas']['ClientView'];
/** A client just created, or its secret just rotated: the secret is in here this once. */
export type ApiClientWithSecret = components['schemas']['ClientWithSecret'];
export type NewApiClient = components['schemas']['CreateClient'];

/** The scopes a client may be given (the spec's `oauth2` scheme), in the order they are offered. */
export const SCOPES = [
  'permits:read',
  'permits:write',
  'approvals:read',
  'approvals:write',
  'webhooks:manage',
] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
