/**
 * Runs a workload module as a child process of `bench/run.ts`: reads the mode from argv,
 * logs progress to stderr and writes the {@link WorkloadResult} as JSON to the file named by
 * `BENCH_RESULT_FILE`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkloadRun } from './result';

/**
 * Calls `run` when `moduleUrl` is the process's entry script; otherwise does nothing (the
 * module was imported, e.g. by the smoke test).
 *
 * @example
 * runIfMain(import.meta.url, run);
 */
export function runIfMain(moduleUrl: string, run: WorkloadRun): void {
  if (process.argv[1] === undefined || fileURLToPath(moduleUrl) !== process.argv[1]) return;
  const quick = process.argv.includes('--quick');
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  run({ quick, log }).then(
    (result) => {
      const file = process.env['BENCH_RESULT_FILE'];
      if (file !== undefined) writeFileSync(file, JSON.stringify(result, null, 2));
      else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/**
 * Heap and RSS after a full GC (needs `node --expose-gc`; without it, the current values).
 *
 * @example
 * const { heapUsed, rss } = await memoryAfterGc();
 */
export async function memoryAfterGc(): Promise<{ rss: number; heapUsed: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed };
}
