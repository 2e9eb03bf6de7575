/**
 * Waiting in real time for something to become true, bounded, for end-to-end tests.
 */
import { TestKitAssertionError } from './assertions/assertion-error';

/**
 * Options of {@link waitFor}.
 *
 * @example
 * waitFor(() => done, { timeout: 2000, interval: 10, what: 'the reply' });
 */
export interface WaitOptions {
  /** Give up after this many ms. Default `5000`. */
  readonly timeout?: number;
  /** Check every this many ms. Default `10`. */
  readonly interval?: number;
  /** What is awaited, for the failure message. Default `'the condition'`. */
  readonly what?: string;
}

/**
 * What {@link waitFor} resolves with: the check's (awaited) value, without the "not yet" ones.
 *
 * @example
 * type M = Found<Message | undefined>; // Message
 */
export type Found<R> = Exclude<Awaited<R>, undefined | null | false>;

/**
 * Runs `check` (sync or async) until it returns something other than `undefined`, `null` or
 * `false`, and resolves with that. Rejects with a {@link TestKitAssertionError} after
 * `timeout` ms, or with whatever `check` throws.
 *
 * @example
 * const reply = await waitFor(() => emulator.inspect.sentMessages(chatId).at(-1), { what: 'a reply' });
 * const state = await waitFor(async () => (await fetch(url)).ok || undefined);
 */
export async function waitFor<R>(check: () => R, options: WaitOptions = {}): Promise<Found<R>> {
  const timeout = options.timeout ?? 5000;
  const interval = options.interval ?? 10;
  if (!(timeout >= 0) || !(interval > 0)) {
    throw new TypeError(`waitFor: timeout must be ≥ 0 and interval > 0 ms, got ${String(timeout)} and ${String(interval)}`);
  }
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as Found<R>;
    if (Date.now() >= deadline) {
      throw new TestKitAssertionError(`Timed out after ${timeout} ms waiting for ${options.what ?? 'the condition'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
