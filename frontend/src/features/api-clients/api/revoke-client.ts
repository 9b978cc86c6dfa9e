// DELETE /api/v1/clients/{id}: revokes the client at once, with every token it holds. The client
// stays in the list, as revoked.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { ApiClient } from './client-types';

export function revokeClient(id: string): Promise<ApiResult<ApiClient>> {
  return send(api.DELETE('/api/v1/clients/{id}', { params: { path: { id } } }));
}
