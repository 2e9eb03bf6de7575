export type { UpdateSource, UpdateSourceStatus, UpdateSourceStopResult } from './update-source';
export { fromLongPolling, LongPolling } from './long-polling';
export type { LongPollingOptions } from './long-polling-options';
export type { PollingApi, PollingTable } from './polling-api';
export type { PollingStatus } from './polling-status';
export { memoryMarkerStore, type MarkerStore, type PollingState } from './marker-store';
export { WebhookConflictError, isWebhookConflictError } from './webhook-conflict-error';
