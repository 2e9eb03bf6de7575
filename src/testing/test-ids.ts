/**
 * Fresh ids for test data, shaped like the server's: message ids, sequence numbers, callback
 * and session ids. Deterministic: a new generator always starts from 1.
 */

/**
 * The id space of the message ids a fake api's server hands out. Update factories never use
 * it, so a made-up message and one the fake api served never share an id.
 *
 * @example
 * new TestIds(SERVER_ID_SPACE).mid(42); // shaped like a mid the fake api answers with
 */
export const SERVER_ID_SPACE = 0xffff;

/**
 * Generates ids. Each kind counts on its own from 1; the `space` number goes into every
 * message and opaque id, so generators with different spaces never hand out the same id.
 *
 * @example
 * const ids = new TestIds(2);
 * ids.mid(-70_000_000_001); // 'mid.ffffffefb3acc3ff0002000000000001'
 * ids.opaque('cb');         // 'cb.000200000001'
 */
export class TestIds {
  readonly #counters = new Map<string, number>();
  readonly #space: string;

  /** `space`: 0–65535, the id space of this generator. Default `0`. */
  constructor(space = 0) {
    if (!Number.isInteger(space) || space < 0 || space > 0xffff)
      throw new RangeError(`TestIds: space must be a whole number 0–65535, got ${String(space)}`);
    this.#space = space.toString(16).padStart(4, '0');
  }

  /** A message id like the server's: `mid.` + the chat id, the space and a counter, 32 hex digits. */
  mid(chatId: number | null): string {
    const chatHex = BigInt.asUintN(64, BigInt(chatId ?? 0))
      .toString(16)
      .padStart(16, '0');
    return `mid.${chatHex}${this.#space}${this.count('mid').toString(16).padStart(12, '0')}`;
  }

  /** A message sequence number (grows by 1 per message, starting high like real ones). */
  seq(): number {
    return 112_516_000_000_000 + this.count('seq');
  }

  /** An opaque id with a prefix: `cb` → `cb.000000000001` (space 0). */
  opaque(prefix: string): string {
    return `${prefix}.${this.#space}${this.count(prefix).toString(16).padStart(8, '0')}`;
  }

  /** The next number of the named counter: 1, 2, 3, … */
  count(name: string): number {
    const next = (this.#counters.get(name) ?? 0) + 1;
    this.#counters.set(name, next);
    return next;
  }

  /** Starts every counter from 1 again. */
  reset(): void {
    this.#counters.clear();
  }
}

/**
 * A clock for test data: starts at `start` and moves `step` ms forward on every read, so
 * successive updates get increasing, predictable timestamps.
 *
 * @example
 * const now = steppingClock(1_717_243_200_000, 1000);
 * now(); // 1_717_243_201_000
 * now(); // 1_717_243_202_000
 */
export function steppingClock(start: number, step = 1000): () => number {
  let time = start;
  return () => (time += step);
}
