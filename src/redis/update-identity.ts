import { createHash } from 'node:crypto';

/**
 * The default identity of an update for the ingress's dedupe: a SHA-1 (hex) of its JSON with
 * object keys sorted, so the same update delivered again (from a marker store's replay or a
 * webhook retry, whatever the key order) has the same identity.
 *
 * @example
 * canonicalIdentity({ b: 1, a: 2 }) === canonicalIdentity({ a: 2, b: 1 }); // true
 */
export function canonicalIdentity(update: object): string {
  return createHash('sha1').update(canonicalJson(update)).digest('hex');
}

/**
 * JSON with object keys sorted at every depth (`undefined` fields left out, as `JSON.stringify` does).
 *
 * @example
 * canonicalJson({ b: [1, { d: 1, c: 2 }], a: null }); // '{"a":null,"b":[1,{"c":2,"d":1}]}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}
