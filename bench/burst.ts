/**
 * Workload 4b — a burst under the API's rate limit, on the peer's home dialect. 400 messages
 * from 120 users reach a Max-dialect emulator that adds 100 ms to every request and enforces
 * Max's rule: 30 requests per second per bot, 429 WITHOUT `Retry-After` beyond that. The bot
 * replies to each. We time from queueing (after the bot's first long poll waits: on Max a poll
 * without a marker answers only the latest update) until every reply was stored (or, for a bot
 * that loses replies, until it has dealt with all of them) and count lost replies and 429s:
 * - tamtam-rx as against the real Max host, where its limiter paces every request from the
 *   first (`rateLimit: true`; against another host the default is standby until the first
 *   429): `createApi({ dialect: 'max' })`, fromLongPolling → ofType → perChat(reply);
 * - the peer, @maxhub/max-bot-api 0.3: `bot.on('message_created', ctx => ctx.reply(...))`.
 * The floor is N / 30 s: no bot can be faster without a 429.
 */
import { Bot } from '@maxhub/max-bot-api';
import type { BenchEmulator } from './lib/bench-emulator';
import { runIfMain } from './lib/child';
import { lib, librarySource } from './lib/library';
import type { WorkloadRun } from './lib/result';
import { secondsSince } from './lib/rounds';
import { pairedRatio, summarize } from './lib/stats';
import { type EmulatorPlacement, withEmulator } from './lib/with-emulator';

/**
 * Sizes of one burst.
 *
 * @example
 * const size: BurstSize = { messages: 1000, users: 300, latencyMs: 100, perSecond: 30 };
 */
export interface BurstSize {
  readonly messages: number;
  readonly users: number;
  readonly latencyMs: number;
  /** The emulator's limit per token (Max: 30). */
  readonly perSecond: number;
}

/**
 * What one run measured.
 *
 * @example
 * const { seconds, lost, rateLimited } = await burstRun('local', 'tamtam-rx', size);
 */
export interface BurstRun {
  /** Until every reply was stored, or every update was answered or given up on. */
  readonly seconds: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly outOfOrder: number;
  /** Sends that failed in the bot (given up, or not retried). */
  readonly failures: number;
  /** 429 answers of the emulator. */
  readonly rateLimited: number;
}

/** Who answers. */
export type BurstBot = 'tamtam-rx' | 'peer';

/** A bot that never finishes (e.g. its polling died) is stopped after this long. */
const RUN_TIMEOUT_MS = 120_000;

/**
 * One run on a fresh emulator with the Max rate rule and `latencyMs` on every request.
 *
 * @example
 * await burstRun('remote', 'peer', { messages: 1000, users: 300, latencyMs: 100, perSecond: 30 });
 */
export function burstRun(placement: EmulatorPlacement, bot: BurstBot, size: BurstSize): Promise<BurstRun> {
  return withEmulator(
    placement,
    { dialect: 'max', faults: { latencyMs: size.latencyMs }, rateLimit: { perSecond: size.perSecond, style: 'max' } },
    async (emulator) => {
      const running = bot === 'tamtam-rx' ? burstWithTamtamRx(emulator) : burstWithPeer(emulator);
      let seconds: number;
      try {
        await emulator.waitForPoll(30_000);
        await emulator.queueUserMessages(size.messages, size.users, 7);
        const start = performance.now(); // the backlog is in: the bot's work starts
        for (;;) {
          const sent = await emulator.sent();
          if (sent.unique + running.failures() >= size.messages || performance.now() - start > RUN_TIMEOUT_MS) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        seconds = secondsSince(start);
      } finally {
        await running.stop();
      }
      await new Promise((resolve) => setTimeout(resolve, size.latencyMs * 2 + 50)); // late duplicates would land now
      const sent = await emulator.sent();
      const { rateLimited } = await emulator.faultStats();
      return {
        seconds,
        lost: size.messages - sent.unique,
        duplicated: sent.duplicated,
        outOfOrder: sent.outOfOrder,
        failures: running.failures(),
        rateLimited,
      };
    },
  );
}

/** A bot started against an emulator; `failures` counts sends it gave up on. */
interface RunningBot {
  stop(): Promise<void>;
  failures(): number;
}

/**
 * tamtam-rx on Max with the limiter the real host gets by default (`rateLimit: true`: paced
 * from the first request), otherwise defaults.
 *
 * @example
 * const bot = burstWithTamtamRx(emulator);
 * await bot.stop();
 */
export function burstWithTamtamRx(emulator: BenchEmulator): RunningBot {
  const { createApi, fromLongPolling, ofType, perChat, reply } = lib;
  const api = createApi({ dialect: 'max', token: emulator.token, baseUrl: emulator.url, rateLimit: true });
  const updates$ = fromLongPolling(api);
  let failures = 0;
  const subscription = updates$
    .pipe(
      ofType('message_created'),
      perChat((update) => reply(api, update, `re: ${update.message.body.text ?? ''}`), {
        onError: () => {
          failures += 1;
        },
      }),
    )
    .subscribe();
  return {
    stop: async () => {
      await updates$.stop();
      subscription.unsubscribe();
    },
    failures: () => failures,
  };
}

/**
 * The peer as its README shows it, pointed at the emulator with its own `baseUrl` option.
 *
 * @example
 * const bot = burstWithPeer(emulator);
 * await bot.stop();
 */
export function burstWithPeer(emulator: BenchEmulator): RunningBot {
  const bot = new Bot(emulator.token, { clientOptions: { baseUrl: emulator.url } });
  let failures = 0;
  bot.catch(() => {
    failures += 1;
  });
  bot.on('message_created', (ctx) => ctx.reply(`re: ${ctx.message.body.text ?? ''}`));
  const running = bot.start();
  running.catch(() => {});
  return {
    stop: async () => {
      bot.stopPolling();
      await running.catch(() => {});
    },
    failures: () => failures,
  };
}

export const run: WorkloadRun = async ({ quick, log }) => {
  const started = performance.now();
  const size: BurstSize = quick
    ? { messages: 200, users: 60, latencyMs: 100, perSecond: 30 }
    : { messages: 400, users: 120, latencyMs: 100, perSecond: 30 };
  const rounds = quick ? 1 : 2;
  const floor = size.messages / size.perSecond;
  const runs: Record<BurstBot, BurstRun[]> = { 'tamtam-rx': [], peer: [] };
  for (let round = 0; round < rounds; round++) {
    for (const bot of round % 2 === 0 ? (['tamtam-rx', 'peer'] as const) : (['peer', 'tamtam-rx'] as const)) {
      const result = await burstRun('remote', bot, size);
      runs[bot].push(result);
      log(
        `  round ${round + 1}/${rounds} ${bot}: ${result.seconds.toFixed(2)} s, lost ${result.lost}, 429 answers ${result.rateLimited}, ` +
          `failures ${result.failures}, duplicated ${result.duplicated}, out of order ${result.outOfOrder}`,
      );
    }
  }
  const total = (bot: BurstBot, key: keyof BurstRun): number => runs[bot].reduce((sum, r) => sum + r[key], 0);
  const rxSeconds = runs['tamtam-rx'].map((r) => r.seconds);
  const peerSeconds = runs.peer.map((r) => r.seconds);
  const peerInfo = {
    'peer lost': total('peer', 'lost'),
    'peer 429 answers': total('peer', 'rateLimited'),
    'peer s': summarize(peerSeconds).median.toFixed(2),
  };
  return {
    name: 'burst',
    title: "4b. A burst under Max's rate limit (30 requests/s, 429 without Retry-After)",
    config: {
      ...size,
      rounds,
      emulator:
        "Max dialect (header auth, Max's marker rule), rateLimit: { perSecond: 30, style: 'max' } (a token bucket of 30 per token), latency on every request",
      tamtamRx:
        "createApi({ dialect: 'max', rateLimit: true }) (the limiter the real host gets by default), fromLongPolling and perChat with defaults",
      peer: '@maxhub/max-bot-api 0.3.1, defaults (its sends do not retry)',
      library: librarySource,
    },
    comparisons: [
      {
        id: '4b',
        workload: `Burst of ${size.messages} replies from ${size.users} users, ${size.latencyMs} ms latency, ${size.perSecond} req/s rule`,
        metric: 's',
        subject: 'tamtam-rx (rate limiter on)',
        baseline: `minimum N / R = ${floor.toFixed(1)} s`,
        subjectValues: summarize(rxSeconds),
        baselineValues: null,
        ratio: summarize(rxSeconds.map((s) => s / floor)),
        target: { on: 'ratio', atMost: 1.05 },
        mustBeZero: { lost: total('tamtam-rx', 'lost'), '429 answers': total('tamtam-rx', 'rateLimited') },
        info: {
          'gave up': total('tamtam-rx', 'failures'),
          duplicated: total('tamtam-rx', 'duplicated'),
          'out of order': total('tamtam-rx', 'outOfOrder'),
          ...peerInfo,
        },
      },
      {
        id: '4b',
        workload: `Burst of ${size.messages} replies from ${size.users} users, ${size.latencyMs} ms latency, ${size.perSecond} req/s rule`,
        metric: 's',
        subject: 'tamtam-rx (rate limiter on)',
        baseline: '@maxhub/max-bot-api 0.3 (peer): time until every update was answered or failed',
        subjectValues: summarize(rxSeconds),
        baselineValues: summarize(peerSeconds),
        ratio: pairedRatio(rxSeconds, peerSeconds),
        target: null,
        info: { 'tamtam-rx lost': total('tamtam-rx', 'lost'), ...peerInfo, 'peer failures': total('peer', 'failures') },
      },
    ],
    notes: [
      'tamtam-rx paces every request (sends and long polls) at 30/s, so the server never says 429; the peer sends a whole batch at once, ' +
        'the server takes 30 of it and refuses the rest without Retry-After, and the peer does not retry a send: it finishes sooner but loses replies.',
    ],
    seconds: secondsSince(started),
    raw: runs,
  };
};

runIfMain(import.meta.url, run);
