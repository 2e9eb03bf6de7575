/**
 * The whole project type-checks with TypeScript 7's native compiler (the `typescript7`
 * devDependency): src/, the tests, the examples, the benchmarks, and with them the type tests
 * (`*.test-d.ts`), whose `expectTypeOf` assertions are type errors when they fail. One
 * `tsc --noEmit -p tsconfig.json` for all of it, reported per type-test file.
 *
 * Vitest's own type-check pass ran the same compiler over the same files, but only after every
 * other test file had finished, alone at the end of the run; as a test file it starts with the
 * first ones (test/sequencer.ts) and overlaps them. `npm run typecheck` is the TypeScript 5.9
 * check of the same project.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const TSC = join(root, 'node_modules/typescript7/bin/tsc');

/** Every type-test file, relative to the root, `/`-separated. */
const typeTests = readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test-d.ts'))
  .map((file) => relative(root, join(root, 'test', file)).replaceAll('\\', '/'))
  .sort();

/** One diagnostic of tsc's `--pretty false` output: `file(line,col): error TSnnnn: text` and its indented lines. */
interface Diagnostic {
  readonly file: string;
  readonly text: string;
}

const diagnostics: Diagnostic[] = [];
let exitCode: number | string = 0;
let output = '';

beforeAll(async () => {
  const result = await new Promise<{ code: number | string; stdout: string }>((done) => {
    execFile(
      process.execPath,
      // one checker thread: the default four each redo the global types, twice the CPU time on
      // two cores, taken from the test files running beside it
      [TSC, '--noEmit', '--pretty', 'false', '--singleThreaded', '-p', 'tsconfig.json'],
      { cwd: root, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        done({ code: error === null ? 0 : (error.code ?? 'failed'), stdout: `${stdout}${stderr}` }),
    );
  });
  exitCode = result.code;
  output = result.stdout;
  for (const line of output.split('\n')) {
    const start = /^(.+?)\(\d+,\d+\): error TS\d+: /.exec(line);
    const last = diagnostics.at(-1);
    if (start) diagnostics.push({ file: (start[1] ?? '').replaceAll('\\', '/'), text: line });
    else if (last !== undefined && line.startsWith(' '))
      diagnostics[diagnostics.length - 1] = { ...last, text: `${last.text}\n${line}` };
  }
}, 300_000);

describe('the project type-checks with TypeScript 7', () => {
  it('finds the type tests', () => {
    expect(typeTests.length).toBeGreaterThan(10);
  });

  it.each(typeTests)('%s: every type assertion holds', (file) => {
    expect(diagnostics.filter((d) => d.file === file).map((d) => d.text)).toEqual([]);
  });

  it('every other file type-checks (src, tests, examples, bench, configs)', () => {
    expect(diagnostics.filter((d) => !typeTests.includes(d.file)).map((d) => d.text)).toEqual([]);
    // a failure that is no diagnostic of a file (a bad config, a crash) is shown whole
    if (diagnostics.length === 0) expect({ exitCode, output }).toEqual({ exitCode: 0, output: '' });
  });
});
