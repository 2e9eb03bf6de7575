import { describe, expect, it } from 'vitest';
import type { Emulator, FaultOptions } from '../../src/emulator';
import { FaultInjector } from '../../src/emulator/faults/fault-injector';
import { call, control, start, waitFor } from './helpers';

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

  it('random 429 with or without Retry-After, and 500, answer without handling the request', async () => {
    const emulator = await start({ faults: { tooManyRequests: { probability: 1, retryAfterSeconds: null } } });
    const bare = await call(emulator, 'GET', '/me');
    expect([bare.status, bare.body.code, bare.headers.get('retry-after')]).toEqual([429, 'too.many.requests', null]);
    emulator.faults.set({ tooManyRequests: { probability: 1, retryAfterSeconds: 3 } });
    expect((await call(emulator, 'GET', '/me')).headers.get('retry-after')).toBe('3');
    emulator.faults.set({ tooManyRequests: null, serverErrorProbability: 1 });
    const failed = await call(emulator, 'POST', '/messages', { query: { user_id: 1 }, body: { text: 'never sent' } });
    expect([failed.status, failed.body.code]).toEqual([500, 'internal.error']);
    expect(emulator.inspect.sentMessages()).toEqual([]);
    expect(emulator.faults.stats()).toMatchObject({ requests: 3, rateLimited: 2, serverErrors: 1 });
    // the same over HTTP
    const put = await control(emulator, 'PUT', '/faults', {
      serverErrorProbability: 0,
      tooManyRequests: { probability: 1, retryAfterSeconds: null },
    });
    expect(put.body).toMatchObject({
      serverErrorProbability: 0,
      tooManyRequests: { probability: 1, retryAfterSeconds: null },
    });
    const overHttp = await call(emulator, 'GET', '/me');
    expect([overHttp.status, overHttp.headers.get('retry-after')]).toEqual([429, null]);
    expect((await control(emulator, 'PUT', '/faults', { stalledBodyProbability: 'often' })).status).toBe(400);
  });

  it('an HTML page in place of JSON, with status 200', async () => {
    const emulator = await start({ faults: { nonJsonBodyProbability: 1 } });
    const res = await call(emulator, 'GET', '/me');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toMatch(/^<!DOCTYPE html>/);
    expect(emulator.faults.stats().nonJson).toBe(1);
  });

  it('a connection dropped after the headers: 200 arrives, the body read fails', async () => {
    const emulator = await start({ faults: { dropAfterHeadersProbability: 1 } });
    const res = await fetch(`${emulator.url}/me?access_token=${emulator.token}`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(emulator.faults.stats().droppedAfterHeaders).toBe(1);
  });

  it('a stalled body: headers and half the body, then nothing until the client gives up or the emulator closes', async () => {
    const emulator = await start({ faults: { stalledBodyProbability: 1 } });
    const url = `${emulator.url}/me?access_token=${emulator.token}`;
    const client = new AbortController();
    const res = await fetch(url, { signal: client.signal });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^\{"user_id":/); // half of GET /me
    const rest = reader.read();
    client.abort();
    await expect(rest).rejects.toThrow();
    await waitFor(() => emulator.inspect.requests().some((r) => r.fault === 'stalled'));
    expect(emulator.inspect.requests()[0]).toMatchObject({ operation: 'getMyInfo', status: 200, fault: 'stalled' });

    const second = await fetch(url); // the client never gives up: closing the emulator ends it
    const stuck = second.text();
    await emulator.close();
    await expect(stuck).rejects.toThrow();
    expect(emulator.faults.stats().stalled).toBe(2);
  });

  it('the added faults follow the seed too, and leave the sequences of the older ones as they were', () => {
    const plans = (faults: FaultOptions) => {
      const injector = new FaultInjector(faults);
      return Array.from({ length: 200 }, () => {
        const plan = injector.plan(0);
        return plan.outcome === 'pass' ? plan.body : plan.outcome;
      });
    };
    const added: FaultOptions = {
      seed: 11,
      tooManyRequests: { probability: 0.05 },
      serverErrorProbability: 0.05,
      dropAfterHeadersProbability: 0.05,
      nonJsonBodyProbability: 0.05,
      stalledBodyProbability: 0.05,
    };
    const first = plans(added);
    expect(plans(added)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['intact', 'rate-limited', 'server-error', 'cut', 'non-json', 'stalled']));
    expect(plans({ ...added, seed: 12 })).not.toEqual(first);
    const older = plans(chaos);
    const both = plans({ ...added, ...chaos });
    // where the added ones stay quiet, every request meets exactly what it met before
    both.forEach((outcome, i) => {
      if (['intact', 'unavailable', 'drop', 'truncated'].includes(outcome)) expect(outcome).toBe(older[i]);
    });
  });

  it('refuses bad settings of the added faults, naming them', () => {
    expect(() => new FaultInjector({ stalledBodyProbability: 2 })).toThrow(/stalledBodyProbability/);
    expect(() => new FaultInjector({ tooManyRequests: { probability: 0.1, retryAfterSeconds: -1 } })).toThrow(
      /tooManyRequests.retryAfterSeconds/,
    );
    expect(() => new FaultInjector({ serverErrorProbability: Number.NaN })).toThrow(/serverErrorProbability/);
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
