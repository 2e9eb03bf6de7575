import { describe, expect, it } from 'vitest';
import type { Update } from '../../src/types';
import { UpdateQueue } from '../../src/emulator/updates/update-queue';

const update = (n: number): Update =>
  ({ update_type: n % 2 ? 'bot_started' : 'message_removed', timestamp: n }) as unknown as Update;
const all = { marker: undefined, limit: 1000, types: undefined };

describe('UpdateQueue', () => {
  it('keeps marker arithmetic right across compaction of many updates', () => {
    const queue = new UpdateQueue(100_000);
    for (let n = 1; n <= 5000; n++) queue.push(update(n));
    let marker: number | undefined;
    let seen = 0;
    for (;;) {
      const page = queue.read({ ...all, marker, limit: 700 });
      if (page.updates.length === 0) break;
      expect(page.updates[0]?.timestamp).toBe(seen + 1);
      seen += page.updates.length;
      marker = page.marker ?? undefined;
    }
    expect(seen).toBe(5000);
    expect(queue.pending()).toEqual([]);
    queue.push(update(5001));
    expect(queue.read({ ...all, marker })).toEqual({ updates: [update(5001)], marker: 5002 });
  });

  it('drops the oldest beyond capacity and clamps markers from the future', () => {
    const queue = new UpdateQueue(3);
    for (let n = 1; n <= 10; n++) queue.push(update(n));
    expect(queue.read(all).updates.map((u) => u.timestamp)).toEqual([8, 9, 10]);
    expect(queue.read({ ...all, marker: 999 })).toEqual({ updates: [], marker: 11 });
    queue.push(update(11));
    expect(queue.read(all).updates.map((u) => u.timestamp)).toEqual([11]);
  });

  it('skips filtered types without committing them', () => {
    const queue = new UpdateQueue(10);
    for (let n = 1; n <= 4; n++) queue.push(update(n));
    const started = queue.read({ ...all, types: new Set(['bot_started']) });
    expect(started.updates.map((u) => u.timestamp)).toEqual([1, 3]);
    expect(started.marker).toBe(4);
    expect(queue.read(all).updates.map((u) => u.timestamp)).toEqual([1, 2, 3, 4]);
    expect(queue.read({ ...all, marker: started.marker ?? undefined }).updates.map((u) => u.timestamp)).toEqual([4]);
  });
});

describe("UpdateQueue, Max's marker rule", () => {
  it('a waiting poll sees every update pushed while it waited, not only the latest', async () => {
    const queue = new UpdateQueue(1000, 'latest');
    queue.push(update(1));
    const first = queue.read(all);
    expect(first.updates).toEqual([update(1)]);
    const waiting = queue.poll({ ...all, marker: first.marker ?? undefined }, 10_000, new AbortController().signal);
    for (let n = 2; n <= 6; n++) queue.push(update(n)); // a burst while the poll waits
    expect(await waiting).toEqual({ updates: [2, 3, 4, 5, 6].map(update), marker: 7 });
  });

  it('a read without a marker still answers only the latest update', () => {
    const queue = new UpdateQueue(1000, 'latest');
    for (let n = 1; n <= 4; n++) queue.push(update(n));
    expect(queue.read(all)).toEqual({ updates: [update(4)], marker: 5 });
  });
});
