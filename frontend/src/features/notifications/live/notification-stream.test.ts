// The live stream client: a fresh ticket for every connection, the unread count and new notices
// passed on, a broken stream closed (its ticket may have expired) and reopened with a new ticket
// after a growing pause, and nothing more once stopped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '@/testing/fake-event-source';
import { NotificationStream } from './notification-stream';

function setUp(tickets: (string | null)[]) {
  let next = 0;
  const openUrl = vi.fn(async () => {
    const ticket = tickets[next] ?? null;
    next += 1;
    return ticket === null ? null : `/api/v1/notifications/stream?ticket=${ticket}`;
  });
  const onUnread = vi.fn();
  const onNotification = vi.fn();
  const stream = new NotificationStream({
    openUrl,
    onUnread,
    onNotification,
    connect: (url) => new FakeEventSource(url),
    initialDelayMs: 1000,
    maxDelayMs: 8000,
  });
  return { stream, openUrl, onUnread, onNotification };
}

describe('the notification stream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.reset();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens with a ticket and passes on the unread count and notices', async () => {
    const { stream, onUnread, onNotification } = setUp(['t1']);
    stream.start();
    await vi.runOnlyPendingTimersAsync();

    const source = FakeEventSource.latest;
    expect(source?.url).toBe('/api/v1/notifications/stream?ticket=t1');
    source?.open();
    source?.emit('unread', { unread_count: 3 });
    source?.emit('notification', { id: 'n1', title: 'Hello' });

    expect(onUnread).toHaveBeenCalledWith(3);
    expect(onNotification).toHaveBeenCalledWith({ id: 'n1', title: 'Hello' });
    stream.stop();
  });

  it('ignores events it cannot read', async () => {
    const { stream, onUnread } = setUp(['t1']);
    stream.start();
    await vi.runOnlyPendingTimersAsync();
    FakeEventSource.latest?.emit('unread', { count: 'three' });
    expect(onUnread).not.toHaveBeenCalled();
    stream.stop();
  });

  it('closes a broken stream and reconnects with a fresh ticket, backing off', async () => {
    const { stream, openUrl } = setUp(['t1', 't2', 't3']);
    stream.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = FakeEventSource.latest;
    first?.fail();
    expect(first?.closed).toBe(true);

    // Not at once: after a second.
    await vi.advanceTimersByTimeAsync(999);
    expect(openUrl).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(openUrl).toHaveBeenCalledTimes(2);
    expect(FakeEventSource.latest?.url).toContain('ticket=t2');

    // A second failure in a row waits twice as long.
    FakeEventSource.latest?.fail();
    await vi.advanceTimersByTimeAsync(1999);
    expect(openUrl).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.latest?.url).toContain('ticket=t3');
    stream.stop();
  });

  it('starts over from the shortest pause once a stream opened', () => {
    const { stream } = setUp([]);
    expect([1, 2, 3, 4, 5, 6].map((failures) => stream.delayAfter(failures))).toEqual([
      1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it('tries again later when no ticket can be had', async () => {
    const { stream, openUrl } = setUp([null, 't2']);
    stream.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeEventSource.instances).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(openUrl).toHaveBeenCalledTimes(2);
    expect(FakeEventSource.latest?.url).toContain('ticket=t2');
    stream.stop();
  });

  it('closes the stream on stop and never reconnects', async () => {
    const { stream, openUrl } = setUp(['t1', 't2']);
    stream.start();
    await vi.advanceTimersByTimeAsync(0);
    const source = FakeEventSource.latest;
    stream.stop();
    expect(source?.closed).toBe(true);
    source?.fail();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(openUrl).toHaveBeenCalledTimes(1);
  });
});
