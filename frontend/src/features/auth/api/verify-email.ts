// POST /api/v1/auth/email/verify: confirms an address with the token from the emailed link.
// Tokens are single use, so a page that renders twice (React's development mode does) must not
// spend one twice: the same token gets the same answer.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Account } from './token-response';

const answers = new Map<string, Promise<ApiResult<Account>>>();

export function verifyEmail(token: string): Promise<ApiResult<Account>> {
  let answer = answers.get(token);
  if (!answer) {
    answer = send(api.POST('/api/v1/auth/email/verify', { body: { token } }));
    answers.set(token, answer);
    // A request that never reached the server may be tried again.
    void answer.then((result) => {
      if (!result.ok && result.failure.kind === 'network') answers.delete(token);
    });
  }
  return answer;
}
