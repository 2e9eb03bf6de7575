/**
 * package.json and the files beside it say what a registry page and a fresh clone need.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import tsup, { publicEntries } from '../../tsup.config';

const root = resolve(import.meta.dirname, '../..');

describe('package metadata', () => {
  it('is MIT licensed, with the license text shipped', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(resolve(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(pkg.files).toContain('LICENSE');
  });

  it('links the repository, its home page and where to report bugs', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/tamtam-rx/tamtam-rx.git' });
    expect(pkg.homepage).toMatch(/^https:\/\/github\.com\/tamtam-rx\/tamtam-rx/);
    expect(pkg.bugs.url).toBe('https://github.com/tamtam-rx/tamtam-rx/issues');
  });

  it('builds before packing, so `npm pack` on a fresh clone ships dist', () => {
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it('builds exactly the entries package.json exports, plus the bin', () => {
    const exported = Object.keys(pkg.exports)
      .filter((p) => p !== './package.json')
      .map((p) => (p === '.' ? 'index' : p.slice(2)));
    expect(Object.keys(publicEntries).sort()).toEqual(exported.sort());
    expect(pkg.bin['tamtam-emulator']).toBe('./dist/emulator-cli.js');
    // the bin is built once, as ESM; the CommonJS build has only the public entries
    if (!Array.isArray(tsup)) throw new Error('tsup.config.ts is expected to export one config per format');
    expect(tsup.map((c) => [c.format, Object.keys(c.entry as object).includes('emulator-cli')])).toEqual([
      [['esm'], true],
      [['cjs'], false],
    ]);
  });
});
