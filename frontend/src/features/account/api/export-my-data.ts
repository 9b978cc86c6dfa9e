// GET /api/v1/accounts/me/export: everything the service keeps about the signed-in person (the
// profile, its history, the consents and the notifications) as one JSON document. Allowed even
// while agreements wait for acceptance, so a person can take their data before deciding.
import { api, send, type ApiResult } from '@/lib/api-client';

export function exportMyData(): Promise<ApiResult<unknown>> {
  return send(api.GET('/api/v1/accounts/me/export'));
}
