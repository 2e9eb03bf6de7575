import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { type Observable, firstValueFrom, lastValueFrom, merge, mergeMap, range, takeWhile, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendMessage } from '../../src/actions/index';
import { type RateLimiter, createApi, tokenBucket } from '../../src/api/index';
import { DEFAULT_WORLD_IDS, type Emulator, startEmulator } from '../../src/emulator/index';
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
/** The emulator and the two sender processes of the real-processes test, booted while the tests before it run. */
let processes: { emulator: Emulator; children: ChildProcess[]; outputs: (() => string)[] } | undefined;
beforeAll(async () => {
  const [bundle, server] = await Promise.all([
    nodeScript(fileURLToPath(new URL('./fixtures/limited-sender.ts', import.meta.url))),
    startRedisServer(),
  ]);
  sender = bundle;
  redis = server;
  clients = await Promise.all([1, 2, 3].map(() => createClient({ url: redis.url }).connect()));
  processes = await bootSenders();
}, 60_000);
afterAll(async () => {
  for (const child of processes?.children ?? []) child.kill('SIGKILL');
  await processes?.emulator.close();
  rmSync(nodeScriptDir, { recursive: true, force: true });
  for (const client of clients) client.destroy();
  await redis?.stop();
});

/** The real-processes test's rule and sends per process (see there). */
const PROCESS_RATE = 10;
const PROCESS_SENDS = 15;

/**
 * Starts the Max emulator with a rule of {@link PROCESS_RATE}/s and two sender processes sharing
 * one Redis limiter of that rate; they connect, say "ready" and wait for "go" on stdin.
 */
async function bootSenders() {
  const emulator = await startEmulator({ dialect: 'max', rateLimit: { perSecond: PROCESS_RATE, style: 'max' } });
  const args = [redis.url, emulator.url, emulator.token, String(PROCESS_SENDS), String(PROCESS_RATE)];
  const children = [0, 1].map((p) =>
    spawn(process.execPath, [sender, ...args, `p${p}`], { stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const outputs = children.map((child) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    return () => text;
  });
  return { emulator, children, outputs };
}

const client = (i: number): RedisClient => clients[i] as RedisClient;

/**
 * `count` sends from each of three apis (one limiter each, as three processes would have) at
 * once to the Max emulator, whose rule is `perSecond` requests/s (Max: 30). With
 * `untilRateLimited`, the sends still under way are dropped once the emulator has refused one.
 */
async function threeProcessesSend(
  limiters: readonly RateLimiter[],
  count: number,
  perSecond: number,
  options: { untilRateLimited?: boolean } = {},
) {
  const emulator = await startEmulator({ dialect: 'max', rateLimit: { perSecond, style: 'max' } });
  try {
    const sends = limiters.map((limiter, p) => {
      const api = createApi({ dialect: 'max', token: emulator.token, baseUrl: emulator.url, rateLimit: limiter });
      return range(0, count).pipe(
        mergeMap((i) => sendMessage(api, { chat_id: DEFAULT_WORLD_IDS.group }, { text: `p${p} m${i}` })),
      );
    });
    const stop = options.untilRateLimited === true ? () => emulator.faults.stats().rateLimited > 0 : () => false;
    const results = await lastValueFrom(
      merge(...sends).pipe(
        takeWhile(() => !stop()),
        toArray(),
      ),
    );
    return { delivered: new Set(results.map((r) => r.message.body.mid)).size, ...emulator.faults.stats() };
  } finally {
    await emulator.close();
  }
}

const sharedLimiters = (key: string, perSecond: number) =>
  [0, 1, 2].map((i) => redisRateLimiter(client(i), { key, perSecond }));

// The emulator's rule is a bucket of `perSecond` requests refilled at `perSecond`/s. Three
// senders at the rule's rate each (3 × 10/s) empty it after about 15 sends if they do not share
// a budget (broken so, the shared tests below see 429s), so 24 sends tell sharing from not
// sharing, and take 2.4 s paced. A busy machine only spreads the shared sends further apart.
describe('redisRateLimiter: one budget for many processes', () => {
  it('control: three apis with their own in-process limiters of 2/s collect 429s from a 2/s rule', async () => {
    // The control needs the opposite: sends arriving faster than the rule. At 10/s a machine
    // too busy to make 13 requests/s spread them enough to meet no 429. At 2/s the three first
    // sends alone (one per api, at once) exceed the rule's bucket of 2 unless they arrive half
    // a second apart. Stopped at the first 429.
    const separate = [0, 1, 2].map(() => tokenBucket({ perSecond: 2 }));
    const run = await threeProcessesSend(separate, 8, 2, { untilRateLimited: true });
    expect(run.rateLimited).toBeGreaterThan(0); // together they exceeded the budget
  }, 60_000);

  it('three apis sharing one Redis limiter of 10/s get no 429 from the same rule', async () => {
    const shared = sharedLimiters('test:rate:ten', 10);
    const run = await threeProcessesSend(shared, 8, 10);
    expect(run.delivered).toBe(24);
    expect(run.rateLimited).toBe(0);
  }, 60_000);

  it("three apis sharing one Redis limiter of 30/s against Max's 30/s rule: no 429, every send arrives", async () => {
    // 60 sends: three unshared senders at 30/s would empty the rule's bucket after about 45
    const shared = sharedLimiters('test:rate:thirty', 30);
    const run = await threeProcessesSend(shared, 20, 30);
    expect(run.delivered).toBe(60);
    expect(run.rateLimited).toBe(0);
    expect(shared.map((l) => l.waiting)).toEqual([0, 0, 0]);
  }, 60_000);

  it(`two real processes sharing one Redis limiter of ${PROCESS_RATE}/s get no 429 from a ${PROCESS_RATE}/s rule`, async () => {
    // Two senders at the rule's rate each empty its bucket after 2 × PROCESS_RATE sends unless
    // they share a budget: 2 × 15 is half as many again. They booted in beforeAll, while the tests above ran.
    const { emulator, children, outputs } = processes as NonNullable<typeof processes>;
    await waitFor(() => outputs.every((out) => out().includes('ready')), {
      what: 'both processes ready',
      timeout: 60_000,
    });
    for (const child of children) child.stdin?.end('go\n');
    await waitFor(() => outputs.every((out) => out().includes('sent ')), {
      what: 'both processes done',
      timeout: 60_000,
    });
    expect(outputs.map((out) => /sent (\d+)/.exec(out())?.[1])).toEqual([String(PROCESS_SENDS), String(PROCESS_SENDS)]);
    expect(emulator.faults.stats().rateLimited).toBe(0);
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
