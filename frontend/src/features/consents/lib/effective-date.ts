// When a new agreement version takes effect: people must be told three days ahead, so the
// form proposes a moment three days from now, on a whole hour, with an hour or two to spare for
// the time the administrator spends on the form (the server refuses anything sooner than the
// notice period after it receives the version). The first version of a kind may take effect at
// once: there is nothing to replace and nobody to warn.

export const NOTICE_DAYS = 3;

const HOUR = 3_600_000;

const two = (value: number) => String(value).padStart(2, '0');

/** A moment as an <input type="datetime-local"> value, in the browser's time zone. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** The proposed moment: three days and an hour from `now`, rounded up to the next whole hour. */
export function proposedEffectiveAt(now: Date): string {
  const at = new Date(now.getTime() + NOTICE_DAYS * 24 * HOUR + HOUR);
  if (at.getMinutes() || at.getSeconds() || at.getMilliseconds()) at.setHours(at.getHours() + 1, 0, 0, 0);
  return toLocalInput(at);
}
