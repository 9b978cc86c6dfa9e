// Set-up shared by every unit test (vitest, jsdom).
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { FakeEventSource } from './fake-event-source';

// A few tests (the EDS signing code, which needs Node's WebCrypto) run in the `node`
// environment instead of jsdom; the browser-only set-up below is skipped for them.
const inBrowser = typeof window !== 'undefined';

// Browsers resolve a relative request URL against the page; Node's Request (which jsdom leaves
// in place) refuses one. The API client uses relative URLs, as the SPA shares the API's origin.
class DocumentRelativeRequest extends Request {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, document.baseURI) : input, init);
  }
}
if (inBrowser) vi.stubGlobal('Request', DocumentRelativeRequest);

// Unit tests have no network: a test that reaches the API says what the API answers, with
// `mockApi` from ./api-responses. This stub is in place before the API client is created.
vi.stubGlobal(
  'fetch',
  vi.fn<typeof fetch>(() => Promise.reject(new TypeError('unit tests have no network'))),
);

// Nor a local NCALayer: a test that needs one brings a fake WebSocket.
function refuseWebSocket(): never {
  throw new DOMException('unit tests have no network', 'SecurityError');
}
if (inBrowser) vi.stubGlobal('WebSocket', refuseWebSocket);

// Nor a live notification stream: pages get a fake EventSource that a test can drive.
if (inBrowser) vi.stubGlobal('EventSource', FakeEventSource);

beforeEach(async () => {
  if (!inBrowser) return;
  FakeEventSource.reset();
  window.localStorage.clear();
  window.sessionStorage.clear();
  // The app fetches a language's translations when it is first shown; tests switch languages at
  // will, so all three are there from the start.
  const { default: i18n, loadLanguages } = await import('@/i18n');
  const { LANGUAGES } = await import('@/i18n/languages');
  await loadLanguages(LANGUAGES);
  await i18n.changeLanguage('kk');
});

afterEach(() => {
  if (inBrowser) cleanup();
});
