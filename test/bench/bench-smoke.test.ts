/**
 * The benchmark code works: every workload's measuring function, run with tiny sizes against
 * an in-process emulator, counts right and loses nothing. No timing is asserted — benchmarks
 * measure, tests check behaviour.
 */
import { describe, expect, it } from 'vitest';
import { OF_TYPE_APP, bundleSize } from '../../bench/bundle';
import { burstRun } from '../../bench/burst';
import { echoRun } from '../../bench/echo';
import { ingestRun } from '../../bench/ingest';
import { memoryRun } from '../../bench/memory';
import { selectVotes, updatePool } from '../../bench/operators';
import { throttleRun } from '../../bench/throttle';
import { botWithoutHandlers, timeTsc, writeConfig } from '../../bench/typecheck';
import { webhookRun } from '../../bench/webhook';
import { isMet } from '../../bench/lib/result';
import { alternate } from '../../bench/lib/rounds';
import { pairedRatio, summarize } from '../../bench/lib/stats';

// The two workloads that run child processes (servers, autocannon, compilers) go first and at
// once: the test process only waits on them. The in-process workloads below run one after the
// other, after them, so that none of their paced sends shares the event loop with another.
describe('bench workloads in child processes, tiny sizes', () => {
  it.concurrent('3: every webhook server answers every request 200 under autocannon, and every answer delivered an update', async () => {
    // A fixed number of requests (autocannon -a), not a duration: a server starved of CPU on a
    // busy machine answers later, never zero times. All five at once: most of each run is
    // starting its server process.
    const kinds = ['tamtam-rx', 'peer', 'fetch', 'raw', 'fetch-raw'] as const;
    const runs = await Promise.all(kinds.map((kind) => webhookRun(kind, { amount: 20, connections: 2 })));
    for (const [i, run] of runs.entries()) {
      const kind = kinds[i];
      expect({ kind, requests: run.requests, failed: run.non2xx + run.errors }).toEqual({
        kind,
        requests: 20,
        failed: 0,
      });
      if (kind === 'raw' || kind === 'fetch-raw') expect(run.received).toBe(-1);
      else expect(run.received, kind).toBeGreaterThanOrEqual(run.requests);
    }
  }, 300_000); // five server processes, each started with tsx: 20 s each at load 17

  it.concurrent('7: tsc runs on a generated config and fails loudly on a type error', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const dir = `${process.cwd()}/node_modules/.cache/tamtam-rx-bench/typecheck`;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/smoke-bad.ts`, 'export const n: number = "not a number";\n');
    const bad = writeConfig('smoke-bad', [`${dir}/smoke-bad.ts`]);
    // TS 5.9 on the same config without the DOM lib and @types/node, which cost it two thirds
    // of its run: what is checked here is that it runs and reports the error
    const lean = `${dir}/tsconfig.smoke-bad-lean.json`;
    writeFileSync(lean, JSON.stringify({ extends: bad, compilerOptions: { lib: ['es2022'], types: [] } }));
    await Promise.all([
      expect(timeTsc(bad, 'TS 7')).rejects.toThrow(/TS2322/),
      expect(timeTsc(lean, 'TS 5.9')).rejects.toThrow(/TS2322/),
      // the bot cut before its handlers still type-checks against src/ (timeTsc rejects on any error)
      expect(timeTsc(writeConfig('smoke-without-handlers', [botWithoutHandlers()]), 'TS 7')).resolves.toBeGreaterThan(
        0,
      ),
    ]);
  }, 120_000); // three compilers at once, each loading lib.d.ts: slow on a busy machine
});

describe('bench helpers', () => {
  it('summarizes and pairs rounds', () => {
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
    expect(summarize([4, 1, 2, 3]).median).toBe(2.5);
    expect(pairedRatio([10, 30], [5, 10])).toMatchObject({ min: 2, max: 3 });
    expect(() => summarize([])).toThrow(/empty/);
    expect(() => pairedRatio([1], [1, 2])).toThrow(/pair/);
  });

  it('alternates the order of runners from round to round and drops warm-ups', async () => {
    const order: string[] = [];
    const results = await alternate(
      2,
      { a: async () => (order.push('a'), 1), b: async () => (order.push('b'), 2) },
      { warmup: 1 },
    );
    expect(order).toEqual(['b', 'a', 'a', 'b', 'b', 'a']);
    expect(results).toEqual({ a: [1, 1], b: [2, 2] });
  });

  it('judges targets, and non-zero must-be-zero counters fail them', () => {
    const base = {
      id: 'x',
      workload: 'w',
      metric: 'm',
      subject: 's',
      baseline: 'b',
      subjectValues: summarize([5]),
      baselineValues: null,
    };
    expect(isMet({ ...base, ratio: summarize([0.95]), target: { on: 'ratio', atLeast: 0.9 } })).toBe(true);
    expect(
      isMet({ ...base, ratio: summarize([0.95]), target: { on: 'ratio', atLeast: 0.9 }, mustBeZero: { lost: 1 } }),
    ).toBe(false);
    expect(isMet({ ...base, ratio: null, target: { on: 'value', atMost: 4 } })).toBe(false);
    expect(isMet({ ...base, ratio: null, target: null })).toBeNull();
  });
});

/** The in-process workloads take a second or two each, but 1b took 17 s at load 20: room to spare. */
const WORKLOAD_TIMEOUT = 120_000;

describe('bench workloads, tiny sizes', () => {
  it(
    '1: both ingest loops read every queued update exactly',
    async () => {
      for (const who of ['tamtam-rx', 'fetch loop'] as const) {
        const run = await ingestRun('local', who, 250);
        expect(run.count).toBe(250);
        expect(run.seconds).toBeGreaterThan(0);
      }
    },
    WORKLOAD_TIMEOUT,
  );

  it(
    '1b: tamtam-rx, the peer and the ceiling answer every message once; tamtam-rx keeps chat order',
    async () => {
      for (const bot of ['tamtam-rx', 'peer', 'fetch ceiling'] as const) {
        const run = await echoRun('local', bot, { messages: 60, users: 6, latencyMs: 2, timeoutMs: 10_000 });
        expect({ bot, lost: run.lost, duplicated: run.sent.duplicated, total: run.sent.total }).toEqual({
          bot,
          lost: 0,
          duplicated: 0,
          total: 60,
        });
        expect(run.sent.chats).toBe(6);
        if (bot === 'tamtam-rx') expect(run.sent.outOfOrder).toBe(0);
      }
    },
    WORKLOAD_TIMEOUT,
  );

  it(
    '4b: on the Max-dialect emulated rate rule, paced tamtam-rx answers every message with no 429; the peer runs too',
    async () => {
      const size = { messages: 40, users: 8, latencyMs: 2, perSecond: 30 };
      const rx = await burstRun('local', 'tamtam-rx', size);
      expect({ lost: rx.lost, rateLimited: rx.rateLimited, failures: rx.failures, outOfOrder: rx.outOfOrder }).toEqual({
        lost: 0,
        rateLimited: 0,
        failures: 0,
        outOfOrder: 0,
      });
      const peer = await burstRun('local', 'peer', size);
      // the peer does not retry a refused send: every message was answered or failed
      expect(size.messages - peer.lost + peer.failures).toBeGreaterThanOrEqual(size.messages);
    },
    WORKLOAD_TIMEOUT,
  );

  it(
    '2: the operators and both hand-written filters select the same updates',
    () => {
      const pool = updatePool();
      const counts = (['tamtam-rx', 'hand-written filter', 'hand-written chain'] as const).map(
        (who) => selectVotes(who, pool, 8000).passed,
      );
      expect(counts).toEqual([1000, 1000, 1000]); // half are presses, a quarter of those say vote:yes
    },
    WORKLOAD_TIMEOUT,
  );

  it(
    '4: throttled sends hit the rate limit, retry, and store every message once, in chat order',
    async () => {
      // Ten chats send at once against a rule of 8 requests/s: the first wave meets 429s however
      // slow the machine (3 chats against 20/s never reached the rule on a loaded one).
      const run = await throttleRun('local', { messages: 20, chats: 10, perSecond: 8 });
      expect(run.rateLimited).toBeGreaterThan(0);
      expect({
        lost: run.lost,
        duplicated: run.sent.duplicated,
        outOfOrder: run.sent.outOfOrder,
        failures: run.failures,
      }).toEqual({
        lost: 0,
        duplicated: 0,
        outOfOrder: 0,
        failures: 0,
      });
    },
    WORKLOAD_TIMEOUT,
  );

  it(
    '5: the memory run pushes every fed update through the pipeline and reads memory twice',
    async () => {
      const run = await memoryRun('local', { warmup: 250, total: 1000 });
      expect(run.handled).toBe(1000);
      expect(run.start.heapUsed).toBeGreaterThan(0);
      expect(run.end.rss).toBeGreaterThan(0);
    },
    WORKLOAD_TIMEOUT,
  );

  it(
    '6: the ofType-only app bundles to a few hundred bytes (rxjs external)',
    async () => {
      const size = await bundleSize({ code: OF_TYPE_APP });
      expect(size.gzip).toBeGreaterThan(0);
      expect(size.gzip).toBeLessThan(size.minified);
    },
    WORKLOAD_TIMEOUT,
  );
});
