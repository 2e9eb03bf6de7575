/**
 * Workload 7 — type-check time. `tsc --noEmit` (the project's compiler options) over the
 * example bots (`examples/**` without their tests) and over `examples/type-check-bot.ts` alone,
 * against the same options over an empty file (what loading lib.d.ts and @types/node costs).
 * Runs alternate; the numbers are wall-clock seconds of the whole tsc process.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runIfMain } from './lib/child';
import type { WorkloadRun } from './lib/result';
import { alternate, secondsSince } from './lib/rounds';
import { pairedRatio, summarize } from './lib/stats';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Inside node_modules so that `types: ["node"]` resolves from the configs' directory. */
const WORK = `${ROOT}node_modules/.cache/tamtam-rx-bench/typecheck/`;
const TSC = `${ROOT}node_modules/typescript/bin/tsc`;

/**
 * The example bots: every `.ts` file under `examples/` except tests.
 *
 * @example
 * exampleFiles(); // ['/…/examples/echo/bot.ts', ...]
 */
export function exampleFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = `${dir}/${name}`;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) found.push(path);
    }
  };
  walk(`${ROOT}examples`);
  return found.sort();
}

/**
 * Writes a tsconfig extending the project's one with exactly `files`, and returns its path.
 *
 * @example
 * const config = writeConfig('empty', [emptyFile]);
 */
export function writeConfig(name: string, files: readonly string[]): string {
  mkdirSync(WORK, { recursive: true });
  const path = `${WORK}tsconfig.${name}.json`;
  writeFileSync(
    path,
    JSON.stringify(
      { extends: `${ROOT}tsconfig.json`, compilerOptions: { noEmit: true, incremental: false }, files, include: [] },
      null,
      2,
    ),
  );
  return path;
}

/**
 * Runs `tsc --noEmit -p config` and resolves with its wall-clock seconds (rejects on type errors).
 *
 * @example
 * const seconds = await timeTsc(config);
 */
export function timeTsc(config: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [TSC, '--noEmit', '-p', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      const seconds = secondsSince(start);
      if (code === 0) resolve(seconds);
      else reject(new Error(`tsc -p ${config} failed (${code}):\n${output.slice(0, 2000)}`));
    });
  });
}

export const run: WorkloadRun = async ({ quick, log }) => {
  const started = performance.now();
  const rounds = quick ? 1 : 3;
  mkdirSync(WORK, { recursive: true });
  const emptyFile = `${WORK}empty.ts`;
  writeFileSync(emptyFile, 'export {};\n');
  const examples = exampleFiles();
  const configs = {
    empty: writeConfig('empty', [emptyFile]),
    examples: writeConfig('examples', examples),
    'type-check-bot': writeConfig('type-check-bot', [`${ROOT}examples/type-check-bot.ts`]),
  };
  const results = await alternate(
    rounds,
    {
      empty: () => timeTsc(configs.empty),
      examples: () => timeTsc(configs.examples),
      'type-check-bot': () => timeTsc(configs['type-check-bot']),
    },
    { log },
  );
  const row = (name: 'examples' | 'type-check-bot', subject: string) => ({
    id: '7',
    workload: 'Type-check (tsc --noEmit)',
    metric: 's',
    subject,
    baseline: 'empty file, same options',
    subjectValues: summarize(results[name]),
    baselineValues: summarize(results.empty),
    ratio: pairedRatio(results[name], results.empty),
    target: null,
  });
  return {
    name: 'typecheck',
    title: '7. Type-check time',
    config: {
      rounds,
      examples: examples.map((file) => file.slice(ROOT.length)),
      compiler: 'tsc --noEmit, the project tsconfig (strict, skipLibCheck), one process per run',
    },
    comparisons: [
      row('examples', `${examples.length} example files (tests excluded)`),
      row('type-check-bot', 'examples/type-check-bot.ts'),
    ],
    notes: [],
    seconds: secondsSince(started),
    raw: results,
  };
};

runIfMain(import.meta.url, run);
