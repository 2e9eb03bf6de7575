/**
 * Per-chat state: the store interface, the memory store and the key helpers. The file store
 * is in `tamtam-rx/node`, the Redis one in `tamtam-rx/redis`.
 */
export type { StateStore, StateWriteOptions } from './state-store';
export { memoryStateStore, type MemoryStateStore, type MemoryStateStoreOptions } from './memory-state-store';
export { chatStateKey, userStateKey } from './state-keys';
