import { describe, expect, it } from 'vitest';
import { DeliveryMemory, fingerprint } from '../../../src/sources/webhook/delivery-memory';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const body = (n: number): string =>
  `{"update_type":"bot_started","timestamp":${n},"chat_id":1,"user":{"user_id":${n}}}`;

/** `text`'s bytes placed at `offset` inside a larger buffer, as a socket read hands them over. */
function at(offset: number, text: string): Uint8Array {
  const bytes = encode(text);
  const buffer = new Uint8Array(offset + bytes.byteLength + 3);
  buffer.set(bytes, offset);
  return buffer.subarray(offset, offset + bytes.byteLength);
}

describe('DeliveryMemory: the last N bodies a webhook emitted', () => {
  it('recognises a body emitted again, as bytes or as text', () => {
    const memory = new DeliveryMemory(100);
    expect(memory.remember(encode(body(1)))).toBe(false);
    expect(memory.remember(encode(body(2)))).toBe(false);
    expect(memory.remember(body(1))).toBe(true);
    expect(memory.remember(at(3, body(2)))).toBe(true);
  });

  it('forgets the oldest bodies beyond its capacity, across many wraps of its ring', () => {
    const memory = new DeliveryMemory(50);
    for (let n = 0; n < 1_000; n += 1) expect(memory.remember(body(n))).toBe(false);
    // the last 50 are remembered, the 51st from the end is forgotten
    expect(memory.remember(body(999))).toBe(true);
    expect(memory.remember(body(951))).toBe(true);
    expect(memory.remember(body(900))).toBe(false);
  });

  it('a body emitted again stays remembered for another full capacity', () => {
    const memory = new DeliveryMemory(3);
    memory.remember(body(1));
    memory.remember(body(2));
    expect(memory.remember(body(1))).toBe(true); // refreshed: now the newest
    memory.remember(body(3));
    memory.remember(body(4));
    expect(memory.remember(body(1))).toBe(true);
    expect(memory.remember(body(2))).toBe(false); // not refreshed: forgotten
  });

  it('answers like a model of the last N recordings, through wraps, refreshes and growth of its table', () => {
    // a small deterministic generator: bodies drawn from a pool about twice the capacity, so
    // refreshes, evictions and probe collisions in the table (backward-shift deletes) all happen
    let seed = 12_345;
    const random = (below: number): number => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return (seed >>> 8) % below;
    };
    for (const capacity of [1, 2, 3, 7, 50, 1_500]) {
      const memory = new DeliveryMemory(capacity);
      const lastRecorded = new Map<number, number>();
      for (let emission = 0; emission < capacity * 12 + 200; emission += 1) {
        const n = random(capacity * 2 + 1);
        const recorded = lastRecorded.get(n);
        const expected = recorded !== undefined && recorded >= emission - capacity;
        expect(memory.remember(body(n)), `capacity ${capacity}, emission ${emission}, body ${n}`).toBe(expected);
        lastRecorded.set(n, emission);
      }
    }
  });

  it('remembers nothing with capacity 0', () => {
    const memory = new DeliveryMemory(0);
    expect(memory.remember(body(1))).toBe(false);
    expect(memory.remember(body(1))).toBe(false);
  });
});

describe('fingerprint', () => {
  it('depends only on the bytes, not on where they sit in their buffer', () => {
    const text = body(42);
    const expected = fingerprint(encode(text));
    for (let offset = 0; offset < 8; offset += 1) expect(fingerprint(at(offset, text))).toBe(expected);
  });

  it('changes with any single byte, at the start, in the middle and at the end, and with the length', () => {
    const text = body(7);
    const base = fingerprint(encode(text));
    for (const index of [0, 1, 2, 3, Math.floor(text.length / 2), text.length - 2, text.length - 1]) {
      const changed = encode(text);
      changed[index] = (changed[index] ?? 0) ^ 1;
      expect(fingerprint(changed)).not.toBe(base);
    }
    expect(fingerprint(encode(`${text} `))).not.toBe(base);
    expect(fingerprint(new Uint8Array(0))).not.toBe(fingerprint(new Uint8Array(1)));
  });

  it('is a safe integer, distinct over many similar bodies', () => {
    const seen = new Set<number>();
    for (let n = 0; n < 20_000; n += 1) {
      const key = fingerprint(encode(body(n)));
      expect(Number.isSafeInteger(key) && key >= 0).toBe(true);
      seen.add(key);
    }
    expect(seen.size).toBe(20_000);
  });
});
