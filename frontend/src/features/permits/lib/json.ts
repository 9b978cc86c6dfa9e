// The API's free-form JSON (form data, a form's schema, signed contents, what a step recorded,
// a change's before and after) arrives typed `unknown`: narrowed here before it is read.

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value if it is a JSON object, else an empty one (a missing or malformed value reads as nothing). */
export function recordOrEmpty(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
