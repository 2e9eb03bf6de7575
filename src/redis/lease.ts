/**
 * Partition leases: a key per partition holding its owner's token, with an expiry. Only the
 * owner renews or releases it (compare-and-pexpire, compare-and-delete), so a worker that lost
 * its lease can never extend or drop another worker's.
 */
import type { RedisClient } from './client';
import { RedisScript } from './script';

/** Takes up to ARGV[3] of the free KEYS (SET NX PX); answers their 0-based positions. */
const ACQUIRE = new RedisScript(`
local got = {}
local most = tonumber(ARGV[3])
for i, key in ipairs(KEYS) do
  if #got >= most then break end
  if redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2]) then got[#got + 1] = i - 1 end
end
return got
`);

/** Extends each of KEYS still holding ARGV[1]; answers 1 (renewed) or 0 (lost) per key. */
const RENEW = new RedisScript(`
local kept = {}
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
    kept[i] = 1
  else
    kept[i] = 0
  end
end
return kept
`);

/** Deletes each of KEYS still holding ARGV[1]. */
const RELEASE = new RedisScript(`
local n = 0
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then n = n + redis.call('DEL', key) end
end
return n
`);

/**
 * Takes at most `most` of the free leases `keys` (in that order) for `token`, for `ms`;
 * resolves with the positions (in `keys`) of those taken.
 *
 * @example
 * const taken = await acquireLeases(client, ['bot:lease:w:0', 'bot:lease:w:1'], token, 10_000, 1); // e.g. [1]
 */
export async function acquireLeases(
  client: RedisClient,
  keys: readonly string[],
  token: string,
  ms: number,
  most: number,
): Promise<number[]> {
  if (keys.length === 0 || most < 1) return [];
  return numbers(await ACQUIRE.run(client, keys, [token, String(ms), String(most)]));
}

/**
 * Extends the leases `keys` that `token` still holds to `ms` from now; resolves with one
 * boolean per key: `false` for a lease lost (expired, or taken by another worker).
 *
 * @example
 * const [kept] = await renewLeases(client, ['bot:lease:w:3'], token, 10_000);
 */
export async function renewLeases(
  client: RedisClient,
  keys: readonly string[],
  token: string,
  ms: number,
): Promise<boolean[]> {
  if (keys.length === 0) return [];
  return numbers(await RENEW.run(client, keys, [token, String(ms)])).map((n) => n === 1);
}

/**
 * Deletes the leases `keys` that `token` still holds (others are left alone), so another
 * worker can take them at once.
 *
 * @example
 * await releaseLeases(client, ['bot:lease:w:3'], token);
 */
export async function releaseLeases(client: RedisClient, keys: readonly string[], token: string): Promise<void> {
  if (keys.length === 0) return;
  await RELEASE.run(client, keys, [token]);
}

function numbers(reply: unknown): number[] {
  return Array.isArray(reply) ? reply.map(Number) : [];
}
