import type { RedisClient } from './client';
import { redisFailure } from './redis-failure';

/**
 * The shared rate state lives in one Redis hash; every read-modify-write of it is one Lua
 * script, which Redis runs atomically, with Redis's own clock (`TIME`), so the processes'
 * clocks never have to agree. Fields: `tat` (GCRA theoretical arrival time of the next request,
 * ms), `rate` (requests/s now, below the target after 429s), `halved` (last halving), `quiet`
 * (time from which quiet spells are counted for recovery), `paused` (no request before it: a
 * `Retry-After`).
 */
const PRELUDE = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + tonumber(clock[2]) / 1000
local target = tonumber(ARGV[1])
local recoverAfter = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local s = redis.call('HMGET', KEYS[1], 'tat', 'rate', 'halved', 'quiet', 'paused')
local tat = tonumber(s[1]) or 0
local rate = math.min(tonumber(s[2]) or target, target)
local halved = tonumber(s[3]) or 0
local quiet = tonumber(s[4]) or 0
local paused = tonumber(s[5]) or 0
if rate < target then
  if recoverAfter <= 0 then
    rate = target
  else
    local steps = math.floor((now - quiet) / recoverAfter)
    if steps >= 1 then
      rate = math.min(target, rate * 2 ^ math.min(steps, 16))
      quiet = quiet + steps * recoverAfter
    end
  end
end
local function persist()
  redis.call('HSET', KEYS[1], 'tat', tat, 'rate', rate, 'halved', halved, 'quiet', quiet, 'paused', paused)
  redis.call('PEXPIRE', KEYS[1], math.ceil(math.max(ttl, paused - now + 1000)))
end
`;

/**
 * Takes a slot if one is free now: returns 0 (slot taken), or the ms to wait before asking
 * again (nothing taken). ARGV 4..6: burst, ms the request has waited, catch-up allowance (ms).
 * A request that waited for its slot and asks a little late keeps the slot's time (up to the
 * catch-up allowance), so late wake-ups do not lower the rate; one that found the limiter idle
 * starts the clock now.
 */
const ACQUIRE = `${PRELUDE}
local burst = tonumber(ARGV[4])
local waited = tonumber(ARGV[5])
local catchUp = tonumber(ARGV[6])
local interval = 1000 / rate
local earliest = math.max(paused, tat - (burst - 1) * interval)
if now < earliest then
  return math.max(1, math.ceil(earliest - now))
end
tat = math.max(tat, paused, now - math.min(waited, catchUp)) + interval
persist()
return 0
`;

/**
 * A 429: pause every process until `Retry-After` (ARGV 4, ms, 0 = none) and, when adaptive
 * (ARGV 5 = 1), halve the shared rate (once a second at most, down to target / 16). Returns the
 * new rate as a string.
 */
const THROTTLED = `${PRELUDE}
local retryAfter = tonumber(ARGV[4])
local adaptive = tonumber(ARGV[5]) == 1
if retryAfter > 0 then paused = math.max(paused, now + retryAfter) end
if adaptive then
  quiet = now
  if now - halved >= 1000 then
    halved = now
    rate = math.max(target / 16, rate / 2)
  end
end
persist()
return tostring(rate)
`;

/** The shared rate now (recovery applied, nothing written), as a string. */
const RATE = `${PRELUDE}
return tostring(rate)
`;

/**
 * The three scripts of the shared limiter, sent once with `SCRIPT LOAD` and then called by
 * hash (`EVALSHA`); a server that forgot them (restart, `SCRIPT FLUSH`) gets them again.
 */
export const LIMITER_SCRIPTS = { acquire: ACQUIRE, throttled: THROTTLED, rate: RATE } as const;

/** Name of one of {@link LIMITER_SCRIPTS}. */
export type LimiterScript = keyof typeof LIMITER_SCRIPTS;

/**
 * Runs the limiter's scripts on one client with a deadline: a Redis that does not answer
 * within `timeout` ms (down, unreachable, the client reconnecting) fails the call with a
 * message saying so, rather than leaving a request waiting for ever.
 *
 * @example
 * const run = limiterScripts(client, 'bot:rate', 5_000);
 * await run('rate', [30, 5000, 60000]);
 */
export function limiterScripts(
  client: RedisClient,
  key: string,
  timeout: number,
): (script: LimiterScript, args: readonly number[]) => Promise<unknown> {
  const hashes = new Map<LimiterScript, Promise<string>>();
  const load = (script: LimiterScript): Promise<string> => {
    let hash = hashes.get(script);
    if (hash === undefined) {
      hash = client.scriptLoad(LIMITER_SCRIPTS[script]).then(String);
      hashes.set(script, hash);
      hash.catch(() => hashes.delete(script));
    }
    return hash;
  };
  const call = async (script: LimiterScript, args: readonly number[], signal: AbortSignal): Promise<unknown> => {
    const options = { keys: [key], arguments: args.map(String) };
    const sha = await load(script);
    try {
      return await client.withAbortSignal(signal).evalSha(sha, options);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      hashes.delete(script);
      return client.withAbortSignal(signal).evalSha(await load(script), options);
    }
  };
  return (script, args) => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(
          new Error(
            `redisRateLimiter: Redis did not answer within ${timeout} ms (key "${key}"); is the server running and the client connected?`,
          ),
        );
      }, timeout);
    });
    const answer = call(script, args, abort.signal).catch((error: unknown) => {
      throw redisFailure(`redisRateLimiter: the script "${script}" on key "${key}" failed`, error);
    });
    return Promise.race([answer, deadline]).finally(() => clearTimeout(timer));
  };
}
