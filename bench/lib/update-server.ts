/**
 * A second, minimal update server for the long-poll ingest workload: plain node:http serving
 * prepared batches of `message_created` updates, `BATCH` per answer, the marker being the index
 * of the next batch. It answers `GET /updates` and `GET /subscriptions` (none) and holds a poll
 * past the last batch open until it closes. No validation, no storage: what any conforming
 * server costs at least, so the client's share of the time is as large as it gets.
 *
 * Runs as a child process (its own core, like the emulator): `startUpdateServer(n, batch)`
 * spawns this file, which reports its port over IPC and exits when the parent disconnects.
 * It holds no state between polls (the marker names the batch), so one server answers every
 * run of a workload exactly as a fresh one would: `sharedUpdateServer` starts it once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { messageCreated } from './updates';

/**
 * A running minimal update server.
 *
 * @example
 * const server = await startUpdateServer(100_000, 100);
 * const api = createApi({ token: server.token, baseUrl: server.url });
 * await server.close();
 */
export interface UpdateServer {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * Starts the server in a child process with `total` updates in batches of `batch`; with
 * `unref`, the child never keeps this process alive (it exits when this one does).
 *
 * @example
 * const server = await startUpdateServer(2_000, 100);
 */
export async function startUpdateServer(
  total: number,
  batch: number,
  options: { readonly unref?: boolean } = {},
): Promise<UpdateServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), String(total), String(batch)],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the update server exited (${code}) before listening`)));
    child.once('message', (message: { port: number }) => resolve(message.port));
  });
  if (options.unref === true) {
    child.unref();
    child.channel?.unref();
  }
  return {
    url: `http://127.0.0.1:${port}`,
    token: 'bench-token',
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}

const shared = new Map<string, Promise<UpdateServer>>();

/**
 * The server for `total` updates in batches of `batch`, started on first use and reused by
 * every later run of this process (it never keeps the process alive; it exits with it).
 *
 * @example
 * const server = await sharedUpdateServer(50_000, 100);
 */
export function sharedUpdateServer(total: number, batch: number): Promise<UpdateServer> {
  const key = `${total}/${batch}`;
  let server = shared.get(key);
  if (server === undefined) {
    server = startUpdateServer(total, batch, { unref: true });
    shared.set(key, server);
  }
  return server;
}

/**
 * Stops the servers {@link sharedUpdateServer} started. For tests, which leave no process behind.
 *
 * @example
 * afterAll(() => stopSharedUpdateServers());
 */
export async function stopSharedUpdateServers(): Promise<void> {
  const servers = [...shared.values()];
  shared.clear();
  await Promise.all(servers.map(async (server) => (await server.catch(() => undefined))?.close()));
}

function serve(total: number, batch: number): void {
  const batches: Buffer[] = [];
  for (let start = 0; start < total; start += batch) {
    const updates = [];
    for (let seq = start; seq < Math.min(total, start + batch); seq++) updates.push(messageCreated(seq, 500));
    batches.push(Buffer.from(JSON.stringify({ updates, marker: batches.length + 1 })));
  }
  const none = Buffer.from('{"subscriptions":[]}');
  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/subscriptions')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': none.byteLength });
      res.end(none);
      return;
    }
    if (!url.startsWith('/updates')) {
      res.writeHead(404).end();
      return;
    }
    const marker = /[?&]marker=(\d+)/.exec(url);
    const body = batches[marker === null ? 0 : Number(marker[1])];
    if (body === undefined) return; // past the end: a long poll that never answers
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.byteLength });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
  process.on('disconnect', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve(Number(process.argv[2]), Number(process.argv[3]));
