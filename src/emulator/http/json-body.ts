/**
 * Checks on JSON request bodies; every problem is a 400 naming the offending field path.
 */
import { badBody } from './api-error';

/**
 * A JSON object whose fields can be read with validation. `at` is the path used in messages
 * (`body`, `attachments[0].payload`, ...). `null` counts as absent for optional fields.
 *
 * @example
 * const body = JsonObject.parse(raw);
 * const text = body.string('text', { max: 4000 });
 */
export class JsonObject {
  constructor(
    /** The raw object. */
    readonly value: Readonly<Record<string, unknown>>,
    /** Where this object is, for error messages. */
    readonly at: string,
  ) {}

  /** Parses `raw` as a JSON object body; empty or invalid JSON is a 400. */
  static parse(raw: Buffer): JsonObject {
    const text = raw.toString('utf8');
    if (text.trim() === '') throw badBody('Request body is required (a JSON object)');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw badBody(`Request body is not valid JSON: ${(error as Error).message}`);
    }
    return JsonObject.of(parsed, 'body');
  }

  /** Wraps `value`, which must be a plain object. */
  static of(value: unknown, at: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw badBody(`\`${at}\` must be a JSON object, got ${describe(value)}`);
    }
    return new JsonObject(value as Record<string, unknown>, at);
  }

  /**
   * The value of own property `key`, or `undefined`: never one inherited from
   * `Object.prototype` (`constructor`, `__proto__`, `toString`...).
   */
  get(key: string): unknown {
    return Object.hasOwn(this.value, key) ? this.value[key] : undefined;
  }

  /** Whether `key` is present and not `null`. */
  has(key: string): boolean {
    const v = this.get(key);
    return v !== undefined && v !== null;
  }

  /** Path of a field, for messages. */
  path(key: string): string {
    return `${this.at}.${key}`;
  }

  /** Optional string with length bounds. */
  string(key: string, bounds: { min?: number; max?: number } = {}): string | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw badBody(`\`${this.path(key)}\` must be a string, got ${describe(v)}`);
    if (bounds.min !== undefined && v.length < bounds.min) {
      throw badBody(`\`${this.path(key)}\` must have at least ${bounds.min} characters`);
    }
    if (bounds.max !== undefined && v.length > bounds.max) {
      throw badBody(`\`${this.path(key)}\` must have at most ${bounds.max} characters, got ${v.length}`);
    }
    return v;
  }

  /** Required string with length bounds. */
  requiredString(key: string, bounds: { min?: number; max?: number } = {}): string {
    const v = this.string(key, bounds);
    if (v === undefined) throw badBody(`\`${this.path(key)}\` is required (a string)`);
    return v;
  }

  /** Optional boolean. */
  bool(key: string): boolean | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') throw badBody(`\`${this.path(key)}\` must be a boolean, got ${describe(v)}`);
    return v;
  }

  /** Optional safe integer. */
  int(key: string): number | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
      throw badBody(`\`${this.path(key)}\` must be an integer, got ${describe(v)}`);
    }
    return v;
  }

  /** Required finite number. */
  requiredNumber(key: string): number {
    const v = this.get(key);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw badBody(`\`${this.path(key)}\` is required (a number), got ${describe(v)}`);
    }
    return v;
  }

  /** Optional value out of `allowed`. */
  enumValue<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const v = this.string(key);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) {
      throw badBody(`\`${this.path(key)}\` must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
    }
    return v as T;
  }

  /** Optional nested object. */
  object(key: string): JsonObject | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    return JsonObject.of(v, this.path(key));
  }

  /** Optional array (items unchecked). */
  array(key: string, bounds: { max?: number } = {}): readonly unknown[] | undefined {
    const v = this.get(key);
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw badBody(`\`${this.path(key)}\` must be an array, got ${describe(v)}`);
    if (bounds.max !== undefined && v.length > bounds.max) {
      throw badBody(`\`${this.path(key)}\` must have at most ${bounds.max} items, got ${v.length}`);
    }
    return v;
  }

  /** Optional array of objects. */
  objects(key: string, bounds: { max?: number } = {}): JsonObject[] | undefined {
    return this.array(key, bounds)?.map((item, i) => JsonObject.of(item, `${this.path(key)}[${i}]`));
  }
}

/**
 * Short description of a JSON value's type for error messages.
 *
 * @example
 * describe([1]); // 'an array'
 */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  return `${typeof value} ${String(value)}`;
}
