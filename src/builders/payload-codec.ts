/**
 * Typed callback payloads: encode a value into a button's payload when building the keyboard,
 * decode it when the press comes back as a `message_callback`.
 */
import { KeyboardError } from './keyboard-error';
import { KEYBOARD_LIMITS } from './limits';

/**
 * Outcome of {@link PayloadCodec.decode}: the value, or why the payload is not one —
 * `foreign` (another codec's or a hand-written payload) or `malformed` (this codec's tag, but
 * a broken body: a stale keyboard from an older bot version, or a forged press).
 *
 * @example
 * const r = vote.decode(payload);
 * if (r.ok) console.log(r.value.choice); else console.log(r.reason, r.message);
 */
export type DecodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: 'foreign' | 'malformed'; readonly message: string };

/**
 * Turns values of `T` into callback payloads and back. Payloads start with `tag`, so codecs
 * with different tags never read each other's payloads. `encode` throws a `KeyboardError` when
 * the payload would exceed the schema's 1024-character limit; `decode` never throws.
 * Implement it yourself for custom formats, or use {@link payloadCodec} / {@link jsonPayloadCodec}.
 *
 * @example
 * const vote = payloadCodec('vote', { poll: 'int', choice: ['yes', 'no'] });
 * callbackButton('Yes', vote, { poll: 7, choice: 'yes' }); // payload 'vote:7:yes'
 * updates$.pipe(callbackData(vote), map((u) => u.data.choice));
 */
export interface PayloadCodec<T> {
  /** Prefix that marks this codec's payloads. */
  readonly tag: string;
  /** The payload for `value`. Throws a TypeError for an invalid value, a KeyboardError when too long. */
  encode(value: T): string;
  /** The value in `payload`, or why there is none. Never throws. */
  decode(payload: string): DecodeResult<T>;
}

/**
 * The value type of a codec.
 *
 * @example
 * type Vote = PayloadOf<typeof vote>; // { poll: number; choice: 'yes' | 'no' }
 */
export type PayloadOf<C> = C extends PayloadCodec<infer T> ? T : never;

/**
 * Kind of one field of a {@link payloadCodec}: `'string'`, `'int'` (safe integer),
 * `'number'` (finite), `'boolean'`, or a list of allowed strings.
 *
 * @example
 * const kinds: PayloadFields = { id: 'int', note: 'string', done: 'boolean', size: ['s', 'm', 'l'] };
 */
export type PayloadFieldKind = 'string' | 'int' | 'number' | 'boolean' | readonly [string, ...string[]];

/**
 * Field names and kinds of a {@link payloadCodec}.
 *
 * @example
 * const fields = { page: 'int', sort: ['asc', 'desc'] } as const satisfies PayloadFields;
 */
export type PayloadFields = { readonly [name: string]: PayloadFieldKind };

type FieldValue<K> = K extends 'string'
  ? string
  : K extends 'int' | 'number'
    ? number
    : K extends 'boolean'
      ? boolean
      : K extends readonly (infer E)[]
        ? E
        : never;

/**
 * The value type described by some {@link PayloadFields}.
 *
 * @example
 * type Page = PayloadValue<{ page: 'int'; sort: readonly ['asc', 'desc'] }>; // { page: number; sort: 'asc' | 'desc' }
 */
export type PayloadValue<F extends PayloadFields> = { -readonly [N in keyof F]: FieldValue<F[N]> };

const TAG = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * A compact codec for flat records: `tag:field1:field2…` in the order the fields are declared
 * (`:` and `%` inside strings are escaped). Cheap on the 1024-character budget and readable in
 * logs. All fields are required; for nested data use {@link jsonPayloadCodec}.
 *
 * @example
 * const page = payloadCodec('page', { n: 'int', sort: ['asc', 'desc'] });
 * page.encode({ n: 2, sort: 'asc' }); // 'page:2:asc'
 * page.decode('page:2:asc');          // { ok: true, value: { n: 2, sort: 'asc' } }
 * page.decode('vote:1:yes');          // { ok: false, reason: 'foreign', ... }
 */
export function payloadCodec<const F extends PayloadFields>(tag: string, fields: F): PayloadCodec<PayloadValue<F>> {
  checkTag('payloadCodec', tag);
  if (typeof fields !== 'object' || fields === null)
    throw new TypeError(`payloadCodec('${tag}'): fields must be an object of field kinds, e.g. { id: 'int' }`);
  const entries = Object.entries(fields);
  for (const [name, kind] of entries) {
    const ok =
      kind === 'string' ||
      kind === 'int' ||
      kind === 'number' ||
      kind === 'boolean' ||
      (Array.isArray(kind) && kind.length > 0 && kind.every((v) => typeof v === 'string'));
    if (!ok) {
      throw new TypeError(
        `payloadCodec('${tag}'): field '${name}' has kind ${JSON.stringify(kind)}; use 'string', 'int', 'number', 'boolean' or a non-empty list of strings`,
      );
    }
  }
  return {
    tag,
    encode(value) {
      if (typeof value !== 'object' || value === null)
        throw new TypeError(
          `payloadCodec('${tag}').encode: expected an object, got ${value === null ? 'null' : typeof value}`,
        );
      const parts = entries.map(([name, kind]) =>
        encodeField(tag, name, kind, (value as Record<string, unknown>)[name]),
      );
      return checkLength(tag, [tag, ...parts].join(':'));
    },
    decode(payload) {
      if (typeof payload !== 'string') return malformed(`payload is ${typeof payload}, not a string`);
      if (payload !== tag && !payload.startsWith(`${tag}:`))
        return { ok: false, reason: 'foreign', message: `payload does not start with '${tag}:'` };
      const parts = payload === tag ? [] : payload.slice(tag.length + 1).split(':');
      if (parts.length !== entries.length)
        return malformed(`'${tag}' payloads have ${entries.length} field(s), this one has ${parts.length}`);
      const value: Record<string, unknown> = {};
      for (const [i, [name, kind]] of entries.entries()) {
        const parsed = decodeField(kind, parts[i] ?? '');
        if (parsed === INVALID)
          return malformed(
            `field '${name}' of '${tag}' is not a valid ${describeKind(kind)}: ${JSON.stringify(parts[i])}`,
          );
        value[name] = parsed;
      }
      return { ok: true, value: value as PayloadValue<F> };
    },
  };
}

/**
 * A codec that stores any JSON value as `tag:<json>`, checked on the way back by `validate`
 * (a type guard you write, or one from your schema library).
 *
 * @example
 * interface Cart { items: { sku: string; qty: number }[] }
 * const isCart = (v: unknown): v is Cart => typeof v === 'object' && v !== null && Array.isArray((v as Cart).items);
 * const cart = jsonPayloadCodec('cart', isCart);
 * callbackButton('Checkout', cart, { items: [{ sku: 'A1', qty: 2 }] });
 */
export function jsonPayloadCodec<T>(tag: string, validate: (value: unknown) => value is T): PayloadCodec<T> {
  checkTag('jsonPayloadCodec', tag);
  if (typeof validate !== 'function')
    throw new TypeError(`jsonPayloadCodec('${tag}'): pass a type guard (value: unknown) => value is T`);
  return {
    tag,
    encode(value) {
      const json = JSON.stringify(value);
      if (json === undefined) throw new TypeError(`jsonPayloadCodec('${tag}').encode: value is not JSON-serialisable`);
      return checkLength(tag, `${tag}:${json}`);
    },
    decode(payload) {
      if (typeof payload !== 'string') return malformed(`payload is ${typeof payload}, not a string`);
      if (!payload.startsWith(`${tag}:`))
        return { ok: false, reason: 'foreign', message: `payload does not start with '${tag}:'` };
      let value: unknown;
      try {
        value = JSON.parse(payload.slice(tag.length + 1));
      } catch {
        return malformed(`'${tag}' payload is not valid JSON`);
      }
      try {
        if (validate(value)) return { ok: true, value };
      } catch (error) {
        return malformed(`'${tag}' validator threw: ${error instanceof Error ? error.message : String(error)}`);
      }
      return malformed(`'${tag}' payload failed validation`);
    },
  };
}

const INVALID: unique symbol = Symbol('invalid');

function encodeField(tag: string, name: string, kind: PayloadFieldKind, value: unknown): string {
  const fail = (): never => {
    throw new TypeError(
      `payloadCodec('${tag}').encode: field '${name}' must be a ${describeKind(kind)}, got ${JSON.stringify(value) ?? typeof value}`,
    );
  };
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value.replace(/%/g, '%25').replace(/:/g, '%3A') : fail();
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : fail();
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? String(Object.is(value, -0) ? 0 : value) : fail();
    case 'boolean':
      return typeof value === 'boolean' ? (value ? '1' : '0') : fail();
    default:
      return typeof value === 'string' && kind.includes(value)
        ? value.replace(/%/g, '%25').replace(/:/g, '%3A')
        : fail();
  }
}

function decodeField(kind: PayloadFieldKind, raw: string): unknown {
  switch (kind) {
    case 'string':
      return decodePart(raw);
    case 'int':
      return /^-?(0|[1-9]\d*)$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : INVALID;
    case 'number': {
      const n = Number(raw);
      return raw !== '' && Number.isFinite(n) && String(n) === raw ? n : INVALID;
    }
    case 'boolean':
      return raw === '1' ? true : raw === '0' ? false : INVALID;
    default: {
      const value = decodePart(raw);
      return value !== INVALID && kind.includes(value) ? value : INVALID;
    }
  }
}

function decodePart(raw: string): string | typeof INVALID {
  if (/%(?!25|3A)/i.test(raw)) return INVALID;
  return raw.replace(/%3A/gi, ':').replace(/%25/g, '%');
}

function describeKind(kind: PayloadFieldKind): string {
  if (kind === 'int') return 'safe integer';
  if (kind === 'number') return 'finite number';
  if (typeof kind === 'string') return kind;
  return `one of ${kind.map((k) => JSON.stringify(k)).join(', ')}`;
}

function checkTag(factory: string, tag: string): void {
  if (typeof tag !== 'string' || !TAG.test(tag)) {
    throw new TypeError(
      `${factory}: tag ${JSON.stringify(tag)} must be 1-64 letters, digits, '_', '.' or '-' (no ':')`,
    );
  }
}

function checkLength(tag: string, payload: string): string {
  const max = KEYBOARD_LIMITS.callbackPayload;
  if (payload.length > max) {
    throw new KeyboardError(
      `'${tag}' payload is ${payload.length} characters; callback payloads hold at most ${max} — store the data elsewhere and put a key in the payload`,
      {
        limit: 'callbackPayload',
        max,
        actual: payload.length,
      },
    );
  }
  return payload;
}

function malformed(message: string): { readonly ok: false; readonly reason: 'malformed'; readonly message: string } {
  return { ok: false, reason: 'malformed', message };
}
