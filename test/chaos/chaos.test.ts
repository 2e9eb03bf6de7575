/**
 * The chaos proof of the delivery guarantee: a bot process (fixtures/chaos-bot.ts) long-polls
 * the emulator on a file marker store through `command(...)` + `perChat(...)` while the
 * emulator injects every fault it has (429, 500, 503 bursts, connections dropped before and
 * after the headers, truncated and non-JSON bodies, stalled bodies), and the process is killed
 * and restarted again and again:
 * - SIGKILL at any instant: nothing lost, every duplicate flagged by `isRedelivery` (read through
 *   the derived update), per chat the handled order is the sent order apart from flagged replays;
 * - SIGTERM → `stop()`: nothing lost, nothing duplicated, per chat exactly the sent order.
 *
 * The fault plan is seeded: the n-th API request meets the same fault in every run, and the
 * seed is one whose first requests include every kind of fault, soon enough that every run
 * makes them (see {@link EVERY_FAULT_WITHIN}). The child is bundled once with esbuild, because starting it through tsx costs
 * seconds per restart on a busy machine, and the next process boots while the current one runs.
 * Every wait is bounded and every child is killed in the end, whatever happens. CHAOS_REPORT=1
 * prints each phase's rounds, fault counters, exits and the bots' events.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type FaultOptions } from '../../src/emulator/index';
import { mulberry32 } from '../../src/emulator/faults/prng';
import { waitFor } from '../../src/testing/index';

const SEED = 1109;
/** Every fault the emulator has, at a few percent each (about a quarter of all requests fail). */
const FAULTS: FaultOptions = {
  seed: SEED,
  tooManyRequests: { probability: 0.03, retryAfterSeconds: null },
  serverErrorProbability: 0.03,
  burst503: { probability: 0.02, length: 2 },
  dropConnectionProbability: 0.03,
  dropAfterHeadersProbability: 0.03,
  malformedBodyProbability: 0.03,
  nonJsonBodyProbability: 0.03,
  stalledBodyProbability: 0.015,
};
/**
 * With {@link SEED}, the first this many requests meet every kind of fault, and among them are
 * only 16 that pass untouched: the fewest a run can do with (300 updates need 15 polls of at
 * most 20, and the last bot process one `getSubscriptions`). So every run meets every fault.
 */
const EVERY_FAULT_WITHIN = 29;
const CHATS = 20;
const MESSAGES = 300;
const RESTARTS = 10;
/**
 * Long polling retries transient faults at start-up (`getSubscriptions`) forever, like its
 * polls, so the bot process must never exit on its own; the seeded plan hits start-up too
 * (the very first request is a 500).
 */
const STRICT_START = true;

const fixture = resolve(import.meta.dirname, 'fixtures/chaos-bot.ts');
let root: string;
let bundle: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tamtam-rx-chaos-'));
  bundle = join(root, 'chaos-bot.mjs');
  await build({
    entryPoints: [fixture],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'silent',
  });
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Sent {
  readonly chatId: number;
  readonly seq: number;
}
interface Handled {
  readonly mid: string;
  readonly redelivered: boolean;
}
interface Exit {
  readonly pid: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Exited before the test signalled it. */
  readonly own: boolean;
  readonly stderr: string;
}

/** One bot's world: an emulator with faults, its users and chats, the files and processes of the bot. */
class Harness {
  readonly sent = new Map<string, Sent>();
  readonly byChat = new Map<number, string[]>();
  readonly exits: Exit[] = [];
  readonly live = new Set<ChildProcess>();
  readonly trace: string[] = [];
  private spare: ChildProcess | undefined;
  private readonly random = mulberry32(SEED);
  private readonly users: number[] = [];

  private constructor(
    readonly emulator: Emulator,
    readonly dir: string,
  ) {
    for (let i = 0; i < CHATS; i++) this.users.push(emulator.users.create({ name: `Chaos ${i}` }).user_id);
  }

  static async create(name: string): Promise<Harness> {
    const dir = join(root, name);
    return new Harness(await startEmulator({ world: 'empty', faults: FAULTS }), mkdtempSync(`${dir}-`));
  }

  /** Sends `count` commands, each from a (seeded) random user in the user's dialog with the bot. */
  feed(count: number): void {
    for (let i = 0; i < count && this.sent.size < MESSAGES; i++) {
      const userId = this.users[Math.floor(this.random() * this.users.length)] as number;
      const message = this.emulator.actAs(userId).sendToBot(`/n ${this.sent.size}`);
      const chatId = message.recipient.chat_id as number;
      const inChat = this.byChat.get(chatId) ?? [];
      this.byChat.set(chatId, inChat);
      this.sent.set(message.body.mid, { chatId, seq: inChat.length });
      inChat.push(message.body.mid);
    }
  }

  /** Starts the bot in a new process: one booted ahead of time, while the previous one ran. */
  start(): ChildProcess {
    const child = this.spare ?? this.boot();
    started.add(child);
    child.stdin?.write('go\n');
    this.spare = this.boot();
    return child;
  }

  /** A process that loads the bot and waits for "go" on stdin (exit records only for started ones). */
  private boot(): ChildProcess {
    const child = spawn(process.execPath, [bundle], {
      env: {
        ...process.env,
        BASE_URL: this.emulator.url,
        TOKEN: this.emulator.token,
        STORE: join(this.dir, 'store.json'),
        LOG: join(this.dir, 'handled.log'),
        EVENTS: join(this.dir, 'events.log'),
      },
      stdio: ['pipe', 'ignore', 'pipe'], // stdin kept open: the bot exits when it closes
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
    this.live.add(child);
    child.once('exit', (code, signal) => {
      this.live.delete(child);
      if (!started.has(child)) return;
      this.exits.push({
        pid: child.pid ?? -1,
        code,
        signal,
        own: child.signalCode === null && !signalled.has(child),
        stderr,
      });
    });
    return child;
  }

  handled(): Handled[] {
    return lines(join(this.dir, 'handled.log')).map((line) => {
      const [mid = '', flag] = line.split(' ');
      return { mid, redelivered: flag === '1' };
    });
  }

  events(pid?: number): string[] {
    const all = lines(join(this.dir, 'events.log'));
    return pid === undefined
      ? all
      : all.filter((line) => line.startsWith(`${pid} `)).map((line) => line.slice(line.indexOf(' ') + 1));
  }

  startedAt(child: ChildProcess, t0: number): string {
    const line = this.events(child.pid).find((e) => e.startsWith('started'));
    return line === undefined ? '-' : `${Number(line.split(' ')[2]) - t0}`;
  }

  distinctHandled(): number {
    return new Set(this.handled().map((h) => h.mid)).size;
  }

  allHandled(): boolean {
    const seen = new Set(this.handled().map((h) => h.mid));
    return [...this.sent.keys()].every((mid) => seen.has(mid));
  }

  report(): string {
    return [
      ...this.trace,
      JSON.stringify(this.emulator.faults.stats()),
      JSON.stringify(this.exits.map((e) => [e.code, e.signal, e.own])),
      ...this.events(),
    ].join('\n');
  }

  async close(): Promise<void> {
    if (process.env['CHAOS_REPORT']) console.info(this.report());
    for (const child of this.live) child.kill('SIGKILL');
    await Promise.all([...this.live].map((child) => exited(child, 5_000).catch(() => {})));
    await this.emulator.close();
  }
}

/** Processes told to start the bot, and those the test signalled. */
const started = new WeakSet<ChildProcess>();
const signalled = new WeakSet<ChildProcess>();

function lines(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

function exited(child: ChildProcess, timeout: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`bot process ${child.pid} did not exit within ${timeout} ms`)),
      timeout,
    );
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const isAlive = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

/**
 * Runs one phase: before each of `RESTARTS + 1` bot processes a share of the messages is sent;
 * each process but the last is signalled with `signal` either as soon as it has started (mid
 * replay) or after a (seeded) number of newly handled updates; the last one runs until every
 * message is handled and is then stopped with SIGTERM. A process that exits on its own is
 * started again.
 */
async function runPhase(h: Harness, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  const schedule = mulberry32(SEED + 1);
  const share = Math.ceil(MESSAGES / (RESTARTS + 1));
  for (let round = 0; round <= RESTARTS; round++) {
    const t0 = Date.now();
    h.feed(share);
    const last = round === RESTARTS;
    let child = h.start();
    if (!last) {
      const handledBefore = h.distinctHandled();
      const early = round % 4 === 1; // kill right after start-up: while replaying what the last one left
      const enough = 3 + Math.floor(schedule() * 15);
      await waitFor(
        () => {
          if (!isAlive(child)) return true; // exited on its own: the next round starts another
          if (early) return h.events(child.pid).some((e) => e.startsWith('started'));
          return h.distinctHandled() - handledBefore >= enough || h.allHandled();
        },
        {
          what: `bot process ${round} to reach its ${early ? 'start' : `${enough} newly handled updates`}`,
          timeout: 20_000,
          interval: 10,
        },
      );
    } else {
      // the last round runs to the end, started again (a bounded number of times) if it exits on its own
      for (let respawns = 0; ; respawns++) {
        await waitFor(() => h.allHandled() || !isAlive(child), {
          what: 'every message handled',
          timeout: 30_000,
          interval: 20,
        });
        if (h.allHandled()) break;
        expect(respawns, 'the bot keeps exiting on its own').toBeLessThan(10);
        child = h.start();
      }
    }
    if (isAlive(child)) {
      signalled.add(child);
      child.kill(last ? 'SIGTERM' : signal);
      await exited(child, 20_000);
    }
    h.trace.push(
      `round ${round}: ${Date.now() - t0} ms (started at ${h.startedAt(child, t0)}), handled ${h.distinctHandled()} (${h.handled().length} lines)`,
    );
  }
}

function duplicatesOf(handled: readonly Handled[]): Handled[] {
  const seen = new Set<string>();
  return handled.filter((h) => (seen.has(h.mid) ? true : (seen.add(h.mid), false)));
}

/** Per chat: the sequence numbers of handled lines, in handled order. */
function handledByChat(h: Harness, handled: readonly Handled[]): Map<number, { seq: number; redelivered: boolean }[]> {
  const byChat = new Map<number, { seq: number; redelivered: boolean }[]>();
  for (const line of handled) {
    const sent = h.sent.get(line.mid);
    if (sent === undefined) continue; // reported as foreign below
    const list = byChat.get(sent.chatId) ?? [];
    byChat.set(sent.chatId, list);
    list.push({ seq: sent.seq, redelivered: line.redelivered });
  }
  return byChat;
}

function expectNothingLostNothingForeign(h: Harness, handled: readonly Handled[]): void {
  const seen = new Set(handled.map((l) => l.mid));
  expect(
    [...h.sent.keys()].filter((mid) => !seen.has(mid)),
    'lost updates',
  ).toEqual([]);
  expect(
    [...seen].filter((mid) => !h.sent.has(mid)),
    'handled updates nobody sent',
  ).toEqual([]);
  expect(h.sent.size).toBe(MESSAGES);
}

function expectEveryFaultInjected(h: Harness): void {
  const stats = h.emulator.faults.stats();
  expect(stats.requests).toBeGreaterThanOrEqual(EVERY_FAULT_WITHIN);
  for (const kind of [
    'rateLimited',
    'serverErrors',
    'unavailable',
    'dropped',
    'droppedAfterHeaders',
    'malformed',
    'nonJson',
    'stalled',
  ] as const) {
    expect(stats[kind], kind).toBeGreaterThan(0);
  }
}

/** Runs `body` on a fresh harness, then kills what is left of its bot processes and closes its emulator. */
async function withHarness(name: string, body: (h: Harness) => Promise<void>): Promise<void> {
  const h = await Harness.create(name);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}

function expectStartFailures(h: Harness): void {
  const own = h.exits.filter((e) => e.own);
  if (STRICT_START) expect(own, 'the bot must never exit on its own').toEqual([]);
  // whatever ended a process on its own was an error the stream reported, never a crash
  for (const exit of own) expect(exit.code, exit.stderr).toBe(2);
}

// The two phases run at once, each on its own emulator, files and processes: most of a phase is
// waiting (polls, timeouts of stalled bodies, backoff, process start-ups), so the file takes
// the time of the longer phase rather than of both.
describe.concurrent('chaos: long polling on a file store through command + perChat, every fault, restarts', () => {
  it(`SIGKILL ${RESTARTS} times: nothing lost, every duplicate flagged by isRedelivery, per-chat order kept`, async () => {
    await withHarness('kill', async (h) => {
      await runPhase(h, 'SIGKILL');

      const handled = h.handled();
      expectNothingLostNothingForeign(h, handled);
      const duplicates = duplicatesOf(handled);
      expect(
        duplicates.filter((d) => !d.redelivered),
        'duplicates not flagged by isRedelivery',
      ).toEqual([]);
      for (const [chatId, list] of handledByChat(h, handled)) {
        const firsts: number[] = [];
        const seen = new Set<number>();
        for (const { seq } of list) if (!seen.has(seq)) seen.add(seq), firsts.push(seq);
        expect(firsts, `chat ${chatId}: first handlings in sent order`).toEqual(firsts.map((_, i) => i));
        const fresh = list.filter((l) => !l.redelivered).map((l) => l.seq);
        expect(fresh, `chat ${chatId}: unflagged handlings never go back`).toEqual([...fresh].sort((a, b) => a - b));
        expect(new Set(fresh).size, `chat ${chatId}: no update handled twice unflagged`).toBe(fresh.length);
      }
      const kills = h.exits.filter((e) => !e.own && e.signal === 'SIGKILL');
      expect(kills.length).toBeGreaterThanOrEqual(RESTARTS - h.exits.filter((e) => e.own).length);
      expectEveryFaultInjected(h);
      expectStartFailures(h);
    });
  }, 120_000);

  it(`SIGTERM → stop() ${RESTARTS} times: nothing lost, nothing duplicated, per-chat order exact`, async () => {
    await withHarness('term', async (h) => {
      await runPhase(h, 'SIGTERM');

      const handled = h.handled();
      expectNothingLostNothingForeign(h, handled);
      expect(duplicatesOf(handled), 'duplicates').toEqual([]);
      expect(
        handled.filter((l) => l.redelivered),
        'redeliveries',
      ).toEqual([]);
      for (const [chatId, list] of handledByChat(h, handled)) {
        expect(
          list.map((l) => l.seq),
          `chat ${chatId}: handled in sent order`,
        ).toEqual(list.map((_, i) => i));
      }
      // every process the test stopped stopped gracefully, with nothing left unfinished
      expect(h.exits.filter((e) => !e.own).map((e) => [e.code, e.signal])).toEqual(
        h.exits.filter((e) => !e.own).map(() => [0, null]),
      );
      expectEveryFaultInjected(h);
      expectStartFailures(h);
    });
  }, 120_000);
});
