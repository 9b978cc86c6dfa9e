// POST /api/v1/clients/{id}/secret: a new secret, shown this once; the old secret and every token
// the client holds stop at once. Needs the organisation's EDS session, as registering does.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { ApiClientWithSecret } from './client-types';

export function rotateSecret(id: string): Promise<ApiResult<ApiClientWithSecret>> {
  return send(api.POST('/api/v1/clients/{id}/secret', { params: { path: { id } } }));
}
