/**
 * Workload 4 — throttled sends. 500 sendMessage calls through the per-chat scheduler
 * (`perChat`, default concurrency) against the emulator rate-limited to R requests/s, which
 * answers 429 with `Retry-After: 1` beyond that. The library's retry policy honours
 * Retry-After. We compare the total time with the minimum N / R and count what the emulator
 * stored (lost, duplicated, out of order within a chat).
 */
import { from, lastValueFrom } from 'rxjs';
import type { BenchEmulator, SentSummary } from './lib/bench-emulator';
import { runIfMain } from './lib/child';
import { lib, librarySource } from './lib/library';
import type { WorkloadRun } from './lib/result';
import { secondsSince } from './lib/rounds';
import { summarize } from './lib/stats';
import { type EmulatorPlacement, withEmulator } from './lib/with-emulator';

/**
 * Sizes of one throttled run.
 *
 * @example
 * const size: ThrottleSize = { messages: 1000, chats: 100, perSecond: 200 };
 */
export interface ThrottleSize {
  readonly messages: number;
  readonly chats: number;
  /** The emulator's limit, requests per sliding second. */
  readonly perSecond: number;
}

/**
 * What one run measured.
 *
 * @example
 * const { seconds, lost } = await throttleRun('local', { messages: 50, chats: 5, perSecond: 100 });
 */
export interface ThrottleRun {
  readonly seconds: number;
  readonly sent: SentSummary;
  readonly lost: number;
  /** Handler failures perChat reported (a send that gave up). */
  readonly failures: number;
  /** 429 answers the emulator gave. */
  readonly rateLimited: number;
}

/** One send job: perChat schedules anything with an `update_type`; the key is the chat. */
interface SendJob {
  readonly update_type: 'bench_send';
  readonly chatId: number;
  readonly seq: number;
}

/**
 * Sends `messages` texts (`t <seq>`, round-robin over the chats) through `perChat`.
 *
 * @example
 * await throttledSends(emulator, { messages: 1000, chats: 100, perSecond: 200 });
 */
export async function throttledSends(
  emulator: BenchEmulator,
  size: ThrottleSize,
): Promise<{ seconds: number; failures: number }> {
  const { createApi, perChat, sendMessage } = lib;
  const chatIds = await emulator.createDialogs(size.chats);
  const jobs: SendJob[] = Array.from({ length: size.messages }, (_, i) => ({
    update_type: 'bench_send',
    chatId: chatIds[i % size.chats] as number,
    seq: Math.floor(i / size.chats) + 1,
  }));
  const api = createApi({ token: emulator.token, baseUrl: emulator.url });
  let failures = 0;
  const start = performance.now();
  await lastValueFrom(
    from(jobs).pipe(
      perChat((job: SendJob) => sendMessage(api, { chat_id: job.chatId }, { text: `t ${job.seq}` }), {
        key: (job) => job.chatId,
        onError: () => {
          failures += 1;
        },
      }),
    ),
    { defaultValue: null },
  );
  return { seconds: secondsSince(start), failures };
}

/**
 * One measured run on a fresh, rate-limited emulator.
 *
 * @example
 * await throttleRun('remote', { messages: 1000, chats: 100, perSecond: 200 });
 */
export function throttleRun(placement: EmulatorPlacement, size: ThrottleSize): Promise<ThrottleRun> {
  return withEmulator(
    placement,
    { faults: { rateLimit: { perSecond: size.perSecond, retryAfterSeconds: 1 } } },
    async (emulator) => {
      const { seconds, failures } = await throttledSends(emulator, size);
      const sent = await emulator.sent();
      const { rateLimited } = await emulator.faultStats();
      return { seconds, sent, lost: size.messages - sent.unique, failures, rateLimited };
    },
  );
}

export const run: WorkloadRun = async ({ quick, log }) => {
  const started = performance.now();
  const size: ThrottleSize = quick
    ? { messages: 200, chats: 20, perSecond: 100 }
    : { messages: 500, chats: 50, perSecond: 100 };
  const rounds = quick ? 1 : 3;
  const minimum = size.messages / size.perSecond;
  const seconds: number[] = [];
  const totals = { lost: 0, duplicated: 0, outOfOrder: 0, failures: 0, rateLimited: 0 };
  for (let round = 0; round < rounds; round++) {
    const result = await throttleRun('remote', size);
    seconds.push(result.seconds);
    totals.lost += result.lost;
    totals.duplicated += result.sent.duplicated;
    totals.outOfOrder += result.sent.outOfOrder;
    totals.failures += result.failures;
    totals.rateLimited += result.rateLimited;
    log(
      `  round ${round + 1}/${rounds}: ${result.seconds.toFixed(2)} s, ${result.rateLimited} answered 429, lost ${result.lost}, duplicated ${result.sent.duplicated}`,
    );
  }
  const time = summarize(seconds);
  return {
    name: 'throttle',
    title: '4. Throttled sends',
    config: {
      ...size,
      retryAfterSeconds: 1,
      rounds,
      scheduler: 'perChat, default concurrency 32, default retry policy',
      library: librarySource,
    },
    comparisons: [
      {
        id: '4',
        workload: `Throttled sends, ${size.messages} at ${size.perSecond} req/s`,
        metric: 's',
        subject: 'perChat(sendMessage), retry honours Retry-After',
        baseline: `minimum N / R = ${minimum} s`,
        subjectValues: time,
        baselineValues: null,
        ratio: summarize(seconds.map((s) => s / minimum)),
        target: { on: 'ratio', atMost: 1.1 },
        mustBeZero: { lost: totals.lost, duplicated: totals.duplicated },
        info: { '429 answers': totals.rateLimited, 'out of order': totals.outOfOrder, 'gave up': totals.failures },
      },
    ],
    notes: [
      'A sliding-window limit lets R requests through at once; after a 429 the client waits the whole Retry-After, so each window ' +
        'costs 1 s plus the time to send R requests. The ratio therefore grows with R / (requests/s the client can make): ' +
        'R = 100 is used here; at R = 200 on this machine it measured ≈ 1.3×. Pacing below R (a client-side rate limiter) would be needed to stay near N / R for large R. ' +
        'The first R requests pass at once, so the time is about (N / R − 1) s plus the sends: a ratio below 1 is possible, and the smaller N, the lower it reads (N = 1000 measured 1.02×, N = 500 0.93×).',
    ],
    seconds: secondsSince(started),
    raw: { seconds, totals },
  };
};

runIfMain(import.meta.url, run);
