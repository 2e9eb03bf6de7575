import { describe, expect, it } from 'vitest';
import type { Emulator, FaultOptions } from '../../src/emulator';
import { FaultInjector } from '../../src/emulator/faults/fault-injector';
import { call, control, start } from './helpers';

async function outcome(emulator: Emulator): Promise<string> {
  try {
    const res = await call(emulator, 'GET', '/me');
    if (res.status === 200 && res.body === undefined) return 'malformed';
    return String(res.status);
  } catch {
    return 'drop';
  }
}

async function sequence(faults: FaultOptions, n = 40): Promise<string[]> {
  const emulator = await start({ faults });
  const seen: string[] = [];
  for (let i = 0; i < n; i++) seen.push(await outcome(emulator));
  return seen;
}

describe('faults', () => {
  const chaos: FaultOptions = {
    seed: 7,
    burst503: { probability: 0.2 },
    dropConnectionProbability: 0.15,
    malformedBodyProbability: 0.2,
  };

  it('the same seed gives the same fault sequence; another seed another one', async () => {
    // 20 requests are enough for seed 7 to show every outcome (its first drop is the 17th).
    const first = await sequence(chaos, 20);
    const second = await sequence(chaos, 20);
    expect(second).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['200', '503', 'drop', 'malformed']));
    expect(await sequence({ ...chaos, seed: 8 }, 20)).not.toEqual(first);
  });

  it('rate limiting answers 429 with Retry-After past N requests per second', async () => {
    const emulator = await start({ faults: { rateLimit: { perSecond: 3, retryAfterSeconds: 2 } } });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await call(emulator, 'GET', '/me'));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    expect(results[3]?.headers.get('retry-after')).toBe('2');
    expect(results[3]?.body.code).toBe('too.many.requests');
    expect(emulator.faults.stats()).toMatchObject({ requests: 5, rateLimited: 2 });
  });

  it('the rate-limit window slides: a request is allowed again 1 s after the oldest counted one', () => {
    const faults = new FaultInjector({ rateLimit: { perSecond: 2 } });
    const at = (now: number): string => faults.plan(now).outcome;
    expect([at(0), at(400), at(500), at(999)]).toEqual(['pass', 'pass', 'rate-limited', 'rate-limited']);
    expect(at(1000)).toBe('pass'); // the request at 0 left the window; 400 and 1000 are in it now
    expect(at(1300)).toBe('rate-limited');
    expect(at(1400)).toBe('pass');
    expect(faults.stats()).toMatchObject({ requests: 7, rateLimited: 3 });
  });

  it('adds latency (fixed or in a seeded range)', async () => {
    const emulator = await start({ faults: { latencyMs: 150 } });
    const started = Date.now();
    await call(emulator, 'GET', '/me');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(emulator.faults.stats().delayed).toBe(1);
    emulator.faults.set({ latencyMs: { min: 0, max: 0 } });
    await call(emulator, 'GET', '/me');
    expect(emulator.faults.stats()).toMatchObject({ requests: 2, delayed: 1 });
    const ranged = new FaultInjector({ seed: 5, latencyMs: { min: 10, max: 20 } });
    const latencies = Array.from({ length: 50 }, () => ranged.plan(0).latencyMs);
    expect(Math.min(...latencies)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...latencies)).toBeLessThanOrEqual(20);
    expect(new Set(latencies).size).toBeGreaterThan(1);
  });

  it('503 bursts every N requests, lasting `length` requests', async () => {
    expect(await sequence({ burst503: { every: 3, length: 2 } }, 8)).toEqual([
      '200',
      '200',
      '503',
      '503',
      '200',
      '503',
      '503',
      '200',
    ]);
  });

  it('switches at run time, programmatically and over HTTP; control routes never fault', async () => {
    const emulator = await start();
    expect(await outcome(emulator)).toBe('200');
    emulator.faults.set({ burst503: { every: 1 } });
    expect(await outcome(emulator)).toBe('503');
    expect((await control(emulator, 'GET', '/users')).status).toBe(200);
    expect((await control(emulator, 'DELETE', '/faults')).status).toBe(200);
    expect(await outcome(emulator)).toBe('200');
    const put = await control(emulator, 'PUT', '/faults', { rateLimit: { perSecond: 0, retryAfterSeconds: 5 } });
    expect(put.body).toMatchObject({ rateLimit: { perSecond: 0, retryAfterSeconds: 5 } });
    expect(await outcome(emulator)).toBe('429');
    expect((await control(emulator, 'PUT', '/faults', { dropConnectionProbability: 3 })).status).toBe(400);
    // the reset above cleared the counters: only the two requests after it count
    expect((await control(emulator, 'GET', '/faults/stats')).body).toMatchObject({
      requests: 2,
      unavailable: 0,
      rateLimited: 1,
    });
  });

  it('records injected faults in the request log, never the token', async () => {
    const emulator = await start({ faults: { burst503: { every: 2 } } });
    await call(emulator, 'GET', '/me');
    await call(emulator, 'GET', '/me');
    const log = emulator.inspect.requests();
    expect(log.map((r) => [r.operation ?? r.path, r.status, r.fault])).toEqual([
      ['getMyInfo', 200, null],
      ['/me', 503, 'unavailable'],
    ]);
    expect(JSON.stringify(log)).not.toContain(emulator.token);
  });
});
