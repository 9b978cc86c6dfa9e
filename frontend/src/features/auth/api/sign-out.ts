// POST /api/v1/auth/logout: ends this session on the server and clears the refresh cookie.
import { api, send, type ApiResult } from '@/lib/api-client';

export function signOut(): Promise<ApiResult<unknown>> {
  return send(api.POST('/api/v1/auth/logout'));
}
