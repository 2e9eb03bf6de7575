/**
 * Workload 2 — operator overhead. One million in-memory updates (a mix of messages and button
 * presses) through `ofType('message_callback')` + `callbackPayload('vote:yes')`, against a
 * hand-written RxJS `filter` with the same logic. Same source, same subscriber.
 */
import { Observable, filter } from 'rxjs';
import type { Update } from '../src/types/index';
import { runIfMain } from './lib/child';
import { lib, librarySource } from './lib/library';
import type { WorkloadRun } from './lib/result';
import { alternate, secondsSince } from './lib/rounds';
import { pairedRatio, summarize } from './lib/stats';
import { messageCallback, messageCreated } from './lib/updates';

/** Payloads of the button presses in the pool; one in four matches. */
const PAYLOADS = ['vote:yes', 'vote:no', 'menu:help', 'order:42'] as const;

/**
 * 1000 distinct updates the source cycles through: half `message_created`, half
 * `message_callback` with payloads from {@link PAYLOADS}.
 *
 * @example
 * updatePool()[1]?.update_type; // 'message_callback'
 */
export function updatePool(): Update[] {
  return Array.from({ length: 1000 }, (_, i) =>
    i % 2 === 0 ? messageCreated(i, 100) : messageCallback(i, PAYLOADS[((i - 1) / 2) % PAYLOADS.length] as string),
  );
}

/** A synchronous source of `n` updates cycling through `pool`. */
function source(pool: readonly Update[], n: number): Observable<Update> {
  return new Observable<Update>((subscriber) => {
    for (let i = 0; i < n && !subscriber.closed; i++) subscriber.next(pool[i % pool.length] as Update);
    subscriber.complete();
  });
}

/** Who selects: the library's operators, one hand-written filter, or two (one per operator). */
export type Selector = 'tamtam-rx' | 'hand-written filter' | 'hand-written chain';

/**
 * Pipes `n` updates through the operators (`'tamtam-rx'`), one hand-written filter with the
 * same logic, or a chain of two hand-written filters (type, then payload) and returns how
 * many passed and how long it took.
 *
 * @example
 * selectVotes('tamtam-rx', updatePool(), 1000); // { passed: 125, seconds: ... }
 */
export function selectVotes(who: Selector, pool: readonly Update[], n: number): { passed: number; seconds: number } {
  const { ofType, callbackPayload } = lib;
  const selected =
    who === 'tamtam-rx'
      ? source(pool, n).pipe(ofType('message_callback'), callbackPayload('vote:yes'))
      : who === 'hand-written filter'
        ? source(pool, n).pipe(filter((u) => u.update_type === 'message_callback' && u.callback.payload === 'vote:yes'))
        : source(pool, n).pipe(
            filter((u) => u.update_type === 'message_callback'),
            filter((u) => u.update_type === 'message_callback' && u.callback.payload === 'vote:yes'),
          );
  let passed = 0;
  const start = performance.now();
  selected.subscribe(() => {
    passed += 1;
  });
  return { passed, seconds: secondsSince(start) };
}

export const run: WorkloadRun = async ({ quick, log }) => {
  const started = performance.now();
  const n = quick ? 100_000 : 1_000_000;
  const rounds = quick ? 3 : 7;
  const pool = updatePool();
  const expected = selectVotes('hand-written filter', pool, n).passed;
  const time = (who: Selector) => async () => {
    const result = selectVotes(who, pool, n);
    if (result.passed !== expected)
      throw new Error(`${who} let ${result.passed} updates through, expected ${expected}`);
    return (result.seconds * 1e9) / n;
  };
  const results = await alternate(
    rounds,
    {
      'hand-written filter': time('hand-written filter'),
      'tamtam-rx': time('tamtam-rx'),
      'hand-written chain': time('hand-written chain'),
    },
    { warmup: 2, log },
  );
  return {
    name: 'operators',
    title: '2. Operator overhead (in memory)',
    config: {
      updates: n,
      passing: expected,
      rounds,
      warmupRounds: 2,
      mix: '50% message_created, 50% message_callback over 4 payloads',
      library: librarySource,
    },
    comparisons: [
      {
        id: '2',
        workload: 'Operator overhead, 1 M in-memory updates',
        metric: 'ns/update',
        subject: "ofType('message_callback') + callbackPayload('vote:yes')",
        baseline: 'hand-written filter, same logic',
        subjectValues: summarize(results['tamtam-rx']),
        baselineValues: summarize(results['hand-written filter']),
        ratio: pairedRatio(results['tamtam-rx'], results['hand-written filter']),
        target: { on: 'ratio', atMost: 1.3 },
      },
      {
        id: '2',
        workload: 'Operator overhead, 1 M in-memory updates',
        metric: 'ns/update',
        subject: "ofType('message_callback') + callbackPayload('vote:yes')",
        baseline: 'two hand-written filters (type, then payload)',
        subjectValues: summarize(results['tamtam-rx']),
        baselineValues: summarize(results['hand-written chain']),
        ratio: pairedRatio(results['tamtam-rx'], results['hand-written chain']),
        target: null,
      },
    ],
    notes: [
      'Each operator is one subscriber hop per update. tamtam-rx builds every selecting operator with filterDerive ' +
        '(src/operators/filter-derive.ts): one subscriber whose next runs the test (and any derivation) directly, a lighter hop than ' +
        "RxJS's filter, so the two operators come close to one fused filter and beat the same logic written as two filters (second row).",
    ],
    seconds: secondsSince(started),
    raw: results,
  };
};

runIfMain(import.meta.url, run);
