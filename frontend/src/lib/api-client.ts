// The one place the SPA talks HTTP to the Saulet API.
//
// Paths, parameters and bodies are typed from `src/api/schema.d.ts`, which is generated from the
// committed OpenAPI document (`npm run gen:api`); features call `api.GET('/api/v1/…')` and never
// build URLs or declare response types by hand. The API is served from the same origin as the
// SPA, so the base URL is empty and every request is relative.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '@/api/schema';
import i18n from '@/i18n';

export type { components, paths };

export const api = createClient<paths>({ baseUrl: '' });

/** RFC 9457 problem details: the body of every error answer of the API. */
export type Problem = components['schemas']['Problem'];

// The API words its messages (problem titles and details, notifications) in the language the
// visitor reads the interface in.
const acceptLanguage: Middleware = {
  onRequest({ request }) {
    if (i18n.resolvedLanguage) request.headers.set('Accept-Language', i18n.resolvedLanguage);
  },
};

api.use(acceptLanguage);
