/**
 * The order test files start in. The workers finish together only when the long files start
 * first: vitest orders by the durations of the previous run, but a fresh clone (CI after
 * `npm ci`) has none and falls back to file size, which started the 10 000-dialog test (a short
 * file) last. So the files known to be long start first, longest first, whatever the cache
 * says; the package tests that wait for the shared build (test/package/build-once.ts) start
 * right after them, when test/package/pack.test.ts (the first file) has long built it, so
 * that no worker idles on the build lock and none of them is left for the end of the run. The
 * rest keep vitest's order (previous durations, else size), short files last.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that take longest, longest first (seconds on two cores in CI, for the record). The pack
 * test goes first: it builds the package the other package tests need.
 */
export const LONG_FILES: readonly string[] = [
  'test/package/pack.test.ts', // build, npm pack + install, TS 5.9 and 7 consumers, a nested vitest: ~31 s
  'test/e2e/web-chat.e2e.test.ts', // a browser: ~13 s
  'test/chaos/cluster.test.ts', // 10 000 updates over 500 chats, 4 processes: ~12 s
  'test/redis/rate-limiter.test.ts', // sends paced at 10/s, two sender processes
  'test/bench/bench-smoke.test.ts', // five webhook servers and three compilers, each group at once
  'test/typecheck.test.ts', // TS 7 over the whole project, one thread
  'test/chaos/chaos.test.ts', // 2 × 10 restarts: ~9 s
  'test/conversations/scale.test.ts', // 10 000 dialogs: ~9 s
  'examples/cluster/main.test.ts', // Redis, an emulator and three processes: ~7 s
  'test/node/run-bot.test.ts', // child processes signalled: ~5 s
];

/** Files that wait for the build the pack test starts: after the long files, when it is done. */
export const AFTER_BUILD: readonly string[] = [
  'test/package/dist.test.ts',
  'test/package/runtime-neutral.test.ts',
  'test/package/api-report.test.ts',
  'test/package/readable-names.test.ts',
];

function rank(spec: TestSpecification): number {
  const file = relative(spec.project.config.root, spec.moduleId).replaceAll('\\', '/');
  const long = LONG_FILES.indexOf(file);
  if (long >= 0) return long - LONG_FILES.length;
  return AFTER_BUILD.includes(file) ? 0 : 1;
}

/**
 * {@link BaseSequencer}'s order, with {@link LONG_FILES} moved to the front (in their order) and
 * {@link AFTER_BUILD} right after them.
 *
 * @example
 * defineConfig({ test: { sequence: { sequencer: LongFirstSequencer } } });
 */
export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: files of equal rank keep the base order
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
