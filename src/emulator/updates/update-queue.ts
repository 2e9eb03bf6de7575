/**
 * The long-polling update queue with the Bot API's marker semantics.
 */
import type { Update, UpdateList } from '../../types';

interface Entry {
  seq: number;
  update: Update;
}

interface Waiter {
  types: ReadonlySet<string> | undefined;
  wake: () => void;
}

/**
 * What one `GET /updates` asks for.
 *
 * @example
 * const q: UpdateQuery = { marker: 12, limit: 100, types: new Set(['message_created']) };
 */
export interface UpdateQuery {
  /** Commit every update before this position; `undefined` = read from the last commit. */
  marker: number | undefined;
  /** Maximum number of updates to return. */
  limit: number;
  /** Only these `update_type`s; `undefined` = all. */
  types: ReadonlySet<string> | undefined;
}

/**
 * Holds updates for long polling. Each update gets a sequence number (starting at 1).
 * Passing `marker` M commits (forgets) every update with a number below M; without a marker
 * reading starts at the last commit (TamTam) or at the latest update (Max). The answer's `marker` is the number after the last update
 * returned, so passing it back commits exactly what was returned. Updates filtered out by
 * `types` stay queued until a later marker passes them.
 *
 * @example
 * const queue = new UpdateQueue(10_000);
 * queue.push(update);
 * queue.read({ marker: undefined, limit: 100, types: undefined }); // { updates: [update], marker: 2 }
 */
export class UpdateQueue {
  /** Entries from index `start` on are queued; their `seq`s are consecutive. */
  private entries: Entry[] = [];
  private start = 0;
  private committed = 1;
  private nextSeq = 1;
  private waiters = new Set<Waiter>();

  constructor(
    /** Oldest uncommitted updates are dropped beyond this many. */
    private readonly capacity: number,
    /**
     * What a read without a marker returns: `'uncommitted'` (TamTam) everything since the last
     * commit; `'latest'` (Max) only the latest (wanted) update, the ones before it committed.
     */
    private readonly unmarked: 'uncommitted' | 'latest' = 'uncommitted',
  ) {}

  /** Appends an update and wakes long polls interested in its type. */
  push(update: Update): number {
    const seq = this.nextSeq++;
    this.entries.push({ seq, update });
    if (this.entries.length - this.start > this.capacity) this.commit(seq - this.capacity + 1);
    for (const waiter of [...this.waiters]) {
      if (!waiter.types || waiter.types.has(update.update_type)) waiter.wake();
    }
    return seq;
  }

  /** Commits per `query.marker`, then returns what is available now (maybe nothing). */
  read(query: UpdateQuery): UpdateList {
    this.commit(query.marker ?? this.latestMarker(query.types));
    const updates: Update[] = [];
    let last: number | undefined;
    for (let i = this.start; i < this.entries.length; i++) {
      const entry = this.entries[i] as Entry;
      if (updates.length >= query.limit) break;
      if (query.types && !query.types.has(entry.update.update_type)) continue;
      updates.push(entry.update);
      last = entry.seq;
    }
    return { updates, marker: last === undefined ? this.committed : last + 1 };
  }

  /**
   * Like {@link read}, but when nothing matches waits up to `timeoutMs` for a matching update
   * and answers as soon as one arrives. Aborting `signal` (client gone, server closing) ends the
   * wait with an empty list and releases the waiter.
   */
  async poll(query: UpdateQuery, timeoutMs: number, signal: AbortSignal): Promise<UpdateList> {
    const now = this.read(query);
    if (now.updates.length > 0 || timeoutMs <= 0 || signal.aborted) return now;
    await new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', finish);
        this.waiters.delete(waiter);
        resolve();
      };
      const waiter: Waiter = { types: query.types, wake: finish };
      const timer = setTimeout(finish, timeoutMs);
      signal.addEventListener('abort', finish, { once: true });
      this.waiters.add(waiter);
    });
    // The first read committed what it had to; what arrived while waiting is new. (`undefined`
    // would mean "only the latest" in Max mode and drop every other update of a burst.)
    return this.read({ ...query, marker: this.committed });
  }

  /** Number of long polls waiting right now. */
  get waiting(): number {
    return this.waiters.size;
  }

  /** Uncommitted updates, oldest first (copies of the references). */
  pending(): Update[] {
    return this.entries.slice(this.start).map((entry) => entry.update);
  }

  /** Wakes every waiting long poll (used on close). */
  wakeAll(): void {
    for (const waiter of [...this.waiters]) waiter.wake();
  }

  /** Without a marker in `'latest'` mode: the position of the latest wanted update (to commit what is before it). */
  private latestMarker(types: ReadonlySet<string> | undefined): number | undefined {
    if (this.unmarked !== 'latest') return undefined;
    for (let i = this.entries.length - 1; i >= this.start; i--) {
      const entry = this.entries[i] as Entry;
      if (!types || types.has(entry.update.update_type)) return entry.seq;
    }
    return undefined;
  }

  private commit(marker: number | undefined): void {
    if (marker === undefined) return;
    const upTo = Math.min(marker, this.nextSeq);
    if (upTo <= this.committed) return;
    this.committed = upTo;
    const first = this.entries[this.start];
    this.start =
      first === undefined ? this.entries.length : Math.min(this.entries.length, this.start + (upTo - first.seq));
    if (this.start > 1024 && this.start * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.start);
      this.start = 0;
    }
  }
}
