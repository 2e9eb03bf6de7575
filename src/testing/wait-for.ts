/**
 * Waiting in real time for something to become true, bounded, for end-to-end tests.
 */
import { TestKitAssertionError } from './assertions/assertion-error';

/**
 * How long the kit's waits ({@link waitFor}, `waitForSent`) wait by default, in ms: 4000. Test
 * runners end a test after their own timeout (5000 ms by default in vitest and jest); a kit
 * wait that gave up at the same moment would lose that race, and the test would fail with a
 * bare "Test timed out in 5000ms" instead of the kit's message saying what it waited for and
 * what the bot sent. So the kit gives up first, leaving a second for starting and closing an
 * emulator. Raise both together: a longer test timeout and a longer `timeout` here. Under a
 * shorter test timeout (mocha's default is 2000 ms) pass a shorter `timeout`.
 *
 * @example
 * it('replies eventually', { timeout: 15_000 }, () =>
 *   withEmulator(async ({ waitForSent }) => {
 *     await waitForSent({ text: 'done' }, { timeout: 12_000 });
 *   }, { bot }));
 */
export const DEFAULT_WAIT_TIMEOUT = 4000;

/**
 * Options of {@link waitFor}.
 *
 * @example
 * waitFor(() => done, { timeout: 2000, interval: 10, what: 'the reply' });
 */
export interface WaitOptions {
  /**
   * Give up after this many ms. Default {@link DEFAULT_WAIT_TIMEOUT} (`4000`): shorter than the
   * 5000 ms default test timeout of vitest and jest, so the kit's message is what you see.
   */
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
 * `timeout` ms (default {@link DEFAULT_WAIT_TIMEOUT}, 4000), or with whatever `check` throws.
 *
 * @example
 * const reply = await waitFor(() => emulator.inspect.sentMessages(chatId).at(-1), { what: 'a reply' });
 * const state = await waitFor(async () => (await fetch(url)).ok || undefined);
 */
export async function waitFor<R>(check: () => R, options: WaitOptions = {}): Promise<Found<R>> {
  const timeout = options.timeout ?? DEFAULT_WAIT_TIMEOUT;
  const interval = options.interval ?? 10;
  if (!(timeout >= 0) || !(interval > 0)) {
    throw new TypeError(
      `waitFor: timeout must be ≥ 0 and interval > 0 ms, got ${String(timeout)} and ${String(interval)}`,
    );
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
