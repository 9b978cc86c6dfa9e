// GET /api/v1/permits/{number}/verify?code=: whether a decision document is genuine and in force
// (public; the holder's name comes masked). Any other number or code is 404 `not-found`.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Verification } from './permit-types';

export function verifyPermit(number: string, code: string): Promise<ApiResult<Verification>> {
  return send(api.GET('/api/v1/permits/{number}/verify', { params: { path: { number }, query: { code: code.trim() } } }));
}
