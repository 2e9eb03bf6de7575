import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KEYBOARD_LIMITS, isKeyboardError, jsonPayloadCodec, payloadCodec } from '../../src/builders';

const order = payloadCodec('order', {
  id: 'int',
  note: 'string',
  price: 'number',
  rush: 'boolean',
  size: ['s', 'm', 'l'],
});

describe('payloadCodec', () => {
  it('encodes fields in declaration order, compactly', () => {
    expect(order.encode({ id: 42, note: 'ring twice', price: 9.5, rush: true, size: 'm' })).toBe(
      'order:42:ring twice:9.5:1:m',
    );
    expect(payloadCodec('ping', {}).encode({})).toBe('ping');
  });

  it('round-trips any valid value', () => {
    fc.assert(
      fc.property(
        fc.record({
          id: fc
            .maxSafeInteger()
            .chain(() => fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })),
          note: fc.string({ maxLength: 100 }),
          price: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
          rush: fc.boolean(),
          size: fc.constantFrom('s' as const, 'm' as const, 'l' as const),
        }),
        (value) => {
          expect(order.decode(order.encode(value))).toEqual({ ok: true, value });
        },
      ),
    );
  });

  it('strings may contain the separator and the escape character', () => {
    const note = payloadCodec('n', { a: 'string', b: 'string' });
    const value = { a: 'x:y%3A%25:', b: '' };
    expect(note.decode(note.encode(value))).toEqual({ ok: true, value });
  });

  it('calls payloads of other tags foreign', () => {
    expect(order.decode('vote:1:yes')).toMatchObject({ ok: false, reason: 'foreign' });
    expect(order.decode('orders:1')).toMatchObject({ ok: false, reason: 'foreign' });
    expect(order.decode('')).toMatchObject({ ok: false, reason: 'foreign' });
  });

  it('calls broken payloads of its own tag malformed, saying what is wrong, and never throws', () => {
    expect(order.decode('order:1:x:9:1')).toEqual({
      ok: false,
      reason: 'malformed',
      message: "'order' payloads have 5 field(s), this one has 4",
    });
    expect(order.decode('order:1.5:x:9:1:m')).toMatchObject({
      reason: 'malformed',
      message: expect.stringMatching(/field 'id' of 'order' is not a valid safe integer: "1.5"/),
    });
    expect(order.decode('order:1:x:NaN:1:m')).toMatchObject({
      reason: 'malformed',
      message: expect.stringMatching(/field 'price'/),
    });
    expect(order.decode('order:1:x:9:yes:m')).toMatchObject({
      reason: 'malformed',
      message: expect.stringMatching(/field 'rush'/),
    });
    expect(order.decode('order:1:x:9:1:xl')).toMatchObject({
      reason: 'malformed',
      message: expect.stringMatching(/field 'size' of 'order' is not a valid one of "s", "m", "l"/),
    });
    expect(order.decode('order:1:50%:9:1:m')).toMatchObject({
      reason: 'malformed',
      message: expect.stringMatching(/field 'note'/),
    });
    expect(order.decode('order:99999999999999999:x:9:1:m')).toMatchObject({ reason: 'malformed' });
    fc.assert(
      fc.property(fc.string(), (junk) => {
        const result = order.decode(`order:${junk}`);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
    expect(order.decode(undefined as unknown as string)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('refuses invalid values on encode, naming the field', () => {
    const bad = { id: 1.5, note: '', price: 1, rush: true, size: 's' } as const;
    expect(() => order.encode(bad)).toThrow(
      /payloadCodec\('order'\).encode: field 'id' must be a safe integer, got 1.5/,
    );
    expect(() => order.encode({ ...bad, id: 1, size: 'xl' as 's' })).toThrow(
      /field 'size' must be a one of "s", "m", "l", got "xl"/,
    );
    expect(() => order.encode({ ...bad, id: 1, price: Infinity })).toThrow(/field 'price' must be a finite number/);
    expect(() => order.encode(null as unknown as typeof bad)).toThrow(/expected an object, got null/);
  });

  it('refuses a payload over the schema limit of 1024 characters with a KeyboardError', () => {
    const note = payloadCodec('note', { text: 'string' });
    const fits = 'x'.repeat(KEYBOARD_LIMITS.callbackPayload - 'note:'.length);
    expect(note.encode({ text: fits })).toHaveLength(1024);
    let error: unknown;
    try {
      note.encode({ text: `${fits}y` });
    } catch (e) {
      error = e;
    }
    expect(isKeyboardError(error)).toBe(true);
    expect(error).toMatchObject({ limit: 'callbackPayload', max: 1024, actual: 1025 });
    expect(String(error)).toMatch(/'note' payload is 1025 characters; callback payloads hold at most 1024/);
  });

  it('counts length like String#length (an emoji is 2)', () => {
    const note = payloadCodec('e', { text: 'string' });
    expect(() => note.encode({ text: '😀'.repeat(510) })).not.toThrow(); // 2 + 1020 = 1022
    expect(() => note.encode({ text: '😀'.repeat(512) })).toThrow(/1026 characters/);
  });

  it('checks tags and field kinds when created', () => {
    expect(() => payloadCodec('a:b', {})).toThrow(/tag "a:b" must be 1-64 letters, digits/);
    expect(() => payloadCodec('', {})).toThrow(/tag "" must be/);
    expect(() => payloadCodec('x', { a: 'date' as 'string' })).toThrow(
      /field 'a' has kind "date"; use 'string', 'int'/,
    );
    expect(() => payloadCodec('x', { a: [] as unknown as ['a'] })).toThrow(/non-empty list of strings/);
  });
});

describe('jsonPayloadCodec', () => {
  const isPoint = (v: unknown): v is { x: number; y: number } =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { x?: unknown }).x === 'number' &&
    typeof (v as { y?: unknown }).y === 'number';
  const point = jsonPayloadCodec('pt', isPoint);

  it('round-trips and validates', () => {
    expect(point.encode({ x: 1, y: 2 })).toBe('pt:{"x":1,"y":2}');
    expect(point.decode('pt:{"x":1,"y":2}')).toEqual({ ok: true, value: { x: 1, y: 2 } });
    expect(point.decode('pt:{"x":1}')).toEqual({
      ok: false,
      reason: 'malformed',
      message: "'pt' payload failed validation",
    });
    expect(point.decode('pt:{x')).toEqual({
      ok: false,
      reason: 'malformed',
      message: "'pt' payload is not valid JSON",
    });
    expect(point.decode('other:{}')).toMatchObject({ reason: 'foreign' });
  });

  it('a throwing validator is a malformed payload, not a crash', () => {
    const strict = jsonPayloadCodec('s', (v: unknown): v is never => {
      throw new Error(`no ${String(v)}`);
    });
    expect(strict.decode('s:1')).toEqual({ ok: false, reason: 'malformed', message: "'s' validator threw: no 1" });
  });

  it('enforces the payload limit and refuses values JSON cannot hold', () => {
    const any = jsonPayloadCodec('a', (v: unknown): v is unknown => true);
    expect(() => any.encode('x'.repeat(1100))).toThrow(/callback payloads hold at most 1024/);
    expect(() => any.encode(undefined)).toThrow(/not JSON-serialisable/);
  });
});
