// The live stream of the signed-in person's notices (Server-Sent Events).
//
// EventSource cannot send `Authorization`, so each connection starts with a fresh one-minute
// ticket (POST /notifications/stream-ticket) in the stream's URL. The server checks the ticket
// when the stream opens; when the stream breaks, the browser's own reconnection would present the
// old, expired ticket, so this client closes the broken stream itself and opens a new one with a
// new ticket, waiting longer after each failure in a row (1 s, 2 s, 4 s … up to 60 s).

/** The part of EventSource this client uses (a fake one in unit tests). */
export interface EventSourceLike {
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

export interface NotificationStreamOptions {
  /** A fresh ticket's stream URL, or null when none can be had now (offline, signed out). */
  openUrl: () => Promise<string | null>;
  onUnread: (count: number) => void;
  onNotification: (notification: unknown) => void;
  /** Creates the EventSource; the browser's by default. */
  connect?: EventSourceFactory;
  /** The first delay before reconnecting, in ms (doubled after each failure). */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

const browserEventSource: EventSourceFactory = (url) => new EventSource(url);

export class NotificationStream {
  private source: EventSourceLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private failures = 0;
  private readonly connect: EventSourceFactory;
  private readonly initialDelay: number;
  private readonly maxDelay: number;
  private readonly options: NotificationStreamOptions;

  constructor(options: NotificationStreamOptions) {
    this.options = options;
    this.connect = options.connect ?? browserEventSource;
    this.initialDelay = options.initialDelayMs ?? 1000;
    this.maxDelay = options.maxDelayMs ?? 60_000;
  }

  /** Opens the stream (and keeps it open until `stop`). */
  start(): void {
    this.stopped = false;
    void this.open();
  }

  /** Closes the stream for good: signed out, or the page is gone. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
  }

  /** The delay before the next attempt after `failures` failures in a row. */
  delayAfter(failures: number): number {
    return Math.min(this.maxDelay, this.initialDelay * 2 ** Math.max(0, failures - 1));
  }

  private async open(): Promise<void> {
    let url: string | null;
    try {
      url = await this.options.openUrl();
    } catch {
      url = null;
    }
    if (this.stopped) return;
    if (!url) {
      this.retry();
      return;
    }
    let source: EventSourceLike;
    try {
      source = this.connect(url);
    } catch {
      this.retry();
      return;
    }
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
    };
    source.onerror = () => {
      if (this.source !== source) return;
      // The ticket in this URL may have expired: never let the browser reuse it.
      source.close();
      this.source = null;
      this.retry();
    };
    source.addEventListener('unread', (event) => {
      const count = parse(event.data, (value) =>
        typeof value === 'object' && value !== null && typeof (value as { unread_count?: unknown }).unread_count === 'number'
          ? (value as { unread_count: number }).unread_count
          : null,
      );
      if (count !== null) this.options.onUnread(count);
    });
    source.addEventListener('notification', (event) => {
      const notification = parse(event.data, (value) => value);
      if (notification !== null) this.options.onNotification(notification);
    });
  }

  private retry(): void {
    if (this.stopped) return;
    this.failures += 1;
    const delay = this.delayAfter(this.failures);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.open();
    }, delay);
  }
}

function parse<T>(data: string, pick: (value: unknown) => T | null): T | null {
  try {
    return pick(JSON.parse(data));
  } catch {
    return null;
  }
}
