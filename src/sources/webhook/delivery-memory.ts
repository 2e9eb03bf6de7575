/**
 * Recognising a webhook request the TamTam server sends again (a retry after a non-200 answer,
 * a timeout or a lost answer), so the update can be flagged with `isRedelivery`.
 */

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * Remembers the bodies of the last `capacity` updates a webhook emitted, as 53-bit hashes of
 * their bytes (not the bodies), oldest forgotten first. A body given as text is hashed as its
 * UTF-8 bytes, so the same body is recognised whichever way an adapter read it. Constant time
 * per body and nothing allocated for it: the hashes sit in a ring in emission order (the
 * oldest is overwritten), kept as two 32-bit halves in typed arrays, and an open-addressing
 * table (linear probing, at most half full) holds each hash with its latest place in the ring
 * (a body emitted again stays remembered for another `capacity` emissions); a body costs two
 * probes of the table, each usually one cache line. Both are allocated on the first body
 * (32–56 bytes per remembered body: about 470 kB for the default 10 000).
 *
 * @example
 * const memory = new DeliveryMemory(10_000);
 * memory.remember(bytes); // false: first time
 * memory.remember(bytes); // true: delivered before
 */
export class DeliveryMemory {
  readonly #capacity: number;
  /** High and low halves of the hashes, by ring slot. */
  #high = new Int32Array(0);
  #low = new Int32Array(0);
  /** Entries of three numbers: high half, low half, ring slot + 1 (0: empty entry). */
  #table = new Int32Array(0);
  /** Entries in the table minus one (a power of two minus one). */
  #mask = 0;
  /** Ring slots in use (up to `capacity`). */
  #filled = 0;
  /** The slot the next body goes to. */
  #next = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Records `body` and says whether it was recorded before (within the last `capacity`). */
  remember(body: Uint8Array | string): boolean {
    if (this.#capacity === 0) return false;
    if (this.#mask === 0) this.#allocate();
    hash(typeof body === 'string' ? encoder.encode(body) : body);
    const high = hashHigh;
    const low = hashLow;
    const slot = this.#next;
    let seen = false;
    if (this.#filled === this.#capacity) {
      const oldHigh = this.#high[slot] ?? 0;
      const oldLow = this.#low[slot] ?? 0;
      // the oldest body is this one: still remembered (it leaves and comes back below)
      seen = oldHigh === high && oldLow === low;
      // the oldest body leaves, unless it was recorded again since (its entry then points elsewhere)
      const entry = this.#find(oldHigh, oldLow);
      if ((this.#table[entry + 2] ?? 0) === slot + 1) this.#delete(entry);
    } else this.#filled = slot + 1;
    this.#high[slot] = high;
    this.#low[slot] = low;
    const entry = this.#find(high, low);
    const table = this.#table;
    if ((table[entry + 2] ?? 0) === 0) {
      table[entry] = high;
      table[entry + 1] = low;
    } else seen = true;
    table[entry + 2] = slot + 1;
    this.#next = slot + 1 === this.#capacity ? 0 : slot + 1;
    return seen;
  }

  /** The offset of the hash's entry, or of the empty entry where it would go. */
  #find(high: number, low: number): number {
    const table = this.#table;
    const mask = this.#mask;
    // at most half full, so an empty entry ends every probe run long before the bound
    for (let index = high & mask, step = 0; step <= mask; index = (index + 1) & mask, step += 1) {
      const entry = index * 3;
      if ((table[entry + 2] ?? 0) === 0 || (table[entry] === high && table[entry + 1] === low)) return entry;
    }
    throw new Error('DeliveryMemory: the table is full; this is a bug in tamtam-rx');
  }

  /** Empties the entry at `offset`, moving later entries of its probe run back (no tombstones). */
  #delete(offset: number): void {
    const table = this.#table;
    const mask = this.#mask;
    let hole = offset / 3;
    for (let probe = (hole + 1) & mask, step = 1; step <= mask; probe = (probe + 1) & mask, step += 1) {
      const entry = probe * 3;
      if ((table[entry + 2] ?? 0) === 0) break;
      const home = (table[entry] ?? 0) & mask;
      // the entry may move into the hole unless its home lies cyclically in (hole, probe]
      const stays = hole <= probe ? home > hole && home <= probe : home > hole || home <= probe;
      if (!stays) {
        table.copyWithin(hole * 3, entry, entry + 3);
        hole = probe;
      }
    }
    table[hole * 3 + 2] = 0;
  }

  /** The ring, and a table at most half full. */
  #allocate(): void {
    this.#high = new Int32Array(this.#capacity);
    this.#low = new Int32Array(this.#capacity);
    let size = 2;
    while (size < this.#capacity * 2) size *= 2;
    this.#table = new Int32Array(size * 3);
    this.#mask = size - 1;
  }
}

/** Bodies up to this size are hashed through the shared scratch words (larger ones get their own). */
const SCRATCH_BYTES = 64 * 1024;
/**
 * Aligned words the bytes are copied into (one `memcpy`), allocated with the first body and grown
 * on demand up to {@link SCRATCH_BYTES}. Empty until then: a module-level value built from
 * another one (`new Uint8Array(scratch.buffer)`) cannot be dropped by a bundler, so every app
 * importing the published build would carry this module.
 */
let scratch = /* @__PURE__ */ new Int32Array(0);
let scratchBytes = /* @__PURE__ */ new Uint8Array(0);
/** The halves of the last {@link hash}: 32 bits and 21 bits (no number above 2^31 is built per body). */
let hashHigh = 0;
let hashLow = 0;

/**
 * A 53-bit hash of `bytes` (a safe integer): two independent 32-bit multiply-xor hashes over
 * 4-byte words, seeded with the length, each finished with MurmurHash3's mixer; 32 bits of one
 * and 21 of the other are kept. Two bodies among the 10 000 remembered collide with a chance of
 * about 1 in 10^12. The bytes are copied into aligned scratch words and read through an
 * `Int32Array` (4× fewer steps than a string hash over UTF-16 code units); the words always
 * start at the body's first byte, so the hash does not depend on where the bytes sit in their
 * buffer.
 *
 * @example
 * fingerprint(new TextEncoder().encode('{"update_type":"bot_started"}')); // a safe integer below 2 ** 53
 */
export function fingerprint(bytes: Uint8Array): number {
  hash(bytes);
  return (hashHigh >>> 0) * 0x200000 + hashLow;
}

/** Sets {@link hashHigh} and {@link hashLow} to the halves of `bytes`' {@link fingerprint}. */
function hash(bytes: Uint8Array): void {
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
  hashHigh = mix(a);
  hashLow = mix(b) >>> 11;
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function mix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
