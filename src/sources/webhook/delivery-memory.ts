/**
 * Recognising a webhook request the TamTam server sends again (a retry after a non-200 answer,
 * a timeout or a lost answer), so the update can be flagged with `isRedelivery`.
 */

/**
 * Remembers the bodies of the last `capacity` updates a webhook emitted, as 64-bit hashes
 * with the length (not the bodies), oldest forgotten first.
 *
 * @example
 * const memory = new DeliveryMemory(10_000);
 * memory.remember(text); // false: first time
 * memory.remember(text); // true: delivered before
 */
export class DeliveryMemory {
  readonly #seen = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** Records `body` and says whether it was recorded before (within the last `capacity`). */
  remember(body: string): boolean {
    if (this.capacity === 0) return false;
    const key = fingerprint(body);
    if (this.#seen.has(key)) {
      // refresh: a body retried again and again stays recognised
      this.#seen.delete(key);
      this.#seen.add(key);
      return true;
    }
    this.#seen.add(key);
    if (this.#seen.size > this.capacity) {
      const oldest = this.#seen.values().next();
      if (oldest.done !== true) this.#seen.delete(oldest.value);
    }
    return false;
  }
}

/** Two independent 32-bit FNV-1a style hashes of the UTF-16 code units, plus the length. */
function fingerprint(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}
