// POST /api/v1/auth/password/reset: a new password with the token from the emailed link. Every
// session of the account ends.
import { api, send, type ApiResult } from '@/lib/api-client';

export function resetPassword(token: string, newPassword: string): Promise<ApiResult<unknown>> {
  return send(api.POST('/api/v1/auth/password/reset', { body: { token, new_password: newPassword } }));
}
