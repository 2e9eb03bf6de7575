/**
 * Workload 7 — type-check time. `tsc --noEmit` (the project's compiler options) over the
 * example bots (`examples/**` without their tests) and over `examples/type-check-bot.ts` alone,
 * against the same options over an empty file (what loading lib.d.ts and @types/node costs),
 * with TypeScript 5.9 (`typescript`) and TypeScript 7 (`typescript7`, the native compiler).
 * Runs alternate; the numbers are wall-clock seconds of the whole tsc process.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
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
 * Rounds of the reference rows (no target: all the examples, and the bot without its handlers),
 * among them the costliest runs of all; each value pairs with the empty file of its round.
 */
const REFERENCE_ROUNDS = 1;

/** The rows without a target, measured in {@link REFERENCE_ROUNDS} rounds. */
const REFERENCES = ['examples', 'bot-without-handlers'] as const;

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

/**
 * Emits the library's declarations (TS 7, fast) into the work folder and writes a copy of
 * `examples/type-check-bot.ts` importing them instead of `src/`: the bot as an app sees the
 * published package, whose `.d.ts` files are read but not checked as sources. The emit is
 * skipped while the sources, the tsconfig and the compiler are those of the last emit. Returns
 * the copy's path.
 *
 * @example
 * const bot = await botAgainstDeclarations();
 */
export async function botAgainstDeclarations(): Promise<string> {
  const out = `${WORK}decl/`;
  const stamp = `${WORK}decl.stamp`;
  const sources = sourcesStamp();
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== sources) {
    await emitDeclarations(out);
    writeFileSync(stamp, sources);
  }
  const bot = `${WORK}type-check-bot.ts`;
  writeFileSync(bot, readFileSync(`${ROOT}examples/type-check-bot.ts`, 'utf8').replaceAll("'../src/", "'./decl/"));
  return bot;
}

/**
 * A hash of everything the declarations are made from (the sources, the tsconfig, the compiler's
 * version): the emitted declarations are reused while it is the same.
 */
function sourcesStamp(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = `${dir}/${name}`;
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(path).update(readFileSync(path));
    }
  };
  walk(`${ROOT}src`);
  hash.update(readFileSync(`${ROOT}tsconfig.json`));
  hash.update(readFileSync(`${ROOT}node_modules/typescript7/package.json`));
  return hash.digest('hex');
}

async function emitDeclarations(out: string): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  const config = `${WORK}tsconfig.declarations.json`;
  writeFileSync(
    config,
    JSON.stringify({
      extends: `${ROOT}tsconfig.json`,
      compilerOptions: {
        noEmit: false,
        declaration: true,
        emitDeclarationOnly: true,
        outDir: out,
        rootDir: `${ROOT}src`,
        incremental: false,
      },
      files: ['index.ts', 'operators/index.ts', 'builders/index.ts'].map((file) => `${ROOT}src/${file}`),
      include: [],
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [COMPILERS['TS 7'], '-p', config], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`declaration emit failed (${code})`))));
  });
}

/**
 * Writes `examples/type-check-bot.ts` without its 20 handlers (its imports, the api, the payload
 * codecs and the shared stream stay), importing the library from `src/`, and returns its path.
 * Against the whole bot it tells what the handlers cost and what type-checking the library's
 * own sources costs (the floor of the "library from src/" row).
 *
 * @example
 * const withoutHandlers = botWithoutHandlers();
 */
export function botWithoutHandlers(): string {
  const source = readFileSync(`${ROOT}examples/type-check-bot.ts`, 'utf8');
  const at = source.indexOf('const handlers');
  if (at < 0) throw new Error('examples/type-check-bot.ts: no `const handlers` array to cut');
  const file = `${WORK}bot-without-handlers.ts`;
  const src = `${relative(WORK, `${ROOT}src`)}/`;
  writeFileSync(file, `${source.slice(0, at).replaceAll("'../src/", `'${src}`)}export { updates$, log };\n`);
  return file;
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
    'bot-without-handlers': writeConfig('bot-without-handlers', [botWithoutHandlers()]),
    'bot-on-declarations': writeConfig('bot-on-declarations', [await botAgainstDeclarations()]),
  };
  const names = ['empty', 'examples', 'type-check-bot', 'bot-without-handlers', 'bot-on-declarations'] as const;
  type Name = (typeof names)[number];
  const runners: Record<string, () => Promise<number>> = {};
  for (const compiler of Object.keys(COMPILERS) as Compiler[]) {
    for (const name of names) runners[`${compiler} ${name}`] = () => timeTsc(configs[name], compiler);
  }
  const roundsOf = Object.fromEntries(
    (Object.keys(COMPILERS) as Compiler[]).flatMap((compiler) =>
      REFERENCES.map((name) => [`${compiler} ${name}`, REFERENCE_ROUNDS]),
    ),
  );
  const results = await alternate(rounds, runners, { log, roundsOf });
  const of = (compiler: Compiler, name: Name): number[] => results[`${compiler} ${name}`] ?? [];
  const row = (compiler: Compiler, name: Exclude<Name, 'empty'>, subject: string, target: number | null) => {
    const subjectValues = of(compiler, name);
    // each value pairs with the empty file's in the same round
    const empty = of(compiler, 'empty').slice(0, subjectValues.length);
    return {
      id: '7',
      workload: `Type-check (tsc --noEmit), ${compiler}`,
      metric: 's',
      subject,
      baseline: 'empty file, same options',
      subjectValues: summarize(subjectValues),
      baselineValues: summarize(empty),
      ratio: pairedRatio(subjectValues, empty),
      target: target === null ? null : { on: 'ratio' as const, atMost: target },
      ...(subjectValues.length < rounds ? { info: { 'rounds (a reference)': subjectValues.length } } : {}),
    };
  };
  return {
    name: 'typecheck',
    title: '7. Type-check time',
    config: {
      rounds,
      referenceRounds: `${Math.min(REFERENCE_ROUNDS, rounds)} (the rows without a target: the examples, the bot without its handlers; each paired with the empty file of the same round)`,
      examples: examples.map((file) => file.slice(ROOT.length)),
      compilers: 'TypeScript 5.9 (typescript) and 7 (typescript7), tsc --noEmit, one process per run',
      options: 'the project tsconfig (strict, skipLibCheck)',
    },
    comparisons: (Object.keys(COMPILERS) as Compiler[]).flatMap((compiler) => [
      row(compiler, 'examples', `${examples.length} example files (tests excluded)`, null),
      row(compiler, 'type-check-bot', 'examples/type-check-bot.ts (20 handlers), library from src/', 2),
      row(
        compiler,
        'bot-without-handlers',
        'the same bot without its 20 handlers, library from src/ (the floor of the row above)',
        null,
      ),
      row(
        compiler,
        'bot-on-declarations',
        'the same bot, library from its declarations (as an app sees the package)',
        2,
      ),
    ]),
    notes: [
      'The examples import the library from src/, so those runs type-check the library sources the bot reaches, not only the bot; ' +
        'an app importing the published package reads its declarations instead (the row "library from its declarations": ' +
        'declarations emitted by TS 7 from src/index.ts, operators and builders, the bot copied with its imports pointed at them).',
      'The row "without its 20 handlers" cuts the handlers out of the bot and keeps its imports: from src/ it costs about what the whole bot does, ' +
        "so that row is the cost of parsing and type-checking the library's own sources (~15 000 lines of the core entry), which an app never pays.",
    ],
    seconds: secondsSince(started),
    raw: results,
  };
};

runIfMain(import.meta.url, run);
