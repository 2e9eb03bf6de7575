import type { Subscriber } from 'rxjs';
import { InFlightUpdates } from '../delivery/in-flight';
import { markRedelivery } from '../delivery/redelivery';
import { classifyUpdate } from '../sources/classify-update';
import type { Update } from '../types/index';
import type { RedisClient } from './client';
import { acquireLeases, releaseLeases, renewLeases } from './lease';
import { fairShare, heartbeat, leave } from './membership';
import { partitionStreamKey } from './partition';
import { RedisScript } from './script';
import { type RawEntry, claimReply, readReply } from './stream-entry';
import type { ResolvedStreamSourceOptions } from './stream-source-options';
import type { RedisStreamStatus } from './stream-status';

/** A partition this session owns. */
interface Owned {
  readonly index: number;
  readonly stream: string;
  readonly lease: string;
  /** `replaying` until the previous owner's pending entries are emitted, then `reading`; `releasing` when handed over. */
  state: 'replaying' | 'reading' | 'releasing';
  /** Local time until which the lease surely holds (renewal sent + 80 % of the lease). */
  validUntil: number;
}

/** `XACK`, and with ARGV[2] = '1' `XDEL`, of the ids ARGV[3…] in stream KEYS[1] for group ARGV[1], atomically. */
const ACK = new RedisScript(`
local ids = {}
for i = 3, #ARGV do ids[#ids + 1] = ARGV[i] end
redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
if ARGV[2] == '1' then redis.call('XDEL', KEYS[1], unpack(ids)) end
return #ids
`);
/** Most ids per ack script (Lua's unpack has a stack limit). */
const ACK_CHUNK = 1_000;
/** Safety margin: a lease counts as held for 80 % of its time from when its renewal was sent. */
const VALID_SHARE = 0.8;
/** Bound of the claim loop of one takeover (each round claims up to `batch` entries). */
const MAX_CLAIM_ROUNDS = 100_000;

/**
 * One subscription of a {@link fromRedisStream} worker: the lease loop (renew, heartbeat,
 * rebalance) on the caller's client, and the read loop (replays, then `XREADGROUP`) on a
 * connection of its own, since a blocking read occupies it.
 */
export class StreamSession {
  readonly #owned = new Map<number, Owned>();
  /** Updates emitted per partition and not yet settled (kept across a partition's loss). */
  readonly #busy = new Map<number, number>();
  readonly #inFlight = new InFlightUpdates();
  readonly #redeliver: { index: number; entry: RawEntry }[] = [];
  readonly #acks = new Map<number, string[]>();
  /** Acks whose write failed: written again on the next lease round and before a handover. */
  readonly #failedAcks: { readonly index: number; readonly ids: readonly string[] }[] = [];
  readonly #ackWrites = new Set<Promise<void>>();
  readonly #groups = new Set<number>();
  readonly #token: string;
  readonly #members: string;
  #reader: RedisClient | undefined;
  #readerId: string | undefined;
  #stopping = false;
  #disposed = false;
  #wake: (() => void) | undefined;
  #tickTimer: ReturnType<typeof setTimeout> | undefined;
  #stopped: Promise<number> | undefined;
  /** The lease loop's current round, which `stop()` lets finish before releasing. */
  #ticking: Promise<void> = Promise.resolve();
  /** The read in progress (settles, never rejects), which a release waits for. */
  #reading: Promise<unknown> = Promise.resolve();
  /** The read loop, which `stop()` lets finish (its last read's entries are emitted). */
  #readLoopDone: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: RedisClient,
    private readonly options: ResolvedStreamSourceOptions,
    private readonly subscriber: Subscriber<Update>,
    private readonly report: (status: RedisStreamStatus) => void,
  ) {
    this.#token = `${options.consumer}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    this.#members = `${options.prefix}:workers:${options.group}`;
  }

  /** Runs until stopped or disposed. */
  async run(): Promise<void> {
    try {
      const reader = this.client.duplicate();
      reader.on('error', () => {}); // reported through the failing commands
      await reader.connect();
      this.#reader = reader;
      if (this.#disposed || this.#stopping) return;
      this.#readerId = String(await reader.sendCommand(['CLIENT', 'ID']));
      this.report({ type: 'started', consumer: this.options.consumer });
      void this.#tickLoop();
      this.#readLoopDone = this.#readLoop(reader);
      await this.#readLoopDone;
    } catch (error) {
      if (!this.#disposed && !this.#stopping) this.subscriber.error(error);
    }
  }

  /** Graceful stop; resolves with the number of updates still unsettled after `stopTimeout`. */
  stop(): Promise<number> {
    this.#stopped ??= (async () => {
      this.#stopping = true;
      this.#interrupt();
      await this.#readLoopDone;
      const unfinished = await this.#inFlight.settled({ timeout: this.options.stopTimeout });
      await this.#flushAcks();
      await this.#ticking;
      const leases = [...this.#owned.values()];
      this.#owned.clear();
      await this.#quietly('release', () =>
        releaseLeases(
          this.client,
          leases.map((p) => p.lease),
          this.#token,
        ),
      );
      for (const p of leases) this.report({ type: 'released', partition: p.index, reason: 'stop' });
      await this.#quietly('leave', () => leave(this.client, this.#members, this.#token, this.options.leaseMs));
      this.#closeReader();
      return unfinished;
    })();
    return this.#stopped;
  }

  /** Completes the stream after a graceful stop. */
  complete(): void {
    if (!this.#disposed) this.subscriber.complete();
  }

  /** Abrupt end (every subscriber left): held updates stay pending; leases handed back at once. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#interrupt();
    this.#closeReader();
    if (this.#stopping) return;
    const leases = [...this.#owned.values()].map((p) => p.lease);
    this.#owned.clear();
    void releaseLeases(this.client, leases, this.#token).catch(() => {});
    void leave(this.client, this.#members, this.#token, this.options.leaseMs).catch(() => {});
  }

  get #live(): boolean {
    return !this.#stopping && !this.#disposed;
  }

  #interrupt(): void {
    if (this.#tickTimer !== undefined) clearTimeout(this.#tickTimer);
    this.#wakeUp();
  }

  #closeReader(): void {
    const reader = this.#reader;
    this.#reader = undefined;
    if (reader?.isOpen === true) reader.destroy();
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
    if (this.#readerId !== undefined && this.#reader !== undefined) {
      void this.client.sendCommand(['CLIENT', 'UNBLOCK', this.#readerId]).catch(() => {});
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  async #quietly(operation: string, call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      this.report({ type: 'redis_error', operation, error });
      return false;
    }
  }

  // ── the lease loop ────────────────────────────────────────────────────────────────────

  async #tickLoop(): Promise<void> {
    while (this.#live) {
      this.#ticking = this.#quietly('rebalance', () => this.#tick()).then(() => {});
      await this.#ticking;
      if (!this.#live) return;
      await new Promise<void>((resolve) => {
        this.#tickTimer = setTimeout(resolve, Math.floor(this.options.leaseMs / 4));
      });
    }
  }

  async #tick(): Promise<void> {
    const { leaseMs, partitions } = this.options;
    // a lease whose renewal came too late is lost here, before renewing: entries may have been
    // refused meanwhile, and only a takeover (after the expiry) replays them
    for (const p of [...this.#owned.values()]) if (Date.now() >= p.validUntil) this.#lose(p);
    this.#retryFailedAcks();
    const held = [...this.#owned.values()];
    const sent = Date.now();
    if (held.length > 0) {
      const kept = await renewLeases(
        this.client,
        held.map((p) => p.lease),
        this.#token,
        leaseMs,
      );
      held.forEach((p, i) => {
        if (kept[i] === true && this.#owned.get(p.index) === p) p.validUntil = sent + leaseMs * VALID_SHARE;
      });
    }
    for (const p of [...this.#owned.values()]) if (Date.now() >= p.validUntil) this.#lose(p);
    if (!this.#live) return;

    const workers = await heartbeat(this.client, this.#members, this.#token, leaseMs);
    if (!this.#live) return;
    const target = fairShare(partitions, workers.length);
    const active = [...this.#owned.values()].filter((p) => p.state !== 'releasing');
    if (active.length > target) {
      for (const p of active.sort((a, b) => b.index - a.index).slice(0, active.length - target)) {
        p.state = 'releasing';
      }
    } else if (active.length < target) {
      const rank = Math.max(0, workers.indexOf(this.#token));
      const start = Math.floor((rank * partitions) / Math.max(1, workers.length));
      const candidates: number[] = [];
      for (let k = 0; k < partitions; k++) {
        const index = (start + k) % partitions;
        if (!this.#owned.has(index) && (this.#busy.get(index) ?? 0) === 0) candidates.push(index);
      }
      const asked = Date.now();
      const taken = await acquireLeases(
        this.client,
        candidates.map((i) => this.#leaseKey(i)),
        this.#token,
        leaseMs,
        target - active.length,
      );
      const keys = taken.map((position) => this.#leaseKey(candidates[position] ?? -1));
      if (!this.#live) {
        await releaseLeases(this.client, keys, this.#token);
        return;
      }
      for (const position of taken) {
        const index = candidates[position];
        if (index === undefined) continue;
        await this.#ensureGroup(index);
        this.#owned.set(index, {
          index,
          stream: partitionStreamKey(this.options.prefix, index),
          lease: this.#leaseKey(index),
          state: 'replaying',
          validUntil: asked + leaseMs * VALID_SHARE,
        });
        this.report({ type: 'acquired', partition: index });
      }
      if (taken.length > 0) this.#wakeUp();
    }
    for (const p of [...this.#owned.values()]) if (p.state === 'releasing') await this.#finishRelease(p);
    if (this.#disposed && this.#owned.size > 0) {
      // disposed during this round: hand back what it took meanwhile
      const late = [...this.#owned.values()].map((p) => p.lease);
      this.#owned.clear();
      await releaseLeases(this.client, late, this.#token);
    }
  }

  #leaseKey(index: number): string {
    return `${this.options.prefix}:lease:${this.options.group}:${index}`;
  }

  async #ensureGroup(index: number): Promise<void> {
    if (this.#groups.has(index)) return;
    const stream = partitionStreamKey(this.options.prefix, index);
    try {
      await this.client.sendCommand(['XGROUP', 'CREATE', stream, this.options.group, '0', 'MKSTREAM']);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('BUSYGROUP')) throw error;
    }
    this.#groups.add(index);
  }

  /** Hands a releasing partition over once nothing of it is being handled and its acks are written. */
  async #finishRelease(p: Owned): Promise<void> {
    if (this.#owned.get(p.index) !== p) return;
    // a read still blocked on its stream would take entries after the next owner's replay:
    // end it (what it took is emitted: the partition is still ours) before handing over
    this.#wakeUp();
    await this.#reading;
    if ((this.#busy.get(p.index) ?? 0) > 0 || this.#owned.get(p.index) !== p) return;
    this.#owned.delete(p.index);
    await this.#flushAcks();
    await releaseLeases(this.client, [p.lease], this.#token);
    this.report({ type: 'released', partition: p.index, reason: 'rebalance' });
  }

  /**
   * A renewal overdue or refused: stop taking the partition's updates. A lease that may still
   * be ours is left to expire rather than deleted, which gives handlers already running the
   * rest of its time before another worker takes the partition over.
   */
  #lose(p: Owned): void {
    if (this.#owned.get(p.index) !== p) return;
    this.#owned.delete(p.index);
    this.report({ type: 'lost', partition: p.index });
    this.#wakeUp(); // a blocked read must not take more of its entries
  }

  // ── the read loop ─────────────────────────────────────────────────────────────────────

  async #readLoop(reader: RedisClient): Promise<void> {
    const { batch, block, maxInFlight, group, consumer } = this.options;
    let failures = 0;
    while (this.#live) {
      if (this.#inFlight.size >= maxInFlight) {
        await this.#sleep(block);
        continue;
      }
      try {
        if (this.#redeliver.length > 0) {
          for (const { index, entry } of this.#redeliver.splice(0)) this.#emit(index, entry, true);
          continue;
        }
        const replaying = [...this.#owned.values()].find((p) => p.state === 'replaying');
        if (replaying !== undefined) {
          await this.#replay(reader, replaying);
          continue;
        }
        const now = Date.now();
        const readable = [...this.#owned.values()].filter((p) => p.state === 'reading' && now < p.validUntil);
        if (readable.length === 0) {
          await this.#sleep(block);
          continue;
        }
        const count = Math.max(1, Math.min(batch, maxInFlight - this.#inFlight.size));
        const streams = readable.map((p) => p.stream);
        const read = reader.sendCommand([
          'XREADGROUP',
          'GROUP',
          group,
          consumer,
          'COUNT',
          String(count),
          'BLOCK',
          String(block),
          'STREAMS',
          ...streams,
          ...streams.map(() => '>'),
        ]);
        this.#reading = read.catch(() => {});
        const reply = await read;
        failures = 0;
        for (const [stream, entries] of readReply(reply)) {
          const p = readable.find((r) => r.stream === stream);
          if (p === undefined) continue;
          for (const entry of entries) this.#emit(p.index, entry, false);
        }
      } catch (error) {
        if (!this.#live) return;
        failures += 1;
        if (error instanceof Error && error.message.startsWith('NOGROUP')) this.#groups.clear();
        this.report({ type: 'redis_error', operation: 'read', error });
        await this.#sleep(Math.min(2_000, 50 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** Emits, flagged, the entries of `p` that previous owners left unacknowledged; then reads it. */
  async #replay(reader: RedisClient, p: Owned): Promise<void> {
    const { group, consumer, batch } = this.options;
    let cursor = '0-0';
    let count = 0;
    for (let round = 0; round < MAX_CLAIM_ROUNDS && this.#live && this.#owned.get(p.index) === p; round++) {
      const claimed = claimReply(
        await reader.sendCommand(['XAUTOCLAIM', p.stream, group, consumer, '0', cursor, 'COUNT', String(batch)]),
      );
      for (const entry of claimed.entries) if (this.#emit(p.index, entry, true)) count += 1;
      cursor = claimed.cursor;
      if (cursor === '0-0') break;
    }
    if (this.#owned.get(p.index) !== p || !this.#live) return;
    p.state = 'reading';
    if (count > 0) this.report({ type: 'replayed', partition: p.index, count });
  }

  /**
   * Emits one entry if its partition is still surely ours; `false` leaves it pending for the
   * partition's next owner, who replays it.
   */
  #emit(index: number, entry: RawEntry, redelivery: boolean): boolean {
    // (also while stopping or releasing: what the last read took is handled, not left behind)
    const p = this.#owned.get(index);
    if (this.#disposed || p === undefined) return false;
    if (Date.now() >= p.validUntil) {
      this.#lose(p);
      return false;
    }
    let value: unknown;
    try {
      value = JSON.parse(entry.fields.get('update') ?? '');
    } catch {
      value = entry.fields.get('update');
    }
    const result = classifyUpdate(value, this.options.knownTypes);
    if (result.kind !== 'known') {
      if (result.kind === 'unknown') this.report({ type: 'unknown_update', update: result.update });
      else this.report({ type: 'invalid_update', value, reason: result.reason });
      this.#ack(index, entry.id);
      return false;
    }
    const update = result.update;
    if (redelivery) markRedelivery(update);
    this.#busy.set(index, (this.#busy.get(index) ?? 0) + 1);
    const settle = (): void => {
      const left = (this.#busy.get(index) ?? 1) - 1;
      if (left > 0) this.#busy.set(index, left);
      else this.#busy.delete(index);
      this.#wakeIfWaiting();
    };
    this.#inFlight.emit(update, (u) => this.subscriber.next(u), {
      handled: () => {
        this.#ack(index, entry.id);
        settle();
      },
      abandoned: () => {
        if (this.#live) this.#redeliver.push({ index, entry });
        settle();
      },
    });
    return true;
  }

  #wakeIfWaiting(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  // ── acknowledgements ──────────────────────────────────────────────────────────────────

  #ack(index: number, id: string): void {
    const ids = this.#acks.get(index);
    if (ids !== undefined) {
      ids.push(id);
      return;
    }
    this.#acks.set(index, [id]);
    if (this.#acks.size === 1) queueMicrotask(() => this.#writeAcks());
  }

  #writeAcks(): void {
    const drop = this.options.deleteHandled ? '1' : '0';
    for (const [index, all] of this.#acks) {
      const stream = partitionStreamKey(this.options.prefix, index);
      for (let from = 0; from < all.length; from += ACK_CHUNK) {
        const ids = all.slice(from, from + ACK_CHUNK);
        const write = ACK.run(this.client, [stream], [this.options.group, drop, ...ids]).then(
          () => {},
          (error: unknown) => {
            // tried again on the next lease round; until written they stay pending, and should
            // the partition change hands meanwhile, its next owner replays them, flagged
            this.report({ type: 'redis_error', operation: 'ack', error });
            if (!this.#disposed) this.#failedAcks.push({ index, ids });
          },
        );
        this.#ackWrites.add(write);
        void write.finally(() => this.#ackWrites.delete(write));
      }
    }
    this.#acks.clear();
  }

  #retryFailedAcks(): void {
    for (const { index, ids } of this.#failedAcks.splice(0)) for (const id of ids) this.#ack(index, id);
  }

  async #flushAcks(): Promise<void> {
    this.#retryFailedAcks();
    if (this.#acks.size > 0) this.#writeAcks();
    await Promise.allSettled([...this.#ackWrites]);
  }
}
