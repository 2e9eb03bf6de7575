import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { type Observable, firstValueFrom, lastValueFrom, merge, mergeMap, range, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendMessage } from '../../src/actions/index';
import { type RateLimiter, createApi, tokenBucket } from '../../src/api/index';
import { DEFAULT_WORLD_IDS, startEmulator } from '../../src/emulator/index';
import type { RedisClient } from '../../src/redis/client';
import { redisRateLimiter } from '../../src/redis/index';
import { waitFor } from '../../src/testing/index';
import { nodeScript, nodeScriptDir } from '../helpers/node-script';
import { type LocalRedisServer, startRedisServer } from '../helpers/redis-server';

/** The sender process, bundled once (test/helpers/node-script.ts): a tsx start costs seconds on a busy machine. */
let sender: string;

let redis: LocalRedisServer;
/** One connection per simulated process, as separate processes would have. */
let clients: RedisClient[] = [];
beforeAll(async () => {
  sender = await nodeScript(fileURLToPath(new URL('./fixtures/limited-sender.ts', import.meta.url)));
  redis = await startRedisServer();
  clients = await Promise.all([1, 2, 3].map(() => createClient({ url: redis.url }).connect()));
}, 30_000);
afterAll(async () => {
  rmSync(nodeScriptDir, { recursive: true, force: true });
  for (const client of clients) client.destroy();
  await redis?.stop();
});

const client = (i: number): RedisClient => clients[i] as RedisClient;

/**
 * `count` sends from each of three apis (one limiter each, as three processes would have) at
 * once to the Max emulator, whose rule is `perSecond` requests/s (Max: 30).
 */
async function threeProcessesSend(limiters: readonly RateLimiter[], count: number, perSecond: number) {
  const emulator = await startEmulator({ dialect: 'max', rateLimit: { perSecond, style: 'max' } });
  try {
    const sends = limiters.map((limiter, p) => {
      const api = createApi({ dialect: 'max', token: emulator.token, baseUrl: emulator.url, rateLimit: limiter });
      return range(0, count).pipe(
        mergeMap((i) => sendMessage(api, { chat_id: DEFAULT_WORLD_IDS.group }, { text: `p${p} m${i}` })),
      );
    });
    const results = await lastValueFrom(merge(...sends).pipe(toArray()));
    return { delivered: new Set(results.map((r) => r.message.body.mid)).size, ...emulator.faults.stats() };
  } finally {
    await emulator.close();
  }
}

const sharedLimiters = (key: string, perSecond: number) =>
  [0, 1, 2].map((i) => redisRateLimiter(client(i), { key, perSecond }));

describe('redisRateLimiter: one budget for many processes', () => {
  // A loaded machine may not reach 30 requests/s at all; three processes at 5/s each (15/s)
  // exceed a 5/s rule on any machine, so the comparison runs on that.
  it('control: three apis with their own in-process limiters of 5/s collect 429s from a 5/s rule', async () => {
    const separate = [0, 1, 2].map(() => tokenBucket({ perSecond: 5 }));
    const run = await threeProcessesSend(separate, 8, 5);
    expect(run.delivered).toBe(24); // the retry rule still delivers everything...
    expect(run.rateLimited).toBeGreaterThan(0); // ...after 429s: together they exceeded the budget
  }, 60_000);

  it('three apis sharing one Redis limiter of 5/s get no 429 from the same rule', async () => {
    const shared = sharedLimiters('test:rate:five', 5);
    const run = await threeProcessesSend(shared, 8, 5);
    expect(run.delivered).toBe(24);
    expect(run.rateLimited).toBe(0);
  }, 60_000);

  it("three apis sharing one Redis limiter of 30/s against Max's 30/s rule: no 429, every send arrives", async () => {
    const shared = sharedLimiters('test:rate:thirty', 30);
    const run = await threeProcessesSend(shared, 30, 30);
    expect(run.delivered).toBe(90);
    expect(run.rateLimited).toBe(0);
    expect(shared.map((l) => l.waiting)).toEqual([0, 0, 0]);
  }, 60_000);

  it('two real processes sharing one Redis limiter of 5/s get no 429 from a 5/s rule', async () => {
    const emulator = await startEmulator({ dialect: 'max', rateLimit: { perSecond: 5, style: 'max' } });
    const children = [0, 1].map((p) =>
      spawn(process.execPath, [sender, redis.url, emulator.url, emulator.token, '8', '5', `p${p}`], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    try {
      const outputs = children.map((child) => {
        let text = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        return () => text;
      });
      await waitFor(() => outputs.every((out) => out().includes('ready')), {
        what: 'both processes ready',
        timeout: 60_000,
      });
      for (const child of children) child.stdin?.end('go\n');
      await waitFor(() => outputs.every((out) => out().includes('sent ')), {
        what: 'both processes done',
        timeout: 60_000,
      });
      expect(outputs.map((out) => /sent (\d+)/.exec(out())?.[1])).toEqual(['8', '8']);
      expect(emulator.faults.stats().rateLimited).toBe(0);
    } finally {
      for (const child of children) child.kill('SIGKILL');
      await emulator.close();
    }
  }, 150_000);

  it('a 429 in one process slows them all; a Retry-After pauses them all', async () => {
    const a = redisRateLimiter(client(0), { key: 'test:rate:adapt', perSecond: 30, recoverAfter: 60_000 });
    const b = redisRateLimiter(client(1), { key: 'test:rate:adapt', perSecond: 30, recoverAfter: 60_000 });
    expect(await b.currentRate()).toBe(30);
    a.throttled({ retryAfter: undefined });
    await waitFor(async () => (await b.currentRate()) === 15, { what: 'B to see the halved rate', timeout: 10_000 });

    a.throttled({ retryAfter: 60_000 });
    const granted: string[] = [];
    await waitFor(async () => Number(await client(2).hGet('test:rate:adapt', 'paused')) > 0, {
      what: 'the pause to be stored',
      timeout: 10_000,
    });
    const sub = b.acquire().subscribe(() => granted.push('b'));
    await new Promise((resolve) => setTimeout(resolve, 500)); // a watch: nothing may be granted in the pause
    expect(granted).toEqual([]);
    expect(b.waiting).toBe(1);
    sub.unsubscribe();
    expect(b.waiting).toBe(0);
  }, 30_000);

  it('unsubscribing while waiting takes no slot and leaves nothing behind', async () => {
    const key = 'test:rate:unsubscribe';
    const limiter = redisRateLimiter(client(0), { key, perSecond: 1 }); // one slot a second
    await firstValueFrom(limiter.acquire()); // takes the slot of this second
    const before = await client(2).hGet(key, 'tat');
    let granted = false;
    const sub = limiter.acquire().subscribe(() => {
      granted = true;
    });
    expect(limiter.waiting).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100)); // it asked Redis and sleeps until its slot
    sub.unsubscribe();
    expect(limiter.waiting).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // past the slot it waited for
    expect(granted).toBe(false);
    expect(await client(2).hGet(key, 'tat')).toBe(before); // no slot was taken
    // and the slot is still there for the next request, from another process
    const other = redisRateLimiter(client(1), { key, perSecond: 1 });
    await firstValueFrom(other.acquire());
    expect(await client(2).hGet(key, 'tat')).not.toBe(before);
  }, 30_000);

  it('serves long polls (priority) before the sends waiting in the same process', async () => {
    const limiter = redisRateLimiter(client(0), { key: 'test:rate:priority', perSecond: 20 });
    await firstValueFrom(limiter.acquire());
    const order: string[] = [];
    const wait = (name: string, priority: boolean): Promise<void> =>
      firstValueFrom(limiter.acquire({ operation: name, priority })).then(() => {
        order.push(name);
      });
    await Promise.all([wait('send1', false), wait('send2', false), wait('poll', true)]);
    expect(order).toEqual(['poll', 'send1', 'send2']);
  }, 30_000);
});

describe('redisRateLimiter: failures and misuse', () => {
  it('Redis down: a waiting acquire fails with an error saying Redis did not answer, not a hang', async () => {
    const server = await startRedisServer();
    const doomed: RedisClient = await createClient({
      url: server.url,
      socket: { reconnectStrategy: () => 50 },
    }).connect();
    doomed.on('error', () => {}); // reconnect attempts are expected while the server is gone
    try {
      const limiter = redisRateLimiter(doomed, { key: 'test:rate:down', timeout: 1_000 });
      await firstValueFrom(limiter.acquire());
      await server.stop();
      await expect(firstValueFrom(limiter.acquire())).rejects.toThrow(
        /redisRateLimiter: Redis did not answer within 1000 ms \(key "test:rate:down"\)/,
      );
      expect(limiter.waiting).toBe(0);
    } finally {
      doomed.destroy();
    }
  }, 30_000);

  it('a closed client fails at once with the key named', async () => {
    const closed: RedisClient = await createClient({ url: redis.url }).connect();
    closed.destroy();
    const limiter = redisRateLimiter(closed, { key: 'test:rate:closed' });
    await expect(firstValueFrom(limiter.acquire())).rejects.toThrow(/redisRateLimiter: .*key "test:rate:closed"/);
  });

  it('refuses bad options with a message saying what to pass', () => {
    expect(() => redisRateLimiter({} as never, { key: 'k' })).toThrow(/node-redis client/);
    expect(() => redisRateLimiter(client(0), { key: '' })).toThrow(/options\.key must be a non-empty Redis key/);
    expect(() => redisRateLimiter(client(0), { key: 'k', perSecond: 0 })).toThrow(/options\.perSecond/);
    expect(() => redisRateLimiter(client(0), { key: 'k', burst: 1.5 })).toThrow(/options\.burst/);
    expect(() => redisRateLimiter(client(0), { key: 'k', recoverAfter: -1 })).toThrow(/options\.recoverAfter/);
    expect(() => redisRateLimiter(client(0), { key: 'k', timeout: 0 })).toThrow(/options\.timeout/);
  });

  it('a server that forgot the scripts (restart, SCRIPT FLUSH) gets them again', async () => {
    const limiter = redisRateLimiter(client(0), { key: 'test:rate:flush', perSecond: 100 });
    await firstValueFrom(limiter.acquire());
    await client(1).scriptFlush();
    await firstValueFrom(limiter.acquire());
    expect(await limiter.currentRate()).toBe(100);
  });

  it('is cold: nothing is asked of Redis before subscribe', async () => {
    const limiter = redisRateLimiter(client(0), { key: 'test:rate:cold', perSecond: 30 });
    const acquisition: Observable<void> = limiter.acquire();
    expect(await client(1).exists('test:rate:cold')).toBe(0);
    await firstValueFrom(acquisition);
    expect(await client(1).exists('test:rate:cold')).toBe(1);
  });
});
