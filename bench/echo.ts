/**
 * Workload 1b — echo throughput, latency-bound (what users feel), on the peer's home dialect:
 * a Max-dialect emulator (header auth, Max's marker rule) adds a fixed latency to every request,
 * its rate limit off (at Max's 30 requests/s 10 000 replies would take minutes; workload 4b is
 * the rate-limited one). Each bot starts; once its first long poll waits, messages from many
 * users are queued at once and the bot answers each with sendMessage. We time until the
 * emulator stored every reply, and count replies lost, duplicated and out of order within a
 * chat, for:
 * - tamtam-rx with DEFAULTS, as a user writes it from the README:
 *   `createApi({ dialect: 'max', baseUrl })`, fromLongPolling → ofType → perChat(reply);
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
 * The settings used by the benchmark: none, the library's defaults (what a user's first bot
 * runs with), like the peer's.
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
 * const size: EchoSize = { messages: 5000, users: 250, latencyMs: 100 };
 */
export interface EchoSize {
  readonly messages: number;
  readonly users: number;
  readonly latencyMs: number;
  /** Give up after this long. Default 120 s. */
  readonly timeoutMs?: number;
}

/** A bot started against an emulator: stop it when done; `failures` counts handler errors. */
interface RunningBot {
  stop(): Promise<void>;
  failures(): number;
  /** The first failure, for the report when a run fails. */
  firstFailure(): unknown;
}

/**
 * One measured run on a fresh Max-dialect emulator (the peer's home: header auth, Max's
 * marker rule) with `latencyMs` on every request and its rate limit off: the bot starts, and
 * once its first long poll waits (on Max a poll without a marker answers only the latest
 * update) the backlog is queued; the clock runs from the moment it is queued until every reply was stored.
 *
 * @example
 * await echoRun('remote', 'peer', { messages: 10_000, users: 500, latencyMs: 100 });
 */
export function echoRun(
  placement: EmulatorPlacement,
  bot: EchoBot,
  size: EchoSize,
  tuning: EchoTuning = ECHO_TUNING,
): Promise<EchoRun> {
  return withEmulator(
    placement,
    { dialect: 'max', rateLimit: false, faults: { latencyMs: size.latencyMs } },
    async (emulator) => {
      const running =
        bot === 'tamtam-rx'
          ? echoWithTamtamRx(emulator, tuning)
          : bot === 'peer'
            ? echoWithPeer(emulator)
            : echoWithFetchLoop(emulator, size.messages);
      let seconds: number;
      try {
        await emulator.waitForPoll(30_000);
        await emulator.queueUserMessages(size.messages, size.users, 42);
        const start = performance.now(); // the backlog is in: the bot's work starts
        await answered(emulator, running, size.messages, size.timeoutMs ?? 120_000);
        seconds = secondsSince(start);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const first = running.firstFailure();
        const why = first === undefined ? '' : `; the first: ${first instanceof Error ? first.message : String(first)}`;
        throw new Error(`${bot}: ${message} (handler failures: ${running.failures()}${why})`);
      } finally {
        await running.stop();
      }
      await new Promise((resolve) => setTimeout(resolve, size.latencyMs * 2 + 50)); // late duplicates would land now
      const sent = await emulator.sent();
      return { seconds, sent, lost: size.messages - sent.unique };
    },
  );
}

/**
 * Resolves when the emulator stored a reply for every message the bot did not give up on (a
 * bot that loses replies is reported with its losses, not as a hang); rejects after `timeoutMs`.
 */
async function answered(emulator: BenchEmulator, bot: RunningBot, messages: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      await emulator.waitForSent(messages - bot.failures(), 250);
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
    }
  }
}

/**
 * tamtam-rx as a user writes it from the README, on Max: `createApi({ dialect: 'max', baseUrl })`,
 * then `fromLongPolling → ofType('message_created') → perChat(reply)`; `tuning` overrides
 * defaults (none by default).
 *
 * @example
 * const bot = echoWithTamtamRx(emulator);
 * await bot.stop();
 */
export function echoWithTamtamRx(emulator: BenchEmulator, tuning: EchoTuning = ECHO_TUNING): RunningBot {
  const { createApi, fromLongPolling, ofType, perChat, reply } = lib;
  const api = createApi({ dialect: 'max', token: emulator.token, baseUrl: emulator.url });
  const updates$ = fromLongPolling(api, {
    ...(tuning.limit === undefined ? {} : { limit: tuning.limit }),
    ...(tuning.maxPending === undefined ? {} : { maxPending: tuning.maxPending }),
  });
  let failures = 0;
  let firstFailure: unknown;
  const subscription = updates$
    .pipe(
      ofType('message_created'),
      perChat((update) => reply(api, update, `re: ${update.message.body.text ?? ''}`), {
        onError: (error) => {
          failures += 1;
          firstFailure ??= error.cause;
        },
        ...(tuning.concurrency === undefined ? {} : { concurrency: tuning.concurrency }),
      }),
    )
    .subscribe();
  return {
    stop: async () => {
      await updates$.stop();
      subscription.unsubscribe();
    },
    failures: () => failures,
    firstFailure: () => firstFailure,
  };
}

/**
 * The peer, @maxhub/max-bot-api 0.3, as its README shows: `bot.on('message_created', ctx =>
 * ctx.reply(...))`, `clientOptions.baseUrl` pointed at the emulator, unmodified.
 *
 * @example
 * const bot = echoWithPeer(emulator);
 * await bot.stop();
 */
export function echoWithPeer(emulator: BenchEmulator): RunningBot {
  const bot = new Bot(emulator.token, { clientOptions: { baseUrl: emulator.url } });
  let failures = 0;
  let firstFailure: unknown;
  bot.catch((error) => {
    failures += 1;
    firstFailure ??= error;
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
    firstFailure: () => firstFailure,
  };
}

/**
 * The ceiling: one fetch loop polling 1000 updates at a time into a queue, and
 * {@link CEILING_CONCURRENCY} fetch loops sending the replies — no ordering, no retries, no
 * validation; only what any bot must do (Max: the token in the Authorization header).
 *
 * @example
 * const loop = echoWithFetchLoop(emulator, 1000);
 * await loop.stop();
 */
export function echoWithFetchLoop(emulator: BenchEmulator, messages: number): RunningBot {
  const headers = { authorization: emulator.token };
  const queue: { chatId: number; text: string }[] = [];
  let head = 0;
  let received = 0;
  let failures = 0;
  let firstFailure: unknown;
  const idle: (() => void)[] = [];
  const wakeAll = (): void => {
    for (const resume of idle.splice(0)) resume();
  };
  const controller = new AbortController();

  const poll = async (): Promise<void> => {
    let marker: number | null = null;
    while (received < messages && !controller.signal.aborted) {
      const url = `${emulator.url}/updates?limit=1000&timeout=30${marker === null ? '' : `&marker=${marker}`}`;
      let list: PolledList;
      try {
        const response = await fetch(url, { headers, signal: controller.signal });
        list = JSON.parse(await response.text()) as PolledList;
      } catch (error) {
        if (controller.signal.aborted) return;
        failures += 1;
        firstFailure ??= error; // a dropped keep-alive connection under load: poll again
        continue;
      }
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
      try {
        const response = await fetch(`${emulator.url}/messages?chat_id=${item.chatId}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ text: item.text }),
        });
        await response.text();
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      } catch (error) {
        // a dropped keep-alive connection under load: send it again (a duplicate would be counted)
        failures += 1;
        firstFailure ??= error;
        queue.push(item);
      }
    }
  };
  const work = Promise.all([poll(), ...Array.from({ length: CEILING_CONCURRENCY }, send)]);
  work.catch(() => {});
  return {
    stop: async () => {
      controller.abort();
      wakeAll();
      await work.catch(() => {});
    },
    failures: () => failures,
    firstFailure: () => firstFailure,
  };
}

/** What the ceiling loop reads from `GET /updates`. */
interface PolledList {
  readonly updates: { update_type: string; message: { recipient: { chat_id: number }; body: { text: string } } }[];
  readonly marker: number;
}

export const run: WorkloadRun = async ({ quick, log }) => {
  const started = performance.now();
  const size = quick ? { messages: 600, users: 60 } : { messages: 2000, users: 250 };
  const latencies = [20, 100] as const;
  const rounds = quick ? 1 : 3;
  const comparisons: Comparison[] = [];
  const raw: Record<string, unknown> = {};
  type Counts = { lost: number; duplicated: number; outOfOrder: number };
  const tally = (c: Counts): string => `${c.lost}/${c.duplicated}/${c.outOfOrder}`;
  for (const latencyMs of latencies) {
    log(` latency ${latencyMs} ms`);
    const counts: Record<EchoBot, Counts> = {
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
    const id = `1b@${latencyMs}ms`;
    const workload = `Echo on Max, ${latencyMs} ms latency, defaults`;
    const subject = 'tamtam-rx defaults (fromLongPolling → perChat)';
    comparisons.push(
      {
        id,
        workload,
        metric: 'replies/s',
        subject,
        baseline: '@maxhub/max-bot-api 0.3 (peer), defaults',
        subjectValues: rx,
        baselineValues: summarize(results.peer),
        ratio: pairedRatio(results['tamtam-rx'], results.peer),
        target: { on: 'ratio', atLeast: latencyMs === 100 ? 2 : 1 },
        mustBeZero: {
          lost: counts['tamtam-rx'].lost,
          duplicated: counts['tamtam-rx'].duplicated,
          'out of order': counts['tamtam-rx'].outOfOrder,
        },
        info: { 'peer lost/dup/out-of-order': tally(counts.peer) },
      },
      {
        id,
        workload,
        metric: 'replies/s',
        subject,
        baseline: `hand-written fetch loop, ${CEILING_CONCURRENCY} sends in flight (ceiling)`,
        subjectValues: rx,
        baselineValues: summarize(results['fetch ceiling']),
        ratio: pairedRatio(results['tamtam-rx'], results['fetch ceiling']),
        target: null,
        info: { 'ceiling lost/dup/out-of-order': tally(counts['fetch ceiling']) },
      },
    );
  }
  return {
    name: 'echo',
    title: '1b. Echo throughput on Max (latency-bound), defaults on both sides',
    config: {
      ...size,
      latenciesMs: latencies,
      rounds,
      emulator:
        'a fresh one per run (in one host process for the workload); Max dialect (header auth; a poll without a marker answers only the latest update), rate limit off, fixed latency on every request',
      order:
        "queued in a seeded random order (each user the same number of messages) once the bot's first long poll waits",
      tamtamRx:
        "defaults: createApi({ dialect: 'max', baseUrl }) (the limiter on standby for a host that is not Max's: this one never answers 429), " +
        'fromLongPolling (limit 100, maxPending 200), perChat (no cap across chats)',
      peer: '@maxhub/max-bot-api 0.3.1, defaults, clientOptions.baseUrl (it polls 100 updates per request and handles a batch with Promise.all)',
      ceilingConcurrency: CEILING_CONCURRENCY,
      library: librarySource,
    },
    comparisons,
    notes: [
      'At 100 ms the peer is latency-bound: it polls 100 updates, answers them with Promise.all, and only then polls again ' +
        '(two round trips per 100 replies). tamtam-rx keeps polling (up to 200 updates ahead) while perChat runs every busy chat at once.',
      'CPU per send: sendMessage hands fetch the URL and init (a Request built from another Request would follow its signal and ' +
        'pipe the JSON body through a TransformStream: 2–3× the CPU); what remains above a bare fetch is the AbortController and ' +
        'timer of the deadline (the peer sends without either), option merging per call and the RxJS request chain, so where the ' +
        'machine, not the latency, is the limit (20 ms) tamtam-rx and the peer are close and both far below the ceiling.',
      'On a saturated machine (load average far above the cores) every bot is CPU-bound whatever the latency, and the ratio ' +
        'becomes one of CPU per reply: measured 2.2–3.2 ms for tamtam-rx vs 0.9–1.4 ms for the peer (Node 20, load ~27 on 2 cores), ' +
        "most of tamtam-rx's in ky (a Request per call, its body as a web stream), undici and GC.",
      'The ceiling loop keeps no order within a chat (its out-of-order count shows why perChat matters); it sends a request again when ' +
        'a keep-alive connection drops under load.',
    ],
    seconds: secondsSince(started),
    raw,
  };
};

runIfMain(import.meta.url, run);
