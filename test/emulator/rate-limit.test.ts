import { afterEach, describe, expect, it } from 'vitest';
import { optionsFromArgs } from '../../src/emulator/cli-options';
import { type Emulator, resolveEmulatorRateLimit, startEmulator } from '../../src/emulator/index';
import { TokenRateLimiter } from '../../src/emulator/rate-limit/token-rate-limiter';

describe('emulated rate limit: the rule', () => {
  it('a token bucket per bot token: perSecond at once, refilled at perSecond a second; refused requests take nothing', () => {
    const limiter = new TokenRateLimiter({ perSecond: 3, style: 'max', retryAfterSeconds: undefined });
    expect([0, 0, 0, 0, 0].map((t) => limiter.take('a', t))).toEqual([true, true, true, false, false]);
    expect(limiter.take('b', 0)).toBe(true); // another bot has its own budget
    expect(limiter.take('a', 300)).toBe(false); // 0.9 of a request refilled
    expect(limiter.take('a', 334)).toBe(true);
    expect(limiter.take('a', 5000)).toBe(true);
    expect(limiter.refused).toBe(3);
  });

  it('per dialect: off by default for TamTam, on for Max (30/s, no Retry-After); TamTam style names the wait', () => {
    expect(resolveEmulatorRateLimit(undefined, 'tamtam')).toBeNull();
    expect(resolveEmulatorRateLimit(undefined, 'max')).toEqual({
      perSecond: 30,
      style: 'max',
      retryAfterSeconds: undefined,
    });
    expect(resolveEmulatorRateLimit(false, 'max')).toBeNull();
    expect(resolveEmulatorRateLimit(true, 'tamtam')).toEqual({ perSecond: 30, style: 'tamtam', retryAfterSeconds: 1 });
    expect(resolveEmulatorRateLimit('max', 'tamtam')).toEqual({
      perSecond: 30,
      style: 'max',
      retryAfterSeconds: undefined,
    });
    expect(resolveEmulatorRateLimit({ perSecond: 5, retryAfterSeconds: 2 })).toEqual({
      perSecond: 5,
      style: 'tamtam',
      retryAfterSeconds: 2,
    });
    expect(() => resolveEmulatorRateLimit({ perSecond: 0 })).toThrow(/rateLimit.perSecond/);
    expect(() => resolveEmulatorRateLimit({ style: 'icq' as never })).toThrow(/rateLimit.style/);
    expect(() => resolveEmulatorRateLimit(7 as never)).toThrow(/rateLimit must be/);
  });

  it('the CLI flag takes a dialect, a rate, on or off', () => {
    expect(optionsFromArgs(['--rate-limit', 'max'], {}).rateLimit).toBe('max');
    expect(optionsFromArgs(['--rate-limit', 'tamtam'], {}).rateLimit).toBe('tamtam');
    expect(optionsFromArgs(['--rate-limit', 'off'], {}).rateLimit).toBe(false);
    expect(optionsFromArgs([], { TAMTAM_EMULATOR_RATE_LIMIT: '12' }).rateLimit).toEqual({ perSecond: 12 });
    expect(() => optionsFromArgs(['--rate-limit', 'fast'], {})).toThrow(/--rate-limit must be a number/);
  });
});

describe('emulated rate limit over HTTP', () => {
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  async function burst(n: number): Promise<Response[]> {
    const e = emulator as Emulator;
    return Promise.all(Array.from({ length: n }, () => fetch(`${e.url}/me`, { headers: { authorization: e.token } })));
  }

  it('Max style: 429 without Retry-After beyond the budget, counted in fault stats', async () => {
    emulator = await startEmulator({ world: 'empty', rateLimit: { perSecond: 2, style: 'max' } });
    const answers = await burst(4);
    const limited = answers.filter((r) => r.status === 429);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(2);
    expect(limited).toHaveLength(2);
    expect(limited.map((r) => r.headers.get('retry-after'))).toEqual([null, null]);
    expect(await limited[0]?.json()).toMatchObject({ code: 'too.many.requests' });
    expect(emulator.faults.stats().rateLimited).toBe(2);
  });

  it('TamTam style: 429 with Retry-After', async () => {
    emulator = await startEmulator({ world: 'empty', rateLimit: { perSecond: 1, style: 'tamtam' } });
    const answers = await burst(2);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 429]);
    expect(answers.find((r) => r.status === 429)?.headers.get('retry-after')).toBe('1');
  });

  it('off by default in the TamTam dialect', async () => {
    emulator = await startEmulator({ world: 'empty' });
    expect((await burst(40)).every((r) => r.status === 200)).toBe(true);
  });
});
