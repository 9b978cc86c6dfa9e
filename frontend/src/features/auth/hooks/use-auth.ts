// The signed-in session, as the pages and the header see it (see AuthProvider).
import { createContext, useContext } from 'react';
import type { Account, TokenResponse } from '../api/token-response';

export type Session =
  /** Asking the server whether the refresh cookie still holds a session (page load). */
  | { status: 'restoring' }
  | {
      status: 'signed-out';
      /**
       * The person ended the session here (signed out, closed the account): a page for
       * signed-in people then goes home rather than asking them to sign in again.
       */
      endedHere?: boolean;
    }
  | { status: 'signed-in'; account: Account };

export interface Auth {
  session: Session;
  /** The signed-in account, or null. */
  account: Account | null;
  /** A sign-out is on its way to the server (the live stream has stopped already). */
  signingOut: boolean;
  /** Starts the session a sign-in answered with. */
  startSession(tokens: TokenResponse): void;
  /** Ends the session on the server (POST /auth/logout) and here. */
  signOut(): Promise<void>;
  /** Replaces the account after the person changed it. */
  updateAccount(account: Account): void;
  /** Forgets the session here only: the server has ended it already (the account was closed). */
  forgetSession(): void;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() needs an <AuthProvider> above it');
  return auth;
}
