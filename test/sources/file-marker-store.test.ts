import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileMarkerStore } from '../../src/node/index';
import { memoryMarkerStore } from '../../src/sources/index';
import { sampleUpdates } from '../fixtures/updates';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tamtam-rx-store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('fileMarkerStore', () => {
  it('loads nothing on the first run, then what was saved', async () => {
    const store = fileMarkerStore(join(dir, 'state.json'));
    expect(await store.load()).toBeUndefined();
    await store.save({ marker: 42, pending: [sampleUpdates.message_created] });
    const again = fileMarkerStore(join(dir, 'state.json'));
    expect(await again.load()).toEqual({ marker: 42, pending: [sampleUpdates.message_created] });
  });

  it('serializes concurrent saves: the last one wins and no temp file is left behind', async () => {
    const path = join(dir, 'state.json');
    const store = fileMarkerStore(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save({ marker: i, pending: [] })));
    expect(await store.load()).toEqual({ marker: 19, pending: [] });
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('never leaves a half-written file: the previous state survives a failed write', async () => {
    const path = join(dir, 'state.json');
    const store = fileMarkerStore(path);
    await store.save({ marker: 1, pending: [] });
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    await expect(store.save({ marker: 2, pending: [cyclic as never] })).rejects.toThrow();
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ marker: 1 });
  });

  it('refuses a corrupt or foreign file with a message naming it', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, '{"marker": 1, "pend');
    await expect(fileMarkerStore(path).load()).rejects.toThrow(/state\.json is not valid JSON/);
    await writeFile(path, '{"hello": "world"}');
    await expect(fileMarkerStore(path).load()).rejects.toThrow(/not a tamtam-rx polling state/);
  });

  it('creates a missing folder (TAMTAM_MARKER_FILE=./data/polling.json on a fresh checkout) when first used', async () => {
    const path = join(dir, 'data', 'deeper', 'state.json');
    const store = fileMarkerStore(path);
    expect(await store.load()).toBeUndefined();
    expect(await readdir(join(dir, 'data', 'deeper'))).toEqual([]);
    await store.save({ marker: 7, pending: [] });
    expect(await fileMarkerStore(path).load()).toEqual({ marker: 7, pending: [] });
  });

  it('fails at the first load, naming the path, when its folder cannot be made', async () => {
    await writeFile(join(dir, 'a-file'), '');
    await expect(fileMarkerStore(join(dir, 'a-file', 'state.json')).load()).rejects.toThrow(/a-file/);
  });

  it('refuses an empty path', () => {
    expect(() => fileMarkerStore('')).toThrow(/path/);
  });
});

describe('memoryMarkerStore', () => {
  it('keeps a copy of the state', async () => {
    const store = memoryMarkerStore();
    const pending = [sampleUpdates.bot_started];
    await store.save({ marker: 5, pending });
    pending.length = 0;
    expect(await store.load()).toEqual({ marker: 5, pending: [sampleUpdates.bot_started] });
  });
});
