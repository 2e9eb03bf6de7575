import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileStateStore } from '../../src/node/index';
import { memoryStateStore } from '../../src/state/index';
import { stateStoreContract } from '../../src/testing/index';

/** A clock the test moves by hand: TTL without waiting. */
function manualClock(): { now: () => number; elapse: (ms: number) => Promise<void> } {
  let time = 1_000_000;
  return {
    now: () => time,
    elapse: async (ms) => {
      time += ms;
    },
  };
}

describe('memoryStateStore passes the state store contract', () => {
  for (const check of stateStoreContract({
    setUp: async () => {
      const clock = manualClock();
      return { store: memoryStateStore({ now: clock.now }), elapse: clock.elapse };
    },
  })) {
    it(check.name, check.run);
  }
});

describe('fileStateStore passes the state store contract', () => {
  for (const check of stateStoreContract({
    setUp: async () => {
      const clock = manualClock();
      const directory = await mkdtemp(join(tmpdir(), 'tamtam-rx-state-'));
      return {
        store: fileStateStore(directory, { now: clock.now }),
        elapse: clock.elapse,
        reopen: () => fileStateStore(directory, { now: clock.now }),
        close: () => rm(directory, { recursive: true, force: true }),
      };
    },
  })) {
    it(check.name, check.run, 30_000);
  }
});

describe('memoryStateStore', () => {
  it('keeps at most maxEntries, dropping the least recently written', async () => {
    const store = memoryStateStore<number>({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) await store.set(key, 1);
    await store.set('a', 2); // a is now the newest
    await store.set('d', 1);
    expect(store.size).toBe(3);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBe(2);
  });

  it('sweeps expired entries on later writes, so memory follows the live ones', async () => {
    const clock = manualClock();
    const store = memoryStateStore<number>({ now: clock.now });
    for (let i = 0; i < 1000; i += 1) await store.set(`old:${i}`, i, { ttl: 100 });
    await clock.elapse(200);
    for (let i = 0; i < 300; i += 1) await store.set(`new:${i}`, i);
    expect(store.size).toBe(300);
  });

  it('refuses bad options and values with a TypeError saying what to pass', async () => {
    expect(() => memoryStateStore({ maxEntries: 0 })).toThrow(/maxEntries must be a whole number/);
    const store = memoryStateStore();
    await expect(store.set('k', undefined)).rejects.toThrow(/JSON-serialisable/);
    await expect(store.set('k', 1, { ttl: -5 })).rejects.toThrow(/ttl must be a positive number/);
  });
});

describe('fileStateStore', () => {
  it('writes one readable file per key and removes temp files a killed process left', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'tamtam-rx-state-'));
    try {
      // A temp file of a process that no longer runs (pid 2^22 + 1 is above Linux's pid_max default).
      await writeFile(join(directory, '.chat%3A1.json.4194305.1.tmp'), 'partial');
      const store = fileStateStore(directory);
      await store.set('chat:1', { step: 'name' });
      expect((await readdir(directory)).sort()).toEqual(['chat%3A1.json']);
      await store.delete('chat:1');
      expect(await readdir(directory)).toEqual([]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('says how to recover from a file that is not a state file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'tamtam-rx-state-'));
    try {
      await writeFile(join(directory, 'chat%3A1.json'), '{"hello":');
      await expect(fileStateStore(directory).get('chat:1')).rejects.toThrow(/not valid JSON; move it away/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
