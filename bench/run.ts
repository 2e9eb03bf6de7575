/**
 * `npm run bench [-- <workload>...] [-- --quick]`: runs the benchmark workloads, each in its own
 * child process (`node --expose-gc --import tsx bench/<workload>.ts`), against a build of the
 * library made like the published one, and writes a markdown table and raw JSON. The library
 * and the emulator host are built once here and shared by every workload.
 *
 * - A full run writes `bench/results/latest.md` and `bench/results/latest.json`.
 * - A run of some workloads, or with `--quick` (tiny sizes, one round: a smoke run), writes
 *   `bench/results/partial.md` / `partial.json` instead (not committed).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildEmulatorHost, buildLibrary } from './lib/build-library';
import { type RunInfo, renderReport, renderTable } from './lib/report';
import type { WorkloadResult } from './lib/result';

/** Workloads in the order they run (the issue's numbering). */
const WORKLOADS = [
  'ingest',
  'echo',
  'operators',
  'webhook',
  'throttle',
  'burst',
  'memory',
  'bundle',
  'typecheck',
  'redis-limit',
  'cluster',
] as const;
type Workload = (typeof WORKLOADS)[number];

const BENCH = fileURLToPath(new URL('./', import.meta.url));
const RESULTS = `${BENCH}results/`;
/** A workload that has not finished after this long is killed (a hang, not a slow machine). */
const WORKLOAD_TIMEOUT_MS = 8 * 60_000;

function parseArgs(argv: readonly string[]): { names: Workload[]; quick: boolean } {
  const quick = argv.includes('--quick');
  const asked = argv.filter((arg) => !arg.startsWith('--'));
  for (const name of asked) {
    if (!(WORKLOADS as readonly string[]).includes(name)) {
      throw new Error(
        `Unknown workload "${name}". Choose from: ${WORKLOADS.join(', ')} (or none for all); add --quick for a smoke run.`,
      );
    }
  }
  return { names: asked.length === 0 ? [...WORKLOADS] : (asked as Workload[]), quick };
}

/** What every workload's child process loads, built once per run. */
interface Built {
  /** The library bundle (`BENCH_LIBRARY`). */
  readonly library: string;
  /** The emulator host bundle (`BENCH_EMULATOR_HOST`). */
  readonly emulatorHost: string;
}

function runWorkload(name: Workload, quick: boolean, built: Built): Promise<WorkloadResult> {
  const resultFile = `${tmpdir()}/tamtam-rx-bench-${process.pid}-${name}.json`;
  rmSync(resultFile, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', `${BENCH}${name}.ts`, ...(quick ? ['--quick'] : [])],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          BENCH_RESULT_FILE: resultFile,
          BENCH_LIBRARY: built.library,
          BENCH_EMULATOR_HOST: built.emulatorHost,
        },
      },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), WORKLOAD_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new Error(`workload ${name} failed (${signal ?? `exit ${code}`})`));
        return;
      }
      resolve(JSON.parse(readFileSync(resultFile, 'utf8')) as WorkloadResult);
      rmSync(resultFile, { force: true });
    });
  });
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: BENCH, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const { names, quick } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const loadBefore = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const [library, emulatorHost] = await Promise.all([buildLibrary(), buildEmulatorHost()]);
  const built: Built = { library, emulatorHost };
  const results: WorkloadResult[] = [];
  const failures: string[] = [];
  for (const name of names) {
    process.stderr.write(`\n▶ ${name}${quick ? ' (quick)' : ''}\n`);
    try {
      const result = await runWorkload(name, quick, built);
      results.push(result);
      process.stderr.write(`✔ ${name} in ${result.seconds.toFixed(1)} s\n`);
    } catch (error) {
      failures.push(name);
      process.stderr.write(`✘ ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  const info: RunInfo = {
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    node: process.versions.node,
    cpus: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    loadBefore,
    loadAfter: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    commit: gitCommit(),
    quick,
    seconds: (performance.now() - started) / 1000,
  };
  const complete = !quick && names.length === WORKLOADS.length && failures.length === 0;
  const base = complete ? 'latest' : 'partial';
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}${base}.md`, renderReport(results, info));
  writeFileSync(`${RESULTS}${base}.json`, `${JSON.stringify({ info, results }, null, 2)}\n`);
  process.stdout.write(
    `\n${renderTable(results)}\n\nWrote bench/results/${base}.md and ${base}.json (${info.seconds.toFixed(0)} s).\n`,
  );
  if (failures.length > 0) {
    process.stderr.write(`Failed: ${failures.join(', ')}\n`);
    process.exitCode = 1;
  }
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
