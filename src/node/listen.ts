import type { Webhook } from '../sources/webhook/webhook';
import { type WebhookServer, listenWith } from '../sources/webhook/listen';

/**
 * Serves `hook` with a plain `node:http` server on `port` (0 picks a free one) and `host`
 * (default: all interfaces); then, when the webhook was given `api` and `url`, subscribes that
 * url (closing the server again if that fails). `hook.stop()` closes the server.
 * It is `hook.serve` with a node:http server, for Node (Bun and Deno run it too).
 *
 * @example
 * import { webhook } from 'tamtam-rx';
 * import { listen } from 'tamtam-rx/node';
 *
 * const hook = webhook({ api, url: `https://bot.example.com/tamtam/${secret}`, path: '/tamtam', secret });
 * const server = await listen(hook, 8443);
 * console.log(`webhook on ${server.url}`);
 * process.once('SIGTERM', () => void hook.stop());
 */
export function listen(hook: Webhook, port: number, host?: string): Promise<WebhookServer> {
  return hook.serve(() => listenWith(hook.nodeHandler, port, host));
}
