import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** What the store did to the file system, in order. */
const log: string[] = [];
let dir = '';

const name = (path: string): string => (path === dir ? '<dir>' : basename(path).replace(/\.\d+\.\d+\.tmp$/, '.<tmp>'));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    open: async (path: string, flags?: string) => {
      const handle = await fs.open(path, flags);
      log.push(`open ${name(path)} ${flags ?? 'r'}`);
      return new Proxy(handle, {
        get(target, key) {
          if (key === 'sync') return async () => (await target.sync(), log.push(`fsync ${name(path)}`));
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
    rename: async (from: string, to: string) => (
      await fs.rename(from, to), log.push(`rename ${name(from)} -> ${name(to)}`)
    ),
  };
});

const { fileMarkerStore } = await import('../../src/sources/file-marker-store');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tamtam-rx-fsync-'));
  log.length = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('fileMarkerStore: a save is durable', () => {
  it('fsyncs the temp file, renames it over the state, then fsyncs the folder, in that order', async () => {
    await fileMarkerStore(join(dir, 'state.json')).save({ marker: 3, pending: [] });
    expect(log).toEqual([
      'open .state.json.<tmp> w',
      'fsync .state.json.<tmp>',
      'rename .state.json.<tmp> -> state.json',
      'open <dir> r',
      'fsync <dir>',
    ]);
  });

  it('a save resolves only after the folder is fsynced', async () => {
    const store = fileMarkerStore(join(dir, 'state.json'));
    await store.save({ marker: 1, pending: [] });
    await store.save({ marker: 2, pending: [] });
    expect(log.filter((line) => line === 'fsync <dir>')).toHaveLength(2);
    expect(log.at(-1)).toBe('fsync <dir>');
  });
});
