// The answer of every sign-in: the access token and the account.
import type { components } from '@/lib/api-client';

export type TokenResponse = components['schemas']['TokenResponse'];
export type Account = components['schemas']['AccountView'];
