// The one place the SPA talks HTTP to the Saulet API.
//
// Paths, parameters and bodies are typed from `src/api/schema.d.ts`, which is generated from the
// committed OpenAPI document (`npm run gen:api`); features call `api.GET('/api/v1/…')` and never
// build URLs or declare response types by hand. The API is served from the same origin as the
// SPA, so the base URL is empty and every request is relative.
//
// Signed-in requests carry the access token as `Authorization: Bearer …`. The token itself lives
// in memory, in the auth feature's React context, which lends it to this client through
// `connectSession`; it is never written to storage. When the API answers 401 to a request that
// carried a token (it expired, typically), the session is renewed once and the request sent
// again with the new token.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '@/api/schema';
import i18n from '@/i18n';

export type { components, paths };

export const api = createClient<paths>({ baseUrl: '' });

/** RFC 9457 problem details: the body of every error answer of the API. */
export type Problem = components['schemas']['Problem'];
export type FieldError = components['schemas']['FieldError'];

// The API words its messages (problem titles and details, notifications) in the language the
// visitor reads the interface in.
const acceptLanguage: Middleware = {
  onRequest({ request }) {
    if (i18n.resolvedLanguage) request.headers.set('Accept-Language', i18n.resolvedLanguage);
  },
};

/** What the signed-in session lends the client. */
export interface SessionConnection {
  /** The current access token, if signed in. */
  accessToken(): string | null;
  /**
   * Renews the session (POST /auth/refresh with the refresh cookie); the new access token, or
   * null when the session is over.
   */
  renew(): Promise<string | null>;
}

let session: SessionConnection | null = null;

/** Lends the client the session's token; returns the function that takes it back. */
export function connectSession(connection: SessionConnection): () => void {
  session = connection;
  return () => {
    if (session === connection) session = null;
  };
}

/** The refresh call itself never carries a token and is never retried. */
const REFRESH_PATH = '/api/v1/auth/refresh';

// Copies of requests sent with a token, kept until their answer, so that one refused with 401 can
// be sent again (the original's body has been read by then).
const resendable = new Map<string, Request>();

const bearerToken: Middleware = {
  onRequest({ request, schemaPath, id }) {
    if (schemaPath === REFRESH_PATH) return;
    const token = session?.accessToken();
    if (!token) return;
    request.headers.set('Authorization', `Bearer ${token}`);
    resendable.set(id, request.clone());
  },
  async onResponse({ response, id, options }) {
    const original = resendable.get(id);
    resendable.delete(id);
    if (response.status !== 401 || !original || !session) return;
    const token = await session.renew();
    if (!token) return;
    original.headers.set('Authorization', `Bearer ${token}`);
    return options.fetch(original);
  },
  onError({ id }) {
    resendable.delete(id);
  },
};

// The gate: once a new version of an agreement is in force, the API refuses almost every
// call of an account that has not accepted it with 403 `consent-required`, naming the versions.
// Whoever listens (the app's router) takes the person to the page where they can accept them.
type ConsentRequiredListener = (documents: string[]) => void;
const consentListeners = new Set<ConsentRequiredListener>();

/** Listens for 403 `consent-required` answers; returns the function that stops listening. */
export function onConsentRequired(listener: ConsentRequiredListener): () => void {
  consentListeners.add(listener);
  return () => {
    consentListeners.delete(listener);
  };
}

export const CONSENT_REQUIRED = 'consent-required';

const consentGate: Middleware = {
  async onResponse({ request, response }) {
    if (response.status !== 403 || consentListeners.size === 0) return;
    // Only a signed-in account is gated; a registration asked for its acceptances (which has no
    // token) shows the refusal in its own form.
    if (!request.headers.has('Authorization')) return;
    let body: unknown;
    try {
      body = await response.clone().json();
    } catch {
      return;
    }
    if (!isProblem(body) || body.type !== CONSENT_REQUIRED) return;
    const documents = body.documents ?? [];
    for (const listener of consentListeners) listener(documents);
  },
};

api.use(acceptLanguage, bearerToken, consentGate);

/** Why a call failed. */
export type ApiFailure =
  /** The API answered with a problem document. */
  | {
      kind: 'problem';
      problem: Problem;
      /** Seconds from the `Retry-After` header (429, 423, 503), if any. */
      retryAfter: number | null;
    }
  /** An answer that is not the API's (a proxy's error page, say). */
  | { kind: 'http'; status: number }
  /** No answer at all: offline, or the server is down. */
  | { kind: 'network' };

export type ApiResult<T> = { ok: true; data: T } | { ok: false; failure: ApiFailure };

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).type === 'string' &&
    typeof (value as Record<string, unknown>).title === 'string' &&
    typeof (value as Record<string, unknown>).status === 'number'
  );
}

function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/**
 * Awaits an `api.*` call and folds its outcomes into one result: the data of a 2xx answer, or
 * the reason it failed. A network failure is a result too, not an exception.
 */
export async function send<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<ApiResult<T>> {
  try {
    const { data, error, response } = await call;
    if (response.ok) return { ok: true, data: data as T };
    if (isProblem(error)) {
      return {
        ok: false,
        failure: {
          kind: 'problem',
          problem: error,
          retryAfter: retryAfterSeconds(response.headers.get('Retry-After')),
        },
      };
    }
    return { ok: false, failure: { kind: 'http', status: response.status } };
  } catch {
    return { ok: false, failure: { kind: 'network' } };
  }
}

/** The problem's type, if the failure is a problem document. */
export function problemType(failure: ApiFailure): string | null {
  return failure.kind === 'problem' ? failure.problem.type : null;
}
