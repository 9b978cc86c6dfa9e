// POST /api/v1/auth/password/forgot: asks for a reset link. The answer is the same
// whether or not the address belongs to an account.
import { api, send, type ApiResult } from '@/lib/api-client';

export function requestPasswordReset(email: string): Promise<ApiResult<unknown>> {
  return send(api.POST('/api/v1/auth/password/forgot', { body: { email: email.trim() } }));
}
