/**
 * The emulator as the benchmarks drive it: queue user messages or synthetic updates, keep the
 * queue fed for long runs, and count what the bot sent (lost, duplicated, out of order). The
 * same interface runs in process (smoke tests) or in a child process (benchmarks, so the
 * server does not share the bot's CPU core); see `remote-emulator.ts`.
 */
import { startEmulator } from '../../src/emulator/index';
import type {
  Emulator,
  EmulatorDialectName,
  EmulatorOptions,
  FaultOptions,
  FaultStats,
} from '../../src/emulator/index';
import { messageCreated } from './updates';

/**
 * What the bot sent since the emulator started. A sent text must end in `<seq>` (an integer
 * that grows within a chat), so order can be checked per chat.
 *
 * @example
 * const { unique, outOfOrder } = await emulator.sent();
 */
export interface SentSummary {
  /** Messages the emulator stored for the bot. */
  readonly total: number;
  /** Distinct (chat, text) pairs among them. */
  readonly unique: number;
  /** `total - unique`: the same reply stored twice. */
  readonly duplicated: number;
  /** Messages whose `seq` is below the previous one stored in the same chat. */
  readonly outOfOrder: number;
  /** Chats that got at least one message. */
  readonly chats: number;
}

/**
 * Settings for one emulator run.
 *
 * @example
 * const options: BenchEmulatorOptions = { faults: { latencyMs: 100 } };
 */
export interface BenchEmulatorOptions {
  /** The Bot API it speaks. Default `'tamtam'`; the peer's home is `'max'`. */
  readonly dialect?: EmulatorDialectName;
  /** Faults from the start (latency, rate limit). Default none. */
  readonly faults?: FaultOptions;
  /** Queue capacity. Default 200 000. */
  readonly maxQueuedUpdates?: number;
  /** The API's rate limit per token (`startEmulator`'s `rateLimit`). Default off, in both dialects. */
  readonly rateLimit?: EmulatorOptions['rateLimit'];
}

/**
 * An emulator prepared for benchmarks.
 *
 * @example
 * const emulator = await startLocalBenchEmulator();
 * await emulator.queueUserMessages(100, 10, 1);
 * // run a bot against emulator.url / emulator.token
 * await emulator.waitForSent(100, 10_000);
 */
export interface BenchEmulator {
  readonly url: string;
  readonly token: string;
  /**
   * Creates `users` users and has them write `count` messages to the bot (`m <user> <seq>`),
   * each user the same number of messages, the writers in a seeded random order — so a batch
   * holds several messages of some chats, and order within a chat matters.
   */
  queueUserMessages(count: number, users: number, seed: number): Promise<void>;
  /**
   * Resolves once a long poll waits in the emulator: the bot has polled and found nothing. On
   * Max a poll without a marker answers only the latest update, so a bot must have polled once
   * (and hold a marker) before its backlog is queued, or it would see only the last message.
   * Rejects after `timeoutMs`.
   */
  waitForPoll(timeoutMs: number): Promise<void>;
  /** Queues `count` synthetic `message_created` updates spread over `chats` dialogs (cheap to make). */
  injectMessages(count: number, chats: number): Promise<void>;
  /**
   * Feeds `total` synthetic updates over time: after every `GET /updates` the queue is topped
   * up to `high` once it fell below `low`. For runs too long to queue up front.
   */
  feed(total: number, chats: number, low: number, high: number): Promise<void>;
  /** Updates injected by `feed` so far. */
  fed(): Promise<number>;
  /** Dialogs with `count` new users; returns their chat ids. */
  createDialogs(count: number): Promise<number[]>;
  /** Replaces the fault settings. */
  setFaults(faults: FaultOptions): Promise<void>;
  /** Fault counters. */
  faultStats(): Promise<FaultStats>;
  /** What the bot sent so far. */
  sent(): Promise<SentSummary>;
  /** Resolves when the bot sent `count` messages (or rejects after `timeoutMs`). */
  waitForSent(count: number, timeoutMs: number): Promise<SentSummary>;
  /** Uncommitted updates in the queue. */
  pending(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts an in-process {@link BenchEmulator} on a free loopback port.
 *
 * @example
 * const emulator = await startLocalBenchEmulator({ faults: { latencyMs: 20 } });
 */
export async function startLocalBenchEmulator(options: BenchEmulatorOptions = {}): Promise<BenchEmulator> {
  let afterPoll: () => void = () => {};
  const emulator = await startEmulator({
    world: 'empty',
    token: 'bench-token',
    dialect: options.dialect ?? 'tamtam',
    faults: options.faults ?? {},
    rateLimit: options.rateLimit ?? false,
    maxQueuedUpdates: options.maxQueuedUpdates ?? 200_000,
    requestLogSize: 0,
    onRequest: (entry) => {
      if (entry.operation === 'getUpdates') afterPoll();
    },
  });
  const tracker = new SentTracker(emulator);
  let fed = 0;
  let nextSeq = 1;

  return {
    url: emulator.url,
    token: emulator.token,
    async queueUserMessages(count, users, seed) {
      const ids = Array.from({ length: users }, (_, i) => emulator.users.create({ name: `User ${i}` }).user_id);
      const writers = seededShuffle(
        Array.from({ length: count }, (_, i) => i % users),
        seed,
      );
      const seqs = new Array<number>(users).fill(0);
      for (const writer of writers) {
        seqs[writer] = (seqs[writer] as number) + 1;
        emulator.actAs(ids[writer] as number).sendToBot(`m ${writer} ${seqs[writer]}`);
      }
    },
    async waitForPoll(timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (emulator.updates.waiting() === 0) {
        if (performance.now() > deadline) throw new Error(`No long poll reached the emulator within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async injectMessages(count, chats) {
      for (let i = 0; i < count; i++) emulator.updates.inject(messageCreated(nextSeq++, chats));
    },
    async feed(total, chats, low, high) {
      const topUp = (): void => {
        const pending = emulator.updates.pending().length;
        if (pending >= low) return;
        const add = Math.min(high - pending, total - fed);
        for (let i = 0; i < add; i++) emulator.updates.inject(messageCreated(nextSeq++, chats));
        fed += add;
      };
      afterPoll = topUp;
      topUp();
    },
    async fed() {
      return fed;
    },
    async createDialogs(count) {
      return Array.from({ length: count }, (_, i) => {
        const user = emulator.users.create({ name: `Dialog user ${i}` });
        return emulator.chats.dialogWith(user.user_id).chat_id;
      });
    },
    async setFaults(faults) {
      emulator.faults.reset();
      emulator.faults.set(faults);
    },
    async faultStats() {
      return emulator.faults.stats();
    },
    async sent() {
      return tracker.summary();
    },
    waitForSent: (count, timeoutMs) => tracker.waitFor(count, timeoutMs),
    async pending() {
      return emulator.updates.pending().length;
    },
    async close() {
      tracker.dispose();
      await emulator.close();
    },
  };
}

/** Counts the bot's messages as the emulator stores them. */
class SentTracker {
  private total = 0;
  private readonly seen = new Set<string>();
  private readonly lastSeq = new Map<number, number>();
  private outOfOrder = 0;
  private waiter: { count: number; resolve: () => void } | undefined;
  private readonly off: () => void;

  constructor(emulator: Emulator) {
    const botId = emulator.bot.info().user_id;
    this.off = emulator.onEvent((event) => {
      if (event.type !== 'message_created' || event.message.sender?.user_id !== botId) return;
      const text = event.message.body.text ?? '';
      this.total += 1;
      this.seen.add(`${event.chatId}\u0000${text}`);
      const seq = Number(/(\d+)$/.exec(text)?.[1] ?? Number.NaN);
      const last = this.lastSeq.get(event.chatId);
      if (last !== undefined && seq < last) this.outOfOrder += 1;
      else this.lastSeq.set(event.chatId, seq);
      if (this.waiter !== undefined && this.total >= this.waiter.count) this.waiter.resolve();
    });
  }

  summary(): SentSummary {
    return {
      total: this.total,
      unique: this.seen.size,
      duplicated: this.total - this.seen.size,
      outOfOrder: this.outOfOrder,
      chats: this.lastSeq.size,
    };
  }

  waitFor(count: number, timeoutMs: number): Promise<SentSummary> {
    if (this.total >= count) return Promise.resolve(this.summary());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`The bot sent ${this.total} of ${count} messages within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        count,
        resolve: () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve(this.summary());
        },
      };
    });
  }

  dispose(): void {
    this.off();
  }
}

/** Fisher–Yates with a small seeded PRNG (mulberry32), so every run queues the same order. */
function seededShuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
