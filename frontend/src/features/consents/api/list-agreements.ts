// GET /api/v1/agreements (public): of each kind the version in force and any upcoming one.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Agreement } from './agreement-types';

export function listAgreements(): Promise<ApiResult<Agreement[]>> {
  return send(api.GET('/api/v1/agreements'));
}
