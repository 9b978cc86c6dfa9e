// POST /api/v1/auth/login: email or IIN and password. `client: "web"` keeps the refresh token
// out of the body: it arrives only as the httpOnly cookie.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { TokenResponse } from './token-response';

export function signInWithPassword(login: string, password: string): Promise<ApiResult<TokenResponse>> {
  return send(api.POST('/api/v1/auth/login', { body: { login: login.trim(), password, client: 'web' } }));
}
