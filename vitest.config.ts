import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './test/sequencer.ts';

/**
 * Test files that change process-wide state a later file in the same worker would see: they run
 * isolated (a fresh module graph per file). `vi.mock` of a Node built-in, fake timers.
 */
const NEEDS_ISOLATION = [
  'test/safety/file-marker-store-fsync.test.ts',
  'test/safety/webhook-body.test.ts',
  'test/testing/wait-timeout.test.ts',
];

/**
 * The release checks (`npm run test:release`, run by CI after `npm test`): the package built,
 * packed and installed as users get it (every entry through `import` and `require`, TypeScript
 * 5.9 and 7 consumers, the API report, readable names, runtime neutrality), and the benchmark
 * scripts' smoke run. Building the package alone costs more CPU than a third of the default run,
 * so they are a tier of their own; the default run checks the library's behaviour from source.
 */
export const RELEASE_FILES = [
  'test/package/pack.test.ts',
  'test/package/dist.test.ts',
  'test/package/runtime-neutral.test.ts',
  'test/package/api-report.test.ts',
  'test/package/readable-names.test.ts',
  'test/bench/bench-smoke.test.ts',
];

/**
 * Proofs at scale (test/helpers/test-scale.ts): the default run checks their properties at a
 * smaller size, the release tier again at the size the README states.
 */
const SCALE_PROOFS = ['test/conversations/scale.test.ts', 'test/chaos/cluster.test.ts'];

/**
 * Three projects: the bulk of the files share their worker's module graph (`isolate: false`:
 * re-importing rxjs, the library and the emulator for every file cost most of the run), the few
 * files above get a fresh one each; `release` holds {@link RELEASE_FILES} and the
 * scale proofs at full size. `npm test` runs the
 * first two, `npm run test:release` the third. Type tests (`*.test-d.ts`) are checked by test/typecheck.test.ts,
 * one run of TypeScript 7's native compiler over the whole project, not by vitest's type-check
 * pass: that pass runs after every other file, alone at the end of the run, and prints an
 * "experimental feature" banner.
 */
/**
 * Test files running at once. Vitest's default for `run` is one less than the cores: a single
 * worker on two cores, which runs the files one after the other although most of the slow ones
 * wait (on child processes, a browser, servers on loopback) far more than they compute. Three
 * workers at least: on two cores the default run takes 80 s with three against 100 s with two
 * (idle machine), and it passed with three at a load average of 9; `VITEST_MAX_WORKERS`
 * overrides.
 */
const maxWorkers = Number(process.env['VITEST_MAX_WORKERS'] ?? Math.max(3, availableParallelism() - 1));

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers,
    // the long files first, the package tests that wait for the build last (test/sequencer.ts)
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
          exclude: [...NEEDS_ISOLATION, ...RELEASE_FILES],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'release',
          include: [...RELEASE_FILES, ...SCALE_PROOFS],
          isolate: false,
          env: { TEST_SCALE: 'full' },
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: NEEDS_ISOLATION,
          isolate: true,
        },
      },
    ],
  },
});
