/**
 * A bounded log of Bot API requests, for tests and benchmarks.
 */

/**
 * One Bot API request as the emulator saw it. The token is never recorded.
 *
 * @example
 * emulator.inspect.requests().filter((r) => r.operation === 'sendMessage').length;
 */
export interface RequestLogEntry {
  /** When it arrived, ms since epoch. */
  at: number;
  method: string;
  /** Path without the query string. */
  path: string;
  /** The schema operationId, when the path and method matched one. */
  operation: string | null;
  /** Status answered, or `null` when the connection was dropped on purpose. */
  status: number | null;
  /** The fault injected, if any (`malformed`: truncated JSON). */
  fault:
    | 'latency'
    | 'drop'
    | 'rate-limited'
    | 'unavailable'
    | 'server-error'
    | 'drop-after-headers'
    | 'malformed'
    | 'non-json'
    | 'stalled'
    | null;
  durationMs: number;
}

/**
 * Keeps the last `capacity` entries.
 *
 * @example
 * const log = new RequestLog(1000);
 */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly capacity: number) {}

  /** Appends an entry, dropping the oldest beyond capacity. */
  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** A copy of the entries, oldest first. */
  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }
}
