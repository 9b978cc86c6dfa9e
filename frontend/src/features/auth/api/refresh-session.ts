// POST /api/v1/auth/refresh with `client: "web"`: the httpOnly refresh cookie (which page
// scripts never see) buys a new access token and a new cookie.
//
// Refresh tokens are single use, and presenting a used one ends the whole session (docs/
// accounts.md). So two refreshes must never run at once: calls made while one is in flight share
// it, and tabs of the same browser take turns through a Web Lock, so the second tab sends the
// cookie the first one received.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { TokenResponse } from './token-response';

const LOCK_NAME = 'saulet.session-refresh';

let inFlight: Promise<ApiResult<TokenResponse>> | null = null;

function refresh(): Promise<ApiResult<TokenResponse>> {
  return send(api.POST('/api/v1/auth/refresh', { body: { client: 'web' } }));
}

async function refreshUnderLock(): Promise<ApiResult<TokenResponse>> {
  if (typeof navigator === 'undefined' || !navigator.locks) return refresh();
  return await navigator.locks.request(LOCK_NAME, refresh);
}

export function refreshSession(): Promise<ApiResult<TokenResponse>> {
  if (!inFlight) {
    inFlight = refreshUnderLock().finally(() => {
      inFlight = null;
    });
  }
  return inFlight;
}
