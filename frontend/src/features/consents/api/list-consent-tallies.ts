// GET /api/v1/admin/consents: administrators only. Asked for one record, it still answers the
// acceptances and withdrawals of every agreement version, which is what the tallies show.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { VersionTally } from './agreement-types';

export async function listConsentTallies(): Promise<ApiResult<VersionTally[]>> {
  const result = await send(api.GET('/api/v1/admin/consents', { params: { query: { limit: 1 } } }));
  return result.ok ? { ok: true, data: result.data.counts } : result;
}
