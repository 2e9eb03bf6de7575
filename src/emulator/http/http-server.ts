/**
 * A node:http server that tracks its sockets so it can close promptly.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A listening server plus a `close` that ends keep-alive and in-flight connections.
 *
 * @example
 * const server = await listen((req, res) => res.end('ok'), { host: '127.0.0.1', port: 0 });
 * await server.close();
 */
export interface ListeningServer {
  server: Server;
  /** `http://host:port` */
  url: string;
  /** Stops accepting, lets answers already being written finish for `graceMs`, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Starts a node:http server on `host:port` (port 0 = any free port).
 *
 * @example
 * const { url } = await listen(handler, { host: '127.0.0.1', port: 0 });
 */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  options: { host: string; port: number },
): Promise<ListeningServer> {
  // Idle keep-alive sockets live 65 s, well past a client's reuse window (undici keeps them for
  // the server's hint minus a second): with Node's 5 s a busy client could send a POST on a
  // socket the server was closing, and an unanswered POST is not retried (it might be a send).
  const server = createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000, requestTimeout: 0 }, handler);
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify({
      code: 'bad.request',
      message: `Malformed HTTP request: ${error.code ?? error.message}`,
    });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://${host}:${address.port}`,
    close(graceMs = 50) {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), graceMs).unref();
      });
      return closing;
    },
  };
}
