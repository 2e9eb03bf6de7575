/**
 * The public surface is reviewed: the declarations each entry exports must match the committed
 * api-report/. After an intended change, `npm run api-report` rewrites it and the diff shows in
 * review.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRIES, type EntryName, apiReportsByFlavour, reportFile } from './api-surface';
import { dist, ensureBuilt } from './build-once';

let esm: Map<EntryName, string>;
let cjs: Map<EntryName, string>;

beforeAll(async () => {
  await ensureBuilt();
  ({ esm, cjs } = apiReportsByFlavour(dist));
}, 660_000);

const withoutHeader = (report: string | undefined) => report?.split('\n').slice(1).join('\n');

describe.each(ENTRIES)('the public surface of %s', (entry) => {
  it('matches the committed api-report (run `npm run api-report` after an intended change)', () => {
    const file = reportFile(entry);
    expect(existsSync(file), `${file} is missing: run npm run api-report`).toBe(true);
    expect(esm.get(entry)).toBe(readFileSync(file, 'utf8'));
  });

  it('is the same for import and require', () => {
    expect(withoutHeader(cjs.get(entry))).toBe(withoutHeader(esm.get(entry)));
  });
});

describe('exported names', () => {
  it('mean one thing across entries: a name two entries export is the same declaration', () => {
    const seen = new Map<string, { entry: EntryName; text: string }>();
    const clashes: string[] = [];
    for (const [entry, report] of esm) {
      for (const section of report.split('\n\n').slice(1)) {
        const name = /^\/\/ (\S+)/.exec(section)?.[1];
        if (name === undefined) continue;
        const text = section.replace(/ \(type only\)/, '');
        const before = seen.get(name);
        if (before !== undefined && before.text !== text) clashes.push(`${name}: ${before.entry} and ${entry}`);
        seen.set(name, { entry, text });
      }
    }
    expect(clashes).toEqual([]);
  });
});
