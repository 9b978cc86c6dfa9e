// POST /api/v1/clients: registers an API client of my organisation. Needs a session begun with the
// organisation's EDS (a password session is refused with 409 `conflict`). Without a public key the
// answer carries the client's secret, this once.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { ApiClientWithSecret, NewApiClient } from './client-types';

export function createClient(client: NewApiClient): Promise<ApiResult<ApiClientWithSecret>> {
  return send(api.POST('/api/v1/clients', { body: client }));
}
