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
