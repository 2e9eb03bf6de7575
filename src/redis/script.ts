import { createHash } from 'node:crypto';
import type { RedisClient } from './client';

/**
 * A Lua script run with `EVALSHA`, falling back to `EVAL` (which loads it) after a `NOSCRIPT`
 * answer, so it costs its source text once per server, not once per call.
 *
 * @example
 * const touch = new RedisScript(`return redis.call('PEXPIRE', KEYS[1], ARGV[1])`);
 * await touch.run(client, ['key'], ['1000']);
 */
export class RedisScript {
  /** The script's SHA-1, as `EVALSHA` names it. */
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /**
   * Runs the script; resolves with its raw reply.
   *
   * @example
   * const reply = await script.run(client, [key], [token]);
   */
  async run(client: RedisClient, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await client.sendCommand(['EVALSHA', this.sha, ...tail]);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return await client.sendCommand(['EVAL', this.source, ...tail]);
    }
  }
}
