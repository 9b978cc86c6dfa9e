// POST /api/v1/accounts/me/password: needs the current password; the other sessions end.
import { api, send, type ApiResult } from '@/lib/api-client';

export function changePassword(current: string, next: string): Promise<ApiResult<unknown>> {
  return send(
    api.POST('/api/v1/accounts/me/password', {
      body: { current_password: current, new_password: next },
    }),
  );
}
