/**
 * Recognising a webhook request the TamTam server sends again (a retry after a non-200 answer,
 * a timeout or a lost answer), so the update can be flagged with `isRedelivery`.
 */

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * Remembers the bodies of the last `capacity` updates a webhook emitted, as 53-bit hashes of
 * their bytes (not the bodies), oldest forgotten first. A body given as text is hashed as its
 * UTF-8 bytes, so the same body is recognised whichever way an adapter read it. Constant time
 * per body: the hashes sit in a ring in emission order (the oldest is overwritten) and in a
 * `Map` from hash to its latest place in the ring (a body emitted again stays remembered for
 * another `capacity` emissions).
 *
 * @example
 * const memory = new DeliveryMemory(10_000);
 * memory.remember(bytes); // false: first time
 * memory.remember(bytes); // true: delivered before
 */
export class DeliveryMemory {
  /** Hash → the emission number that last recorded it. */
  readonly #latest = new Map<number, number>();
  /** Hashes by emission number modulo `capacity` (grows up to `capacity`, then wraps). */
  readonly #ring: number[] = [];
  readonly #capacity: number;
  #emissions = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Records `body` and says whether it was recorded before (within the last `capacity`). */
  remember(body: Uint8Array | string): boolean {
    if (this.#capacity === 0) return false;
    const key = fingerprint(typeof body === 'string' ? encoder.encode(body) : body);
    const seen = this.#latest.has(key);
    const emission = this.#emissions;
    this.#emissions = emission + 1;
    const slot = emission % this.#capacity;
    if (emission >= this.#capacity) {
      const oldest = this.#ring[slot] ?? 0;
      // forget it unless it was recorded again since
      if (this.#latest.get(oldest) === emission - this.#capacity) this.#latest.delete(oldest);
      this.#ring[slot] = key;
    } else this.#ring.push(key);
    this.#latest.set(key, emission);
    return seen;
  }
}

/** Bodies up to this size are hashed through the shared scratch words (larger ones get their own). */
const SCRATCH_BYTES = 64 * 1024;
/** Aligned words the bytes are copied into (one `memcpy`), grown on demand up to {@link SCRATCH_BYTES}. */
let scratch = new Int32Array(256);
let scratchBytes = new Uint8Array(scratch.buffer);

/**
 * A 53-bit hash of `bytes` (a safe integer, so a `Set` keeps it without building a string):
 * two independent 32-bit multiply-xor hashes over 4-byte words, seeded with the length, each
 * finished with MurmurHash3's mixer; 32 bits of one and 21 of the other are kept. Two bodies
 * among the 10 000 remembered collide with a chance of about 1 in 10^12. The bytes are copied
 * into aligned scratch words and read through an `Int32Array` (4× fewer steps than a string
 * hash over UTF-16 code units); the words always start at the body's first byte, so the hash
 * does not depend on where the bytes sit in their buffer.
 *
 * @example
 * fingerprint(new TextEncoder().encode('{"update_type":"bot_started"}')); // a safe integer below 2 ** 53
 */
export function fingerprint(bytes: Uint8Array): number {
  const length = bytes.byteLength;
  const count = length >> 2;
  let words = scratch;
  if (length > SCRATCH_BYTES) {
    words = new Int32Array(count + 1);
    new Uint8Array(words.buffer).set(bytes);
  } else {
    if (scratch.length <= count) {
      scratch = new Int32Array(Math.min(SCRATCH_BYTES >> 2, count * 2) + 1);
      scratchBytes = new Uint8Array(scratch.buffer);
      words = scratch;
    }
    scratchBytes.set(bytes);
  }
  let a = 0x811c9dc5 ^ length;
  let b = 0x5bd1e995 ^ length;
  for (let w = 0; w < count; w += 1) {
    const c = words[w] ?? 0;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  for (let i = count << 2; i < length; i += 1) {
    const c = bytes[i] ?? 0;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (mix(a) >>> 0) * 0x200000 + (mix(b) >>> 11);
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function mix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
