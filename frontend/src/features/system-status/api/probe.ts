// What a health probe of the API can tell the status page.
import type { Problem } from '@/lib/api-client';

export type ProbeOutcome<Body> =
  /** The API answered 2xx with the documented body. */
  | { kind: 'ok'; body: Body }
  /** The API answered, but says it cannot serve requests (503 with a problem document). */
  | { kind: 'not-ready'; httpStatus: number; problem: Problem | null }
  /** No usable answer: the network failed, or something other than the API answered. */
  | { kind: 'unreachable'; httpStatus: number | null };

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).title === 'string' &&
    typeof (value as Record<string, unknown>).status === 'number'
  );
}
