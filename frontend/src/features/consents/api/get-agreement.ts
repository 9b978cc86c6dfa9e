// GET /api/v1/agreements/{id} (public): any version, with its status (possibly `annulled`).
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Agreement } from './agreement-types';

export function getAgreement(id: string): Promise<ApiResult<Agreement>> {
  return send(api.GET('/api/v1/agreements/{id}', { params: { path: { id } } }));
}
