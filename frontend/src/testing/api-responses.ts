// Canned answers of the Saulet API for unit tests, served through the stubbed `fetch`.
import { vi } from 'vitest';

type Answer = Response | 'network-error';

/** Makes `fetch` answer each API path as given; other paths fail like an unreachable server. */
export function mockApi(answers: Record<string, () => Answer>) {
  const fetchMock = vi.mocked(fetch);
  fetchMock.mockImplementation(async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input), document.baseURI);
    const answer = answers[url.pathname]?.() ?? 'network-error';
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    return answer;
  });
  return fetchMock;
}

export function jsonResponse(
  body: unknown,
  status = 200,
  contentType = 'application/json',
): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

export function problemResponse(problem: {
  type: string;
  title: string;
  status: number;
  detail?: string;
  request_id?: string;
}): Response {
  return jsonResponse(problem, problem.status, 'application/problem+json');
}
