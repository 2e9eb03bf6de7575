/**
 * Webhook update source: `webhook(options)` with node and fetch adapters and idempotent
 * subscription management (the node:http `listen` helper is in `tamtam-rx/node`).
 */
export { webhook, type Webhook, type ServedServer } from './webhook';
export { fetchWebhook, type FetchWebhook, type FetchWebhookOptions } from './fetch-webhook';
export type { WebhookApi, WebhookTable } from './webhook-api';
export type { WebhookStatus } from './webhook-status';
export {
  type WebhookOptions,
  type WebhookAckPolicy,
  type WebhookSecretPlacement,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_ACK_TIMEOUT,
  DEFAULT_BODY_TIMEOUT,
  DEFAULT_SECRET_HEADER,
} from './options';
export {
  WEBHOOK_REJECTIONS,
  type WebhookRejectionCode,
  type WebhookRejection,
  type WebhookAnswer,
  type WebhookAnswerBody,
} from './answer';
export type { WebhookRequest, WebhookRequestHandler } from './handler';
export type { WebhookHeaders } from './headers';
export type { NodeWebhookHandler, NodeWebhookRequest, NodeWebhookResponse } from './node-adapter';
export type { FetchWebhookHandler } from './fetch-adapter';
export { ensureWebhook, type EnsureWebhookOptions, type EnsureWebhookResult } from './ensure-webhook';
export { WebhookSubscriptionError, isWebhookSubscriptionError } from './subscription-error';
