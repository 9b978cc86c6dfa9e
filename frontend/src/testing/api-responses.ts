// Canned answers of the Saulet API for unit tests, served through the stubbed `fetch`.
import { vi } from 'vitest';
import type { components } from '@/lib/api-client';

type Answer = Response | 'network-error';

/** Answers one request; it may look at the request (its headers, its body). */
export type ApiHandler = (request: Request) => Answer | Promise<Answer>;

/**
 * Makes `fetch` answer each API path as given, keyed by `"METHOD /path"` or just `"/path"`;
 * other paths fail like an unreachable server.
 */
export function mockApi(answers: Record<string, ApiHandler>) {
  const fetchMock = vi.mocked(fetch);
  fetchMock.mockImplementation(async (input, init) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url, document.baseURI);
    const handler = answers[`${request.method} ${url.pathname}`] ?? answers[url.pathname];
    const answer = handler ? await handler(request.clone()) : 'network-error';
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    return answer;
  });
  return fetchMock;
}

/**
 * What the page frame asks for on its own, on every page: the announcements banner, and the live
 * notifications' stream ticket for signed-in people. `requestLog` leaves these out.
 */
export const FRAME_REQUESTS: readonly string[] = [
  'GET /api/v1/announcements',
  'POST /api/v1/notifications/stream-ticket',
];

/** The requests `fetch` was given, as "METHOD /path", in order, apart from the frame's own. */
export function requestLog(fetchMock: ReturnType<typeof mockApi>): string[] {
  return fetchMock.mock.calls
    .map(([input]) => {
      const request = input as Request;
      return `${request.method} ${new URL(request.url).pathname}`;
    })
    .filter((line) => !FRAME_REQUESTS.includes(line));
}

/** The requests `fetch` was given for one "METHOD /path". */
export function requestsTo(fetchMock: ReturnType<typeof mockApi>, route: string): Request[] {
  return fetchMock.mock.calls
    .map(([input]) => input as Request)
    .filter((request) => `${request.method} ${new URL(request.url).pathname}` === route);
}

export function jsonResponse(
  body: unknown,
  status = 200,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType, ...headers } });
}

export function problemResponse(
  problem: {
    type: string;
    title: string;
    status: number;
    detail?: string;
    request_id?: string;
    errors?: { field: string; code: string; message: string }[];
  },
  headers: Record<string, string> = {},
): Response {
  return jsonResponse({ detail: '', ...problem }, problem.status, 'application/problem+json', headers);
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

type Account = components['schemas']['AccountView'];

export function account(overrides: Partial<Account> = {}): Account {
  return {
    id: '0193a0c4-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
    kind: 'individual',
    iin: '850314301834',
    full_name: 'АСАНОВ АСАН АСАНҰЛЫ',
    email: 'asan@example.kz',
    email_verified: true,
    phone: null,
    language: 'kk',
    role: 'applicant',
    status: 'active',
    verification: 'unverified',
    created_at: '2026-11-24T10:00:00Z',
    ...overrides,
  };
}

export function tokens(accessToken: string, overrides: Partial<Account> = {}) {
  return {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: 600,
    account: account(overrides),
  };
}
