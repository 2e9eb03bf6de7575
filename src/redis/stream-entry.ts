/**
 * Parsing raw stream replies (`XREADGROUP`, `XAUTOCLAIM` through `sendCommand`), for RESP2
 * (arrays of pairs) and RESP3 (maps) alike.
 */

/**
 * One stream entry as the ingress wrote it.
 *
 * @example
 * const entry: RawEntry = { id: '1700000000000-0', fields: new Map([['update', '{...}']]) };
 */
export interface RawEntry {
  readonly id: string;
  readonly fields: ReadonlyMap<string, string>;
}

/**
 * The entries of an `XREADGROUP` reply, by stream key (`null`, a timeout, gives none).
 *
 * @example
 * for (const [stream, entries] of readReply(await reader.sendCommand(['XREADGROUP', ...]))) { ... }
 */
export function readReply(reply: unknown): Map<string, RawEntry[]> {
  const byStream = new Map<string, RawEntry[]>();
  if (reply === null || reply === undefined) return byStream;
  const pairs: [unknown, unknown][] = Array.isArray(reply)
    ? reply.filter(Array.isArray).map((pair: unknown[]) => [pair[0], pair[1]])
    : reply instanceof Map
      ? [...reply.entries()]
      : typeof reply === 'object'
        ? Object.entries(reply)
        : [];
  for (const [name, entries] of pairs) byStream.set(String(name), entryList(entries));
  return byStream;
}

/**
 * An `XAUTOCLAIM` reply: the cursor to continue from (`'0-0'` when done) and the claimed entries
 * (entries deleted meanwhile are left out).
 *
 * @example
 * const { cursor, entries } = claimReply(await client.sendCommand(['XAUTOCLAIM', stream, group, me, '0', '0-0']));
 */
export function claimReply(reply: unknown): { cursor: string; entries: RawEntry[] } {
  if (!Array.isArray(reply)) return { cursor: '0-0', entries: [] };
  return { cursor: String(reply[0]), entries: entryList(reply[1]) };
}

function entryList(value: unknown): RawEntry[] {
  if (!Array.isArray(value)) return [];
  const entries: RawEntry[] = [];
  for (const item of value) {
    if (!Array.isArray(item) || item.length < 2) continue; // a deleted entry (nil)
    const [id, raw] = item as [unknown, unknown];
    const fields = new Map<string, string>();
    if (Array.isArray(raw)) {
      for (let i = 0; i + 1 < raw.length; i += 2) fields.set(String(raw[i]), String(raw[i + 1]));
    } else if (raw instanceof Map) {
      for (const [k, v] of raw) fields.set(String(k), String(v));
    }
    entries.push({ id: String(id), fields });
  }
  return entries;
}
