import { chatKey } from '../operators/per-chat';
import type { UpdateLike } from '../operators/update-like';

/**
 * The partition (`0 … partitions - 1`) an update belongs to: a stable hash (32-bit FNV-1a) of
 * the key `perChat` uses ({@link chatKey}: the chat, else the user), so every update of one chat
 * lands in one partition, in every process and on every machine.
 *
 * @example
 * partitionOf(update, 16); // e.g. 11, the same for every update of update's chat
 */
export function partitionOf(update: UpdateLike, partitions: number): number {
  return partitionOfKey(chatKey(update), partitions);
}

/**
 * The partition of a `perChat` key (see {@link partitionOf}).
 *
 * @example
 * partitionOfKey('chat:42', 16); // the partition of chat 42
 */
export function partitionOfKey(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

/**
 * The Redis key of partition `index`'s stream: `<prefix>:stream:<index>`.
 *
 * @example
 * partitionStreamKey('bot', 3); // 'bot:stream:3'
 */
export function partitionStreamKey(prefix: string, index: number): string {
  return `${prefix}:stream:${index}`;
}

/**
 * Checks a partition count (a whole number from 1 to 1024) and returns it; a misuse guard
 * shared by the ingress and the worker source, which must agree on it.
 *
 * @example
 * const partitions = checkPartitions('toRedisStream', options.partitions ?? 16);
 */
export function checkPartitions(caller: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 1024) {
    throw new TypeError(
      `${caller}: options.partitions must be a whole number from 1 to 1024 (the same in the ingress and every worker), got ${String(partitions)}`,
    );
  }
  return partitions;
}
