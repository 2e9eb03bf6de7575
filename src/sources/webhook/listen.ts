import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeWebhookHandler } from './node-adapter';

/**
 * A running `node:http` server started by `listen`.
 *
 * @example
 * const server = await listen(hook, 8443); // from 'tamtam-rx/node'
 * console.log(`webhook on ${server.url}`);
 */
export interface WebhookServer {
  /** `http://host:port`, with the actual port (useful with port 0). */
  readonly url: string;
  readonly port: number;
  /** The underlying server, e.g. to set timeouts. */
  readonly server: Server;
  /** Stops accepting connections and resolves when the server is closed. */
  close(): Promise<void>;
}

/**
 * Serves `handler` with a plain `node:http` server on `port` (0 picks a free one) and `host`
 * (default: all interfaces).
 *
 * @example
 * const server = await listenWith(hook.nodeHandler, 8443, '0.0.0.0');
 */
export async function listenWith(handler: NodeWebhookHandler, port: number, host?: string): Promise<WebhookServer> {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(`webhook.listen: port must be an integer 0-65535, got ${String(port)}`);
  }
  const answering = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;
  const server = createServer((req, res) => {
    answering.add(res);
    res.once('close', () => answering.delete(res));
    if (closing !== undefined) res.setHeader('connection', 'close');
    void handler(req, res);
  });
  // a slow or silent client must not hold a socket for minutes
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actual, address, family } = server.address() as AddressInfo;
  const shown = host ?? (family === 'IPv6' ? `[${address}]` : address);
  return {
    url: `http://${shown.includes(':') && !shown.startsWith('[') ? `[${shown}]` : shown}:${actual}`,
    port: actual,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // requests still being answered close their connection afterwards instead of idling in keep-alive
        for (const res of answering) if (!res.headersSent) res.setHeader('connection', 'close');
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
