// DELETE /api/v1/accounts/me: closes the account after the password is given again. Sessions end;
// the records the law requires are kept.
import { api, send, type ApiResult } from '@/lib/api-client';

export function closeAccount(password: string): Promise<ApiResult<unknown>> {
  return send(api.DELETE('/api/v1/accounts/me', { body: { password } }));
}
