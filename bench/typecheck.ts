/**
 * Workload 7 — type-check time. `tsc --noEmit` (the project's compiler options) over the
 * example bots (`examples/**` without their tests) and over `examples/type-check-bot.ts` alone,
 * against the same options over an empty file (what loading lib.d.ts and @types/node costs),
 * with TypeScript 5.9 (`typescript`) and TypeScript 7 (`typescript7`, the native compiler).
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
/** The compilers measured: TypeScript 5.9 and TypeScript 7. */
export const COMPILERS = {
  'TS 5.9': `${ROOT}node_modules/typescript/bin/tsc`,
  'TS 7': `${ROOT}node_modules/typescript7/bin/tsc`,
} as const;

/**
 * A compiler of {@link COMPILERS}.
 *
 * @example
 * const compiler: Compiler = 'TS 7';
 */
export type Compiler = keyof typeof COMPILERS;

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
 * const seconds = await timeTsc(config, 'TS 7');
 */
export function timeTsc(config: string, compiler: Compiler = 'TS 5.9'): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [COMPILERS[compiler], '--noEmit', '-p', config], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
  const names = ['empty', 'examples', 'type-check-bot'] as const;
  type Name = (typeof names)[number];
  const runners: Record<string, () => Promise<number>> = {};
  for (const compiler of Object.keys(COMPILERS) as Compiler[]) {
    for (const name of names) runners[`${compiler} ${name}`] = () => timeTsc(configs[name], compiler);
  }
  const results = await alternate(rounds, runners, { log });
  const of = (compiler: Compiler, name: Name): number[] => results[`${compiler} ${name}`] ?? [];
  const row = (compiler: Compiler, name: 'examples' | 'type-check-bot', subject: string, target: number | null) => ({
    id: '7',
    workload: `Type-check (tsc --noEmit), ${compiler}`,
    metric: 's',
    subject,
    baseline: 'empty file, same options',
    subjectValues: summarize(of(compiler, name)),
    baselineValues: summarize(of(compiler, 'empty')),
    ratio: pairedRatio(of(compiler, name), of(compiler, 'empty')),
    target: target === null ? null : { on: 'ratio' as const, atMost: target },
  });
  return {
    name: 'typecheck',
    title: '7. Type-check time',
    config: {
      rounds,
      examples: examples.map((file) => file.slice(ROOT.length)),
      compilers: 'TypeScript 5.9 (typescript) and 7 (typescript7), tsc --noEmit, one process per run',
      options: 'the project tsconfig (strict, skipLibCheck)',
    },
    comparisons: (Object.keys(COMPILERS) as Compiler[]).flatMap((compiler) => [
      row(compiler, 'examples', `${examples.length} example files (tests excluded)`, null),
      row(compiler, 'type-check-bot', 'examples/type-check-bot.ts (20 handlers)', 2),
    ]),
    notes: [
      'The examples import the library from src/, so these runs type-check the library sources the bot reaches, not only the bot: ' +
        'an app importing the published package checks its declarations instead (not measured here).',
    ],
    seconds: secondsSince(started),
    raw: results,
  };
};

runIfMain(import.meta.url, run);
