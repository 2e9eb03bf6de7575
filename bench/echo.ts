/**
 * Workload 1b — echo throughput, latency-bound (what users feel). The emulator adds a fixed
 * latency to every request; 10 000 messages from 500 users wait in the queue; the bot answers
 * each with sendMessage. We time until the emulator stored every reply, and count replies
 * lost, duplicated and out of order within a chat, for:
 * - tamtam-rx: fromLongPolling → ofType → perChat(reply);
 * - the peer, @maxhub/max-bot-api: `bot.on('message_created', ctx => ctx.reply(...))`;
 * - the ceiling: a hand-written loop of fetch calls (polls plus concurrent sends, no ordering),
 *   which shows how many requests/s Node's fetch itself can make on this machine.
 */
import { Bot } from '@maxhub/max-bot-api';
import type { BenchEmulator, SentSummary } from './lib/bench-emulator';
import { runIfMain } from './lib/child';
import { lib, librarySource } from './lib/library';
import type { Comparison, WorkloadRun } from './lib/result';
import { alternate, secondsSince } from './lib/rounds';
import { pairedRatio, summarize } from './lib/stats';
import { type EmulatorPlacement, withEmulator } from './lib/with-emulator';

/**
 * tamtam-rx settings for the echo bot, each optional (left out: the library's default).
 * `concurrency` is perChat's bound on handlers running at once over all chats.
 *
 * @example
 * const tuning: EchoTuning = { limit: 1000, maxPending: 2000, concurrency: 512 };
 */
export interface EchoTuning {
  readonly limit?: number;
  readonly maxPending?: number;
  readonly concurrency?: number;
}

/**
 * The settings used by the benchmark: the defaults (long polling 100 updates a poll, 200 ahead;
 * perChat unbounded across chats), like the peer's.
 */
export const ECHO_TUNING: EchoTuning = {};

/** Sends in flight at once in the hand-written ceiling loop. */
export const CEILING_CONCURRENCY = 512;

/** Who answers. */
export type EchoBot = 'tamtam-rx' | 'peer' | 'fetch ceiling';

/**
 * One echo run: how long until every reply was stored, and what the emulator counted.
 *
 * @example
 * const { seconds, sent } = await echoRun('local', 'tamtam-rx', { messages: 100, users: 10, latencyMs: 5 });
 */
export interface EchoRun {
  readonly seconds: number;
  readonly sent: SentSummary;
  /** Replies the emulator did not store (`messages - unique`). */
  readonly lost: number;
}

/**
 * Sizes of one run.
 *
 * @example
 * const size: EchoSize = { messages: 10_000, users: 500, latencyMs: 100 };
 */
export interface EchoSize {
  readonly messages: number;
  readonly users: number;
  readonly latencyMs: number;
  /** Give up after this long. Default 120 s. */
  readonly timeoutMs?: number;
}

/**
 * One measured run on a fresh emulator with `latencyMs` on every request.
 *
 * @example
 * await echoRun('remote', 'peer', { messages: 10_000, users: 500, latencyMs: 100 });
 */
export function echoRun(placement: EmulatorPlacement, bot: EchoBot, size: EchoSize): Promise<EchoRun> {
  return withEmulator(placement, { faults: { latencyMs: size.latencyMs } }, async (emulator) => {
    await emulator.queueUserMessages(size.messages, size.users, 42);
    const answer = bot === 'tamtam-rx' ? echoWithTamtamRx : bot === 'peer' ? echoWithPeer : echoWithFetchLoop;
    const seconds = await answer(emulator, size.messages, size.timeoutMs ?? 120_000);
    await new Promise((resolve) => setTimeout(resolve, size.latencyMs * 2 + 50)); // late duplicates would land now
    const sent = await emulator.sent();
    return { seconds, sent, lost: size.messages - sent.unique };
  });
}

/**
 * tamtam-rx: `fromLongPolling → ofType('message_created') → perChat(reply)`.
 *
 * @example
 * const seconds = await echoWithTamtamRx(emulator, 1000, 60_000);
 */
export async function echoWithTamtamRx(
  emulator: BenchEmulator,
  messages: number,
  timeoutMs: number,
  tuning: EchoTuning = ECHO_TUNING,
): Promise<number> {
  const { createApi, fromLongPolling, ofType, perChat, reply } = lib;
  const api = createApi({ token: emulator.token, baseUrl: emulator.url });
  const updates$ = fromLongPolling(api, {
    ...(tuning.limit === undefined ? {} : { limit: tuning.limit }),
    ...(tuning.maxPending === undefined ? {} : { maxPending: tuning.maxPending }),
  });
  const start = performance.now();
  const subscription = updates$
    .pipe(
      ofType('message_created'),
      perChat(
        (update) => reply(api, update, `re: ${update.message.body.text ?? ''}`),
        tuning.concurrency === undefined ? {} : { concurrency: tuning.concurrency },
      ),
    )
    .subscribe();
  try {
    await emulator.waitForSent(messages, timeoutMs);
    return secondsSince(start);
  } finally {
    await updates$.stop();
    subscription.unsubscribe();
  }
}

/**
 * The peer, @maxhub/max-bot-api 0.3, as its README shows: `bot.on('message_created', ctx =>
 * ctx.reply(...))`, `clientOptions.baseUrl` pointed at the emulator.
 *
 * @example
 * const seconds = await echoWithPeer(emulator, 1000, 60_000);
 */
export async function echoWithPeer(emulator: BenchEmulator, messages: number, timeoutMs: number): Promise<number> {
  const bot = new Bot(emulator.token, { clientOptions: { baseUrl: emulator.url } });
  let failures = 0;
  bot.catch(() => {
    failures += 1;
  });
  bot.on('message_created', (ctx) => ctx.reply(`re: ${ctx.message.body.text ?? ''}`));
  const start = performance.now();
  const running = bot.start();
  try {
    await emulator.waitForSent(messages, timeoutMs);
    return secondsSince(start);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)} (peer handler failures: ${failures})`);
  } finally {
    bot.stopPolling();
    await running.catch(() => {});
  }
}

/**
 * The ceiling: one fetch loop polling 1000 updates at a time into a queue, and
 * {@link CEILING_CONCURRENCY} fetch loops sending the replies — no ordering, no retries, no
 * validation; only what any bot must do.
 *
 * @example
 * const seconds = await echoWithFetchLoop(emulator, 1000, 60_000);
 */
export async function echoWithFetchLoop(emulator: BenchEmulator, messages: number, timeoutMs: number): Promise<number> {
  const query = `v=0.5.6&access_token=${emulator.token}`;
  const queue: { chatId: number; text: string }[] = [];
  let head = 0;
  let received = 0;
  const idle: (() => void)[] = [];
  const wakeAll = (): void => {
    for (const resume of idle.splice(0)) resume();
  };
  const controller = new AbortController();
  const start = performance.now();

  const poll = async (): Promise<void> => {
    let marker: number | null = null;
    while (received < messages && !controller.signal.aborted) {
      const url = `${emulator.url}/updates?limit=1000&timeout=30${marker === null ? '' : `&marker=${marker}`}&${query}`;
      const response = await fetch(url, { signal: controller.signal });
      const list = JSON.parse(await response.text()) as PolledList;
      for (const update of list.updates) {
        if (update.update_type !== 'message_created') continue;
        queue.push({ chatId: update.message.recipient.chat_id, text: `re: ${update.message.body.text}` });
        received += 1;
      }
      marker = list.marker;
      wakeAll();
    }
  };
  const send = async (): Promise<void> => {
    for (;;) {
      while (head >= queue.length) {
        if (received >= messages || controller.signal.aborted) return;
        await new Promise<void>((resume) => idle.push(resume));
      }
      const item = queue[head++] as { chatId: number; text: string };
      const response = await fetch(`${emulator.url}/messages?chat_id=${item.chatId}&${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: item.text }),
      });
      await response.text();
    }
  };
  const work = Promise.all([poll(), ...Array.from({ length: CEILING_CONCURRENCY }, send)]);
  work.catch(() => {});
  try {
    await emulator.waitForSent(messages, timeoutMs);
    return secondsSince(start);
  } finally {
    controller.abort();
    wakeAll();
  }
}

/** What the ceiling loop reads from `GET /updates`. */
interface PolledList {
  readonly updates: { update_type: string; message: { recipient: { chat_id: number }; body: { text: string } } }[];
  readonly marker: number;
}

export const run: WorkloadRun = async ({ quick, log }) => {
  const started = performance.now();
  const size = quick ? { messages: 600, users: 60 } : { messages: 10_000, users: 500 };
  const latencies = [20, 100];
  const rounds = quick ? 1 : 3;
  const comparisons: Comparison[] = [];
  const raw: Record<string, unknown> = {};
  for (const latencyMs of latencies) {
    log(` latency ${latencyMs} ms`);
    const counts: Record<EchoBot, { lost: number; duplicated: number; outOfOrder: number }> = {
      'tamtam-rx': { lost: 0, duplicated: 0, outOfOrder: 0 },
      peer: { lost: 0, duplicated: 0, outOfOrder: 0 },
      'fetch ceiling': { lost: 0, duplicated: 0, outOfOrder: 0 },
    };
    const measure = (bot: EchoBot) => async () => {
      const result = await echoRun('remote', bot, { ...size, latencyMs });
      counts[bot].lost += result.lost;
      counts[bot].duplicated += result.sent.duplicated;
      counts[bot].outOfOrder += result.sent.outOfOrder;
      return size.messages / result.seconds;
    };
    const results = await alternate(
      rounds,
      { 'fetch ceiling': measure('fetch ceiling'), 'tamtam-rx': measure('tamtam-rx'), peer: measure('peer') },
      { log },
    );
    raw[`${latencyMs}ms`] = { replies_per_second: results, counts };
    const rx = summarize(results['tamtam-rx']);
    const peer = summarize(results.peer);
    const ceiling = summarize(results['fetch ceiling']);
    const id = `1b@${latencyMs}ms`;
    const tally = (c: { lost: number; duplicated: number; outOfOrder: number }): string =>
      `${c.lost}/${c.duplicated}/${c.outOfOrder}`;
    const peerInfo = { 'peer lost/dup/out-of-order': tally(counts.peer) };
    comparisons.push(
      {
        id,
        workload: `Echo, ${latencyMs} ms latency`,
        metric: 'replies/s',
        subject: 'tamtam-rx (perChat)',
        baseline: '@maxhub/max-bot-api 0.3 (peer)',
        subjectValues: rx,
        baselineValues: peer,
        ratio: pairedRatio(results['tamtam-rx'], results.peer),
        target: latencyMs === 100 ? { on: 'ratio', atLeast: 2 } : null,
        ...(latencyMs === 100
          ? {
              mustBeZero: { lost: counts['tamtam-rx'].lost, 'out of order': counts['tamtam-rx'].outOfOrder },
              info: { duplicated: counts['tamtam-rx'].duplicated, ...peerInfo },
            }
          : { info: { 'lost/dup/out-of-order': tally(counts['tamtam-rx']), ...peerInfo } }),
      },
      {
        id,
        workload: `Echo, ${latencyMs} ms latency`,
        metric: 'replies/s',
        subject: 'tamtam-rx (perChat)',
        baseline: `hand-written fetch loop, ${CEILING_CONCURRENCY} sends in flight (ceiling)`,
        subjectValues: rx,
        baselineValues: ceiling,
        ratio: pairedRatio(results['tamtam-rx'], results['fetch ceiling']),
        target: null,
        info: { 'ceiling lost/dup/out-of-order': tally(counts['fetch ceiling']) },
      },
    );
  }
  return {
    name: 'echo',
    title: '1b. Echo throughput (latency-bound)',
    config: {
      ...size,
      latenciesMs: latencies,
      rounds,
      order: 'queued up front in a seeded random order (each user 20 messages)',
      tamtamRx:
        'defaults (fromLongPolling limit 100, maxPending 200; perChat unbounded across chats; no rate limiter on a custom host)',
      peer: '@maxhub/max-bot-api 0.3.1, defaults (it polls 100 updates per request and handles a batch with Promise.all)',
      ceilingConcurrency: CEILING_CONCURRENCY,
      library: librarySource,
    },
    comparisons,
    notes: [
      'At 100 ms the peer is latency-bound: it polls 100 updates, answers them with Promise.all, and only then polls again ' +
        '(two round trips per 100 replies). tamtam-rx keeps polling (up to 200 updates ahead) while perChat runs every busy chat at once.',
      'CPU per send here: ky-based sendMessage ≈ 2× a bare fetch (ky builds a Request and clones it, teeing the body stream, for every call), ' +
        'which is why tamtam-rx reaches about half the hand-written fetch ceiling, and roughly matches the peer at 20 ms.',
      'The ceiling loop keeps no order within a chat (its out-of-order count shows why perChat matters); tamtam-rx and the peer kept order.',
    ],
    seconds: secondsSince(started),
    raw,
  };
};

runIfMain(import.meta.url, run);
