import { describe, expect, it } from 'vitest';
import { deepMerge } from '../../src/testing/index';

describe('deepMerge', () => {
  it('merges plain objects key by key at every depth and copies the rest', () => {
    const base = { a: { b: 1, c: { d: 2, e: 3 } }, f: 'x' };
    const merged = deepMerge(base, { a: { c: { e: 30 } } });
    expect(merged).toEqual({ a: { b: 1, c: { d: 2, e: 30 } }, f: 'x' });
    expect(merged.a).not.toBe(base.a);
    expect(base.a.c.e).toBe(3); // the base is not modified
  });

  it('replaces arrays whole, lets null replace, and removes keys set to undefined', () => {
    const base: { list: number[]; maybe: { x: number } | null; gone?: string; keep: string } = {
      list: [1, 2, 3],
      maybe: { x: 1 },
      gone: 'bye',
      keep: 'k',
    };
    expect(deepMerge(base, { list: [9], maybe: null, gone: undefined })).toEqual({ list: [9], maybe: null, keep: 'k' });
  });

  it('replaces an object whose discriminant differs instead of mixing two union members', () => {
    type Input = { input_type: 'message'; messages: string[] } | { input_type: 'callback'; payload: string };
    const base: { input: Input } = { input: { input_type: 'message', messages: [] } };
    expect(deepMerge(base, { input: { input_type: 'callback', payload: 'next' } })).toEqual({
      input: { input_type: 'callback', payload: 'next' },
    });
    const keyboard = { a: { type: 'inline_keyboard', payload: { buttons: [] as string[] } } };
    expect(deepMerge(keyboard, { a: { payload: { buttons: ['b'] } } })).toEqual({
      a: { type: 'inline_keyboard', payload: { buttons: ['b'] } },
    });
  });

  it('does not share arrays or nested objects of the overrides with the result', () => {
    const patch = { a: { list: [1] } };
    const merged = deepMerge({ a: { list: [0] } }, patch);
    merged.a.list.push(2);
    expect(patch.a.list).toEqual([1]);
  });
});
