/**
 * Writing an update to its partition stream failed (Redis unreachable, the client closed, a
 * script error). The update was not acknowledged to its source, which delivers it again
 * (long polling on its next start, a webhook server by retrying); `retry()` after
 * `toRedisStream` resubscribes at once.
 *
 * @example
 * updates$.pipe(toRedisStream(client)).subscribe({
 *   error: (e) => { if (isStreamWriteError(e)) log.error(`partition ${e.partition}: ${e.message}`); },
 * });
 */
export class StreamWriteError extends Error {
  override readonly name = 'StreamWriteError';

  constructor(
    /** The partition the update was going to. */
    readonly partition: number,
    /** What Redis or the client reported. */
    override readonly cause: unknown,
  ) {
    super(
      `toRedisStream: writing an update to partition ${partition} failed (${cause instanceof Error ? cause.message : String(cause)}); the source will deliver it again`,
    );
  }
}

/**
 * True for a {@link StreamWriteError}.
 *
 * @example
 * if (isStreamWriteError(error)) metrics.increment('ingress.write_failed');
 */
export function isStreamWriteError(error: unknown): error is StreamWriteError {
  return error instanceof StreamWriteError;
}
