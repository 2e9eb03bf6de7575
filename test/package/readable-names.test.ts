/**
 * The built package is minified (scripts/compact-dist.ts renames local variables), yet reads
 * like the source where users look: every exported function and class has its source name
 * (`fn.name`, `err.name` of errors that do not set their own, `instanceof` messages), and stack
 * frames through the library name its functions, classes and methods as the source does.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicEntries } from '../../tsup.config';
import { ENTRIES } from './entries';
import { ensureBuilt, root } from './build-once';

const run = promisify(execFile);

/** What a probe reports: each entry's exported functions by name, and the library's stack frames. */
interface Names {
  readonly exports: Record<string, Record<string, string>>;
  readonly frames: Record<string, string[]>;
}

/**
 * Stack probes, run the same way on the source and on the build: the frames of the library
 * (those in `dir`) when a tracked update reaches its consumer, and when `createApi` rejects
 * its options. The calling code's frames and locations are dropped, and a method called on a
 * module namespace (`Module.createApi`, `Object.createApi`) is named by the function alone.
 */
const PROBES = `
  function libraryFrames(stack, dir) {
    return stack.split('\\n').slice(1).flatMap((line) => {
      const m = /^\\s*at (.+?) \\((.+)\\)$/.exec(line);
      return m && m[2].includes(dir) ? [m[1].replace(/^(Module|Object)\\./, '')] : [];
    });
  }
  function probeFrames(lib, dir) {
    let reached;
    new lib.InFlightUpdates().emit({}, () => { reached = new Error('reached').stack; }, { handled() {}, abandoned() {} });
    let rejected;
    try { lib.createApi({}); } catch (error) { rejected = error.stack; }
    return { emit: libraryFrames(reached, dir), createApi: libraryFrames(rejected, dir) };
  }
  function functionNames(module) {
    return Object.fromEntries(
      Object.entries(module).filter(([, v]) => typeof v === 'function').map(([k, v]) => [k, v.name]),
    );
  }
`;

/** Loads every entry of the built package by `import` or `require` in a fresh Node process. */
async function builtNames(kind: 'import' | 'require'): Promise<Names> {
  const script = `
    ${PROBES}
    const load = (name) => ${kind === 'require' ? 'Promise.resolve(require(name))' : 'import(name)'};
    (async () => {
      const exports = {};
      for (const entry of ${JSON.stringify(ENTRIES)}) {
        exports[entry] = functionNames(await load(entry === 'index' ? 'tamtam-rx' : 'tamtam-rx/' + entry));
      }
      const frames = probeFrames(await load('tamtam-rx'), '/dist/');
      console.log(JSON.stringify({ exports, frames }));
    })().catch((e) => { console.error(e); process.exit(1); });
  `;
  const { stdout } = await run(process.execPath, ['--input-type=commonjs', '-e', script], {
    cwd: root,
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Names;
}

/** The same from the TypeScript sources, as vitest runs them. */
async function sourceNames(): Promise<Names> {
  const { functionNames, probeFrames } = new Function(`${PROBES}; return { functionNames, probeFrames };`)() as {
    functionNames: (module: object) => Record<string, string>;
    probeFrames: (lib: object, dir: string) => Record<string, string[]>;
  };
  const exports: Record<string, Record<string, string>> = {};
  for (const entry of ENTRIES) {
    exports[entry] = functionNames(await import(/* @vite-ignore */ `../../${publicEntries[entry]}`));
  }
  return { exports, frames: probeFrames(await import('../../src/index'), '/src/') };
}

let source: Names;

beforeAll(async () => {
  await ensureBuilt();
  source = await sourceNames();
}, 660_000);

describe.each(['import', 'require'] as const)('the minified build through %s', (kind) => {
  it('names every exported function and class as the source does', async () => {
    const built = await builtNames(kind);
    for (const entry of ENTRIES) {
      expect(Object.keys(source.exports[entry] ?? {}).length, entry).toBeGreaterThan(0);
      expect(built.exports[entry], entry).toEqual(source.exports[entry]);
    }
  });

  it("names the library's functions, classes and methods in stack frames as the source does", async () => {
    const built = await builtNames(kind);
    // the probes pass through a method, a constructor and plain functions of the library
    expect(source.frames['emit']).toContain('InFlightUpdates.emit');
    expect(source.frames['emit']?.length).toBeGreaterThan(1);
    expect(source.frames['createApi']).toEqual(expect.arrayContaining(['new HttpApi', 'createApi']));
    expect(built.frames).toEqual(source.frames);
  });
});
