// POST /api/v1/notifications/stream-ticket: a one-minute ticket that opens the live stream
// (EventSource cannot send the Authorization header, and the token must not go into a URL).
import { api, send, type ApiResult, type components } from '@/lib/api-client';

export type StreamTicket = components['schemas']['StreamTicket'];

export function createStreamTicket(): Promise<ApiResult<StreamTicket>> {
  return send(api.POST('/api/v1/notifications/stream-ticket'));
}

/** The stream's address for a ticket (GET /api/v1/notifications/stream?ticket=…). */
export function streamUrl(ticket: string): string {
  return `/api/v1/notifications/stream?ticket=${encodeURIComponent(ticket)}`;
}
