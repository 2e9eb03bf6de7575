/**
 * The ingress chains its source's guarantee: a webhook with `ack: 'handled'` answers 200 only
 * once the update is durable in Redis, and long polling keeps an update pending in its marker
 * store until the write is acknowledged (so an ingress crash replays it, deduplicated).
 * Redis is held still with `CLIENT PAUSE … WRITE` to watch the moment before the write.
 */
import { lastValueFrom, take, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/index';
import { DEFAULT_WORLD_IDS, startEmulator } from '../../src/emulator/index';
import { toRedisStream } from '../../src/redis/index';
import { fromLongPolling, memoryMarkerStore } from '../../src/sources/index';
import { webhook } from '../../src/sources/webhook/index';
import { textMessage, waitFor } from '../../src/testing/index';
import type { Update } from '../../src/types/index';
import { type RedisFixture, entriesLeft, freshPrefix, redisFixture, textOf } from './stream-helpers';

let redis: RedisFixture;
beforeAll(async () => {
  redis = await redisFixture();
}, 30_000);
afterAll(() => redis.close());

const pause = (admin: RedisFixture['client']) => admin.sendCommand(['CLIENT', 'PAUSE', '60000', 'WRITE']);
const unpause = (admin: RedisFixture['client']) => admin.sendCommand(['CLIENT', 'UNPAUSE']);
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("a webhook with ack: 'handled' into toRedisStream", () => {
  it('answers 200 only after the update is durable in Redis', async () => {
    const prefix = freshPrefix('webhook');
    const admin = await redis.connect();
    const hook = webhook({ ack: 'handled', ackTimeout: 60_000 });
    const subscription = hook.pipe(toRedisStream(redis.client, { prefix, partitions: 4 })).subscribe();
    try {
      await pause(admin);
      let answered = false;
      const body = JSON.stringify(textMessage('wh1'));
      const answer = hook.handle({ method: 'POST', url: '/', headers: {}, body }).finally(() => (answered = true));
      await settle();
      expect(answered).toBe(false);
      expect(await entriesLeft(admin, prefix)).toEqual([]);
      await unpause(admin);
      expect((await answer).status).toBe(200);
      expect((await entriesLeft(admin, prefix)).map(textOf)).toEqual(['wh1']);
      // the server retries (its 200 was lost): answered 200 again, not written twice
      const again = await hook.handle({ method: 'POST', url: '/', headers: {}, body });
      expect(again.status).toBe(200);
      expect((await entriesLeft(admin, prefix)).map(textOf)).toEqual(['wh1']);
    } finally {
      await unpause(admin);
      subscription.unsubscribe();
      await hook.stop();
    }
  });

  it('does not answer 200 when the write fails, so the server delivers the update again', async () => {
    const prefix = freshPrefix('webhook-fail');
    const broken = await redis.connect();
    broken.destroy();
    const hook = webhook({ ack: 'handled', ackTimeout: 60_000 });
    const errors: unknown[] = [];
    hook.pipe(toRedisStream(broken, { prefix })).subscribe({ error: (e: unknown) => errors.push(e) });
    const answer = await hook.handle({ method: 'POST', url: '/', headers: {}, body: JSON.stringify(textMessage('x')) });
    expect(answer.status).not.toBe(200);
    expect(errors).toHaveLength(1);
    await hook.stop();
  });
});

describe('long polling into toRedisStream', () => {
  it('keeps an update pending in its store until written; a crash before that replays it without a duplicate', async () => {
    const prefix = freshPrefix('polling');
    const admin = await redis.connect();
    const emulator = await startEmulator();
    const api = createApi({ token: emulator.token, baseUrl: emulator.url });
    const store = memoryMarkerStore();
    const pendingTexts = () => (store.state?.pending ?? []).map(textOf);
    const source = fromLongPolling(api, { store, timeout: 1 });
    const subscription = source.pipe(toRedisStream(redis.client, { prefix, partitions: 4 })).subscribe();
    try {
      await pause(admin);
      emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('lp1');
      await waitFor(() => pendingTexts().includes('lp1'), { timeout: 10_000 });
      await settle();
      expect(pendingTexts()).toEqual(['lp1']); // fetched and stored, not acknowledged
      expect(await entriesLeft(admin, prefix)).toEqual([]);
      const crashedState = structuredClone(store.state); // what a crash now would leave behind
      await unpause(admin);
      await waitFor(() => pendingTexts().length === 0, { timeout: 10_000 });
      expect((await entriesLeft(admin, prefix)).map(textOf)).toEqual(['lp1']);
      subscription.unsubscribe();
      await source.stop();

      // an ingress restarted on the state of the crash replays lp1: it is not written again
      const replayStore = memoryMarkerStore(crashedState);
      const restarted = fromLongPolling(api, { store: replayStore, timeout: 1 });
      const writes = await lastValueFrom(
        restarted.pipe(toRedisStream(redis.client, { prefix, partitions: 4 }), take(1), toArray()),
      );
      await restarted.stop();
      expect(writes.map((w) => [textOf(w.update as Update), w.duplicate])).toEqual([['lp1', true]]);
      expect((await entriesLeft(admin, prefix)).map(textOf)).toEqual(['lp1']);
    } finally {
      await unpause(admin);
      subscription.unsubscribe();
      await source.stop();
      await emulator.close();
    }
  });
});
