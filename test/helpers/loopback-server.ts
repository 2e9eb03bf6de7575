import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the test server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body bytes exactly as received (multipart uploads, binary data). */
  raw: Buffer;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
}

/** How the server answers one request. */
export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
  /** Never answer (for timeout / abort tests). */
  hang?: boolean;
  /** Destroy the socket without answering. */
  drop?: boolean;
}

export type Responder = (request: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>;

/** A loopback HTTP server for wire tests: records every request, answers from a responder. */
export interface LoopbackServer {
  url: string;
  requests: RecordedRequest[];
  /** Resolves when the socket of a hanging request closes (client aborted). */
  closedConnections: number;
  respond(responder: Responder): void;
  /** Answers the next requests in order with these responses, then with `{ status: 200, body: {} }`. */
  queue(...responses: ScriptedResponse[]): void;
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  waitForClosedConnection(timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

/** Starts a recording HTTP server on 127.0.0.1 with a free port. */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  let responder: Responder = () => ({ status: 200, body: {} });
  const queued: ScriptedResponse[] = [];
  const requests: RecordedRequest[] = [];
  const pending = new Set<ServerResponse>();
  const closeWaiters: ((at: number) => void)[] = [];
  const state = { closedConnections: 0 };

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const body = raw.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      raw,
      json: parseJson(body),
    };
    requests.push(recorded);
    const scripted = queued.shift() ?? (await responder(recorded));
    if (scripted.drop) {
      req.socket.destroy();
      return;
    }
    if (scripted.hang) {
      pending.add(res);
      res.on('close', () => {
        pending.delete(res);
        state.closedConnections += 1;
        const at = Date.now();
        for (const waiter of closeWaiters.splice(0)) waiter(at);
      });
      return;
    }
    const payload = typeof scripted.body === 'string' ? scripted.body : JSON.stringify(scripted.body ?? {});
    res.writeHead(scripted.status ?? 200, {
      'content-type': typeof scripted.body === 'string' ? 'text/plain' : 'application/json',
      ...scripted.headers,
    });
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get closedConnections() {
      return state.closedConnections;
    },
    respond(next) {
      responder = next;
    },
    queue(...responses) {
      queued.push(...responses);
    },
    async waitForRequests(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} requests, saw ${requests.length}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    waitForClosedConnection(timeoutMs = 5_000) {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no connection closed in time')), timeoutMs);
        closeWaiters.push((at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    },
    async close() {
      for (const res of pending) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
