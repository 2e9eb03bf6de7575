/**
 * Child-process entry for workload 3: serves one webhook endpoint on a free loopback port and
 * reports the port over IPC. `argv[2]` picks the handler: `tamtam-rx` (the webhook's
 * `nodeHandler`, a no-op subscriber on `updates$`) or `raw` (node:http reading the body,
 * `JSON.parse`, answering 200). Exits when the parent disconnects.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lib } from './library';

/**
 * The baseline: read the body, parse it, answer 200 with a small JSON body.
 *
 * @example
 * createServer(rawHandler).listen(0);
 */
export function rawHandler(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let status = 200;
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      status = 400;
    }
    const body = status === 200 ? '{"success":true}' : '{"code":"bad.request"}';
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(body);
  });
}

/**
 * The subject: a webhook with defaults and one no-op subscriber; its `nodeHandler` serves.
 *
 * @example
 * createServer(tamtamRxHandler().handler).listen(0);
 */
export function tamtamRxHandler(): {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  received: () => number;
} {
  const hook = lib.webhook();
  let received = 0;
  hook.updates$.subscribe(() => {
    received += 1;
  });
  return { handler: (req, res) => void hook.nodeHandler(req, res), received: () => received };
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  const rx = mode === 'tamtam-rx' ? tamtamRxHandler() : undefined;
  const server = createServer({ keepAliveTimeout: 10_000 }, rx?.handler ?? rawHandler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send?.({ port: (server.address() as AddressInfo).port });
  let mark = process.cpuUsage();
  process.on('message', (message: { ask?: string }) => {
    if (message.ask === 'mark') {
      mark = process.cpuUsage();
      process.send?.({ marked: true });
    }
    if (message.ask === 'received') {
      const cpu = process.cpuUsage(mark);
      process.send?.({ received: rx?.received() ?? -1, cpuMicros: cpu.user + cpu.system });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv[1]?.endsWith('webhook-server.ts') === true) void main();
