import { type BodyDeadlines, PendingBody } from './body-deadlines';
import type { BodyReadResult } from './read-body';

const encoder = /* @__PURE__ */ new TextEncoder();
const EMPTY = /* @__PURE__ */ new Uint8Array(0);

/**
 * One body being read, whatever delivers its chunks (Node stream events, a web stream's
 * reader, an async iterable): it keeps at most `limit` bytes, ends at its deadline and calls
 * `done` exactly once — with the bytes (`kind: 'bytes'`, decoded by the webhook) or why there
 * are none. The deadline is a shared {@link BodyDeadlines} list (no timer per body), or a
 * timer of its own (a number of ms) where requests must not share timers (Workers tie a timer
 * to the request that armed it). Past the limit or the deadline, `stop` is called so the
 * source stops sending. Internal.
 *
 * @example
 * const read = new BodyRead(1_048_576, 10_000, resolve, () => reader.cancel());
 * read.push(chunk); // false once the read is over
 * read.end();
 */
export class BodyRead extends PendingBody {
  readonly #limit: number;
  readonly #deadlines: BodyDeadlines | undefined;
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #done: (result: BodyReadResult) => void;
  readonly #stop: () => void;
  /** The first chunk; most bodies are one chunk, kept without an array. */
  #first: Uint8Array | undefined;
  #more: Uint8Array[] | undefined;
  #total = 0;
  #settled = false;

  constructor(
    limit: number,
    deadline: BodyDeadlines | number | undefined,
    done: (result: BodyReadResult) => void,
    stop: () => void,
  ) {
    super();
    this.#limit = limit;
    this.#done = done;
    this.#stop = stop;
    if (typeof deadline === 'number') this.#timer = setTimeout(() => this.expire(), deadline);
    else if (deadline !== undefined) {
      this.#deadlines = deadline;
      deadline.add(this);
    }
  }

  /** Whether `done` was called. */
  get settled(): boolean {
    return this.#settled;
  }

  /** Adds a chunk (bytes or text); `false` once the read is over (settled, or past the limit now). */
  push(chunk: unknown): boolean {
    if (this.#settled) return false;
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    if (!(bytes instanceof Uint8Array)) {
      this.#finish(
        { kind: 'unreadable', reason: 'the body stream yielded something other than bytes or text', drained: false },
        true,
      );
      return false;
    }
    this.#total += bytes.byteLength;
    if (this.#total > this.#limit) {
      this.#finish({ kind: 'too-large', drained: false }, true);
      return false;
    }
    if (this.#first === undefined) this.#first = bytes;
    else if (this.#more === undefined) this.#more = [this.#first, bytes];
    else this.#more.push(bytes);
    return true;
  }

  /** The body ended: `done` gets its bytes. */
  end(): void {
    this.#finish(undefined, false);
  }

  /** Reading failed (`reading the body failed (<why>)`). */
  fail(why: string): void {
    this.#finish({ kind: 'unreadable', reason: `reading the body failed (${why})`, drained: false }, false);
  }

  override expire(): void {
    this.#finish({ kind: 'timeout', drained: false }, true);
  }

  #finish(result: BodyReadResult | undefined, stop: boolean): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#deadlines?.remove(this);
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (stop) this.#stop();
    this.#done(result ?? { kind: 'bytes', bytes: this.#bytes() });
  }

  #bytes(): Uint8Array {
    if (this.#more === undefined) return this.#first ?? EMPTY;
    const bytes = new Uint8Array(this.#total);
    let offset = 0;
    for (const chunk of this.#more) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }
}
