// GET /api/v1/notification-preferences: each category's channels, and whether it is mandatory.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Preference } from './notification-types';

export function getPreferences(): Promise<ApiResult<Preference[]>> {
  return send(api.GET('/api/v1/notification-preferences'));
}
