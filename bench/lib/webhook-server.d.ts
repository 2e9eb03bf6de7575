/**
 * Child-process entry for workload 3: serves one webhook endpoint on a free loopback port and
 * reports the port over IPC. `argv[2]` picks the handler ({@link WebhookServerKind}). Exits
 * when the parent disconnects.
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Webhook } from '../../src/index';
/**
 * Which handler serves:
 * - `raw`: node:http reading the body, `JSON.parse`, answering 200 (the ceiling);
 * - `tamtam-rx`: the webhook's `nodeHandler`, a no-op subscriber;
 * - `peer`: @maxhub/max-bot-api's `webhookCallback`, a no-op handler;
 * - `fetch`: the webhook's `fetchHandler` behind a minimal Node → Web `Request` adapter;
 * - `fetch-raw`: `JSON.parse(await request.text())` and a 200 `Response` behind the same adapter.
 *
 * @example
 * const kind: WebhookServerKind = 'peer';
 */
export type WebhookServerKind = 'raw' | 'tamtam-rx' | 'peer' | 'fetch' | 'fetch-raw';
/** The path every server listens on. */
export declare const WEBHOOK_PATH = "/tamtam";
/**
 * The baseline: read the body, parse it, answer 200 with a small JSON body.
 *
 * @example
 * createServer(rawHandler).listen(0);
 */
export declare function rawHandler(req: IncomingMessage, res: ServerResponse): void;
/**
 * Serves a Fetch-API handler from node:http the way small adapters do (e.g. @hono/node-server,
 * simplified): a `Request` with the body as a web stream, the `Response` written back.
 *
 * @example
 * createServer(nodeToFetch(hook.fetchHandler)).listen(0);
 */
export declare function nodeToFetch(handler: (request: Request) => Promise<Response>): (req: IncomingMessage, res: ServerResponse) => void;
/**
 * The fetch-style baseline: read the text, parse it, answer 200.
 *
 * @example
 * createServer(nodeToFetch(rawFetchHandler)).listen(0);
 */
export declare function rawFetchHandler(request: Request): Promise<Response>;
/**
 * The subject: a webhook with defaults and one no-op subscriber.
 *
 * @example
 * const { hook, received } = tamtamRxWebhook();
 */
export declare function tamtamRxWebhook(): {
    hook: Webhook;
    received: () => number;
};
/**
 * The peer: @maxhub/max-bot-api's `webhookCallback` (it answers 200 before handling) with a
 * no-op handler for every update.
 *
 * @example
 * const { handler, received } = peerWebhook();
 */
export declare function peerWebhook(): {
    handler: (req: IncomingMessage, res: ServerResponse) => void;
    received: () => number;
};
