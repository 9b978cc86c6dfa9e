// A stand-in for the browser's EventSource in unit tests (jsdom has none): it records the streams
// the page opens, and a test makes them open, deliver events, or fail.
export class FakeEventSource {
  static readonly instances: FakeEventSource[] = [];

  /** The streams opened so far, newest last. */
  static get latest(): FakeEventSource | undefined {
    return FakeEventSource.instances.at(-1);
  }

  static reset(): void {
    FakeEventSource.instances.length = 0;
  }

  readonly url: string;
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(url: string | URL) {
    this.url = String(url);
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
  }

  /** The server accepted the stream. */
  open(): void {
    this.onopen?.(new Event('open'));
  }

  /** The server sent `event: <type>` with `data` as JSON. */
  emit(type: string, data: unknown): void {
    const event = new MessageEvent<string>(type, { data: JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** The stream broke (or was refused). */
  fail(): void {
    this.onerror?.(new Event('error'));
  }
}
