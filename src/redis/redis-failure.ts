/**
 * Wraps an error of the Redis client (connection refused, closed client, `WRONGTYPE`) in one
 * that says which part of tamtam-rx failed and on what, keeping the original as `cause`.
 *
 * @example
 * throw redisFailure('redisMarkerStore: could not read key "bot:polling"', error);
 */
export function redisFailure(what: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`${what}: ${reason}`, { cause: error });
}

/** The start of a stored value, for an error message (never the whole of a large value). */
export function describeValue(text: string): string {
  return text.length <= 40 ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, 40))}…`;
}
