// Keeps the signed-in session: the short-lived access token, in memory only (never in storage,
// where a script injected into the page could read it), and the account it belongs to. The
// refresh token is an httpOnly cookie the page never sees (`client: "web"` on every sign-in).
//
// On page load the session is restored with one POST /auth/refresh; when the API refuses a
// token (401), the API client asks this provider to renew the session once and retries.
//
// A page load only asks to restore when this browser signed in before: a flag (not a token) in
// localStorage says so. Without it every visitor's first request would be a refused refresh.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { connectSession, type ApiResult } from '@/lib/api-client';
import { refreshSession } from '../api/refresh-session';
import { signOut as endSessionOnServer } from '../api/sign-out';
import type { Account, TokenResponse } from '../api/token-response';
import { AuthContext, type Auth, type Session } from '../hooks/use-auth';

/** Set while this browser holds a session; holds no secret. */
export const SESSION_HINT_KEY = 'saulet.session';

function readHint(): boolean {
  try {
    return window.localStorage.getItem(SESSION_HINT_KEY) !== null;
  } catch {
    return false;
  }
}

function writeHint(present: boolean): void {
  try {
    if (present) window.localStorage.setItem(SESSION_HINT_KEY, '1');
    else window.localStorage.removeItem(SESSION_HINT_KEY);
  } catch {
    // Without storage the session simply is not restored after a reload.
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const accessToken = useRef<string | null>(null);
  const [session, setSession] = useState<Session>(() =>
    readHint() ? { status: 'restoring' } : { status: 'signed-out' },
  );

  const startSession = useCallback((tokens: TokenResponse) => {
    accessToken.current = tokens.access_token;
    writeHint(true);
    setSession({ status: 'signed-in', account: tokens.account });
  }, []);

  /** The session is over: ended by the person here, or found over on the server. */
  const endSession = useCallback((endedHere: boolean) => {
    accessToken.current = null;
    writeHint(false);
    setSession({ status: 'signed-out', endedHere });
  }, []);

  const forgetSession = useCallback(() => endSession(true), [endSession]);

  /** Takes in the answer of a refresh: the new token, or null when there is no session. */
  const adoptRefresh = useCallback(
    (result: ApiResult<TokenResponse>): string | null => {
      if (result.ok) {
        startSession(result.data);
        return result.data.access_token;
      }
      if (result.failure.kind === 'network') {
        // Unknown whether the session lives: keep the flag, so the next load asks again.
        accessToken.current = null;
        setSession({ status: 'signed-out' });
      } else {
        endSession(false);
      }
      return null;
    },
    [startSession, endSession],
  );

  const renew = useCallback(() => refreshSession().then(adoptRefresh), [adoptRefresh]);

  useEffect(() => connectSession({ accessToken: () => accessToken.current, renew }), [renew]);

  // Restore the session once per page load (a second run, in development, joins the first).
  const restoring = session.status === 'restoring';
  useEffect(() => {
    if (restoring) void refreshSession().then(adoptRefresh);
  }, [restoring, adoptRefresh]);

  // Signing out in another tab signs out this one.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === SESSION_HINT_KEY && event.newValue === null && accessToken.current) {
        accessToken.current = null;
        setSession({ status: 'signed-out' });
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  // While signing out, the live stream is stopped before the server ends the session: a stream
  // opening in between, with a ticket of this session, would be refused (401) instead.
  const [signingOut, setSigningOut] = useState(false);
  const signOut = useCallback(async () => {
    flushSync(() => setSigningOut(true));
    try {
      await endSessionOnServer();
    } finally {
      setSigningOut(false);
      endSession(true);
    }
  }, [endSession]);

  const updateAccount = useCallback((account: Account) => {
    setSession((current) => (current.status === 'signed-in' ? { status: 'signed-in', account } : current));
  }, []);

  const auth = useMemo<Auth>(
    () => ({
      session,
      account: session.status === 'signed-in' ? session.account : null,
      signingOut,
      startSession,
      signOut,
      updateAccount,
      forgetSession,
    }),
    [session, signingOut, startSession, signOut, updateAccount, forgetSession],
  );

  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}
