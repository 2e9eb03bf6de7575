/**
 * Typed, validated access to query parameters; every problem is a 400 naming the parameter.
 */
import { badParam } from './api-error';

/** Bounds for integer parameters. */
interface IntRange {
  min?: number;
  max?: number;
}

/**
 * Reads query parameters with validation. Empty values and the literal `null` count as absent.
 *
 * @example
 * const q = new QueryParams(url.searchParams);
 * const count = q.int('count', { min: 1, max: 100 }) ?? 50;
 */
export class QueryParams {
  constructor(private readonly params: URLSearchParams) {}

  /** Raw value, or `undefined` when missing, empty or `null`. */
  raw(name: string): string | undefined {
    const value = this.params.get(name);
    return value === null || value === '' || value === 'null' ? undefined : value;
  }

  /** An optional integer within `range`. */
  int(name: string, range: IntRange = {}): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    return parseInteger(value, `\`${name}\``, range);
  }

  /** A required integer within `range`. */
  requiredInt(name: string, range: IntRange = {}): number {
    const value = this.int(name, range);
    if (value === undefined) throw badParam(`Query parameter \`${name}\` is required (an integer)`);
    return value;
  }

  /** An optional non-empty string. */
  string(name: string): string | undefined {
    const value = this.params.get(name);
    return value === null || value === '' ? undefined : value;
  }

  /** A required non-blank string. */
  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value.trim() === '') {
      throw badParam(`Query parameter \`${name}\` is required (a non-empty string)`);
    }
    return value;
  }

  /** An optional boolean (`true`/`false`). */
  bool(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw badParam(`Query parameter \`${name}\` must be true or false, got ${JSON.stringify(value)}`);
  }

  /** A required value out of `allowed`. */
  requiredEnum<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.raw(name);
    if (value === undefined) {
      throw badParam(`Query parameter \`${name}\` is required (one of ${allowed.join(', ')})`);
    }
    if (!(allowed as readonly string[]).includes(value)) {
      throw badParam(`Query parameter \`${name}\` must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    }
    return value as T;
  }

  /** An optional comma-separated list of non-empty strings. */
  csv(name: string): string[] | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const items = value.split(',').map((item) => item.trim());
    if (items.some((item) => item === '')) {
      throw badParam(`Query parameter \`${name}\` must be a comma-separated list without empty items`);
    }
    return items;
  }

  /** An optional comma-separated list of integers. */
  intCsv(name: string): number[] | undefined {
    return this.csv(name)?.map((item, i) => parseInteger(item, `\`${name}\` item ${i + 1}`, {}));
  }
}

function parseInteger(value: string, what: string, range: IntRange): number {
  const n = /^-?\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw badParam(`${what} must be an integer, got ${JSON.stringify(value)}`);
  if ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max)) {
    throw badParam(`${what} must be between ${range.min ?? '-∞'} and ${range.max ?? '∞'}, got ${n}`);
  }
  return n;
}
