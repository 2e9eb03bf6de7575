/**
 * The kit's waits give up before the test runner does (issue 14): under vitest's and jest's
 * default 5000 ms test timeout, a failing wait must end the test with the kit's message, not
 * with a bare "Test timed out in 5000ms". Runs in fake time: nothing here waits for real.
 */
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendMessage } from '../../src/actions/index';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import { startTestBot } from '../../src/testing/entry-emulator';
import { DEFAULT_WAIT_TIMEOUT, TestKitAssertionError, waitFor } from '../../src/testing/index';

/** The default test timeout of vitest (and of jest). This project's own config sets a longer one. */
const RUNNER_DEFAULT_TEST_TIMEOUT = 5000;

/** Settles `promise` into a readable state, so a test can look at it without awaiting it. */
function observe<T>(promise: Promise<T>): { state: 'pending' | 'resolved' | 'rejected'; reason?: unknown } {
  const seen: { state: 'pending' | 'resolved' | 'rejected'; reason?: unknown } = { state: 'pending' };
  promise.then(
    () => {
      seen.state = 'resolved';
    },
    (reason: unknown) => {
      seen.state = 'rejected';
      seen.reason = reason;
    },
  );
  return seen;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('default timeout of the kit waits', () => {
  it('waitFor gives up after 4000 ms by default, before the runner would end the test', async () => {
    expect(DEFAULT_WAIT_TIMEOUT).toBe(4000);
    expect(DEFAULT_WAIT_TIMEOUT).toBeLessThan(RUNNER_DEFAULT_TEST_TIMEOUT);
    vi.useFakeTimers();
    const wait = observe(waitFor(() => undefined, { what: 'the reply' }));
    await vi.advanceTimersByTimeAsync(DEFAULT_WAIT_TIMEOUT - 1);
    expect(wait.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(wait.state).toBe('rejected');
    expect(wait.reason).toEqual(new TestKitAssertionError('Timed out after 4000 ms waiting for the reply'));
  });

  it('an explicit timeout still wins over the default', async () => {
    vi.useFakeTimers();
    const wait = observe(waitFor(() => false, { timeout: 6000 }));
    await vi.advanceTimersByTimeAsync(DEFAULT_WAIT_TIMEOUT + 1000);
    expect(wait.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1000);
    expect(wait.state).toBe('rejected');
    expect(wait.reason).toEqual(new TestKitAssertionError('Timed out after 6000 ms waiting for the condition'));
  });

  it('waitForSent gives up after 4000 ms by default with the list of what the bot sent', async () => {
    const { alice, dialogWithAlice } = DEFAULT_WORLD_IDS;
    const t = await startTestBot();
    try {
      await firstValueFrom(sendMessage(t.api, { user_id: alice }, { text: 'Hello' }));
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const wait = observe(t.waitForSent({ text: 'Bye' }));
      await vi.advanceTimersByTimeAsync(DEFAULT_WAIT_TIMEOUT - 1);
      expect(wait.state).toBe('pending');
      await vi.advanceTimersByTimeAsync(1);
      expect(wait.state).toBe('rejected');
      expect(wait.reason).toBeInstanceOf(TestKitAssertionError);
      expect((wait.reason as Error).message).toBe(
        `Timed out after 4000 ms waiting for a message with text "Bye"\nMessages the bot sent (1):\n  1. to user ${alice} (chat ${dialogWithAlice}): "Hello"`,
      );
    } finally {
      vi.useRealTimers();
      await t.close();
    }
  });
});
