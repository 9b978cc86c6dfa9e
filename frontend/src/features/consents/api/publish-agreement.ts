// POST /api/v1/admin/agreements: publishes a new version (administrators).
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Agreement, PublishRequest } from './agreement-types';

export function publishAgreement(request: PublishRequest): Promise<ApiResult<Agreement>> {
  return send(api.POST('/api/v1/admin/agreements', { body: request }));
}
