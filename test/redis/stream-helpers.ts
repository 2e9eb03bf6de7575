/**
 * Shared by the stream tests: one throwaway redis-server per test file, a fresh key prefix per
 * test, writing updates through the real ingress, and reading what is left in the streams.
 */
import { createClient } from 'redis';
import { from, lastValueFrom, toArray } from 'rxjs';
import type { RedisClient } from '../../src/redis/client';
import { partitionStreamKey, toRedisStream, type StreamWrite } from '../../src/redis/index';
import type { Update } from '../../src/types/index';
import { type LocalRedisServer, startRedisServer } from '../helpers/redis-server';

let counter = 0;

/** A key prefix no other test of this process uses. */
export function freshPrefix(name: string): string {
  counter += 1;
  return `t${process.pid}-${counter}-${name}`;
}

/** A started redis-server and a connected client; `close()` frees both. */
export interface RedisFixture {
  readonly server: LocalRedisServer;
  readonly client: RedisClient;
  /** Another connected client (a second process's view); closed by `close()`. */
  connect(): Promise<RedisClient>;
  close(): Promise<void>;
}

export async function redisFixture(): Promise<RedisFixture> {
  const server = await startRedisServer();
  const clients: RedisClient[] = [];
  const connect = async (): Promise<RedisClient> => {
    const client: RedisClient = await createClient({ url: server.url }).connect();
    client.on('error', () => {});
    clients.push(client);
    return client;
  };
  const client = await connect();
  return {
    server,
    client,
    connect,
    close: async () => {
      for (const c of clients) if (c.isOpen) c.destroy();
      await server.stop();
    },
  };
}

/** Writes `updates` through `toRedisStream` and resolves with what it emitted. */
export function writeUpdates(
  client: RedisClient,
  prefix: string,
  updates: readonly Update[],
  partitions = 4,
): Promise<StreamWrite<Update>[]> {
  return lastValueFrom(from(updates).pipe(toRedisStream(client, { prefix, partitions }), toArray()));
}

/** The updates of the entries in one stream, oldest first. */
export async function streamUpdates(client: RedisClient, key: string): Promise<Update[]> {
  const reply = await client.sendCommand(['XRANGE', key, '-', '+']);
  return (Array.isArray(reply) ? reply : []).map((entry: unknown) => {
    const fields = Array.isArray(entry) && Array.isArray(entry[1]) ? (entry[1] as unknown[]) : [];
    return JSON.parse(String(fields[fields.indexOf('update') + 1])) as Update;
  });
}

/** The updates of every entry still in the partition streams. */
export async function entriesLeft(client: RedisClient, prefix: string, partitions = 4): Promise<Update[]> {
  const left: Update[] = [];
  for (let p = 0; p < partitions; p++) left.push(...(await streamUpdates(client, partitionStreamKey(prefix, p))));
  return left;
}

export const textOf = (u: Update): string =>
  u.update_type === 'message_created' ? (u.message.body.text ?? '') : u.update_type;
