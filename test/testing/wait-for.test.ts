import { describe, expect, it } from 'vitest';
import { TestKitAssertionError, waitFor } from '../../src/testing/index';

describe('waitFor', () => {
  it('resolves with the first value that is not undefined, null or false (sync or async checks)', async () => {
    let calls = 0;
    expect(await waitFor(() => (++calls >= 3 ? calls : false), { interval: 1 })).toBe(3);
    expect(await waitFor(async () => 0)).toBe(0); // 0 is a value
  });

  it('times out with what it waited for, and passes on what the check throws', async () => {
    await expect(waitFor(() => undefined, { timeout: 20, interval: 5, what: 'the reply' })).rejects.toEqual(
      new TestKitAssertionError('Timed out after 20 ms waiting for the reply'),
    );
    await expect(
      waitFor(() => {
        throw new RangeError('broken');
      }),
    ).rejects.toThrow(RangeError);
    await expect(waitFor(() => 1, { interval: 0 })).rejects.toThrow(/interval > 0/);
  });
});
