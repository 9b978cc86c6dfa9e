// GET /api/v1/clients: my organisation's API clients, newest first (revoked ones too). An
// individual's account is refused with 403 `forbidden`: clients belong to organisations.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { ApiClient } from './client-types';

export function listClients(): Promise<ApiResult<ApiClient[]>> {
  return send(api.GET('/api/v1/clients'));
}
