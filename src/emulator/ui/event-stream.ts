/**
 * Server-sent events: the live feed of the web chat page.
 */
import type { ServerResponse } from 'node:http';
import type { EmulatorEventListener } from '../state/events';
import { toStreamEvent } from './stream-events';

/**
 * Options of {@link serveEventStream}.
 *
 * @example
 * serveEventStream(res, { onEvent: emulator.onEvent, signal, heartbeatMs: 15_000 });
 */
export interface EventStreamOptions {
  /** Subscribes to emulator events; returns the unsubscribe function (e.g. `emulator.onEvent`). */
  onEvent(listener: EmulatorEventListener): () => void;
  /** Ends the stream when aborted: the client went away or the emulator is closing. */
  signal: AbortSignal;
  /** Interval of the `: ping` comment that keeps proxies and the browser from timing out. Default `15_000`. */
  heartbeatMs?: number;
  /**
   * A client that stops reading is cut off once this many bytes wait in the socket buffer
   * (its EventSource reconnects and reloads). Default 4 MiB.
   */
  maxBufferedBytes?: number;
  /** Milliseconds the browser waits before reconnecting after the stream breaks. Default `1000`. */
  retryMs?: number;
}

/**
 * Answers with `text/event-stream` and forwards every page-relevant emulator event as
 * `event: <name>` + `data: <json>` (see `StreamEvent`), starting with `event: ready`. A `: ping`
 * comment goes out every `heartbeatMs`. The listener and the timer are released as soon as
 * `signal` aborts or the response closes; the response is then ended.
 *
 * @example
 * // in a request handler:
 * serveEventStream(res, { onEvent: (l) => emulator.onEvent(l), signal });
 * // browser: new EventSource('/_emulator/events').addEventListener('message_created', ...)
 */
export function serveEventStream(res: ServerResponse, options: EventStreamOptions): void {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const maxBuffered = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  if (options.signal.aborted) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end('The emulator is shutting down\n');
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    'x-accel-buffering': 'no',
  });
  let nextId = 1;
  let released = false;
  const write = (chunk: string): void => {
    if (released || res.destroyed) return;
    res.write(chunk);
    if (res.writableLength > maxBuffered) res.destroy();
  };
  const unsubscribe = options.onEvent((event) => {
    const streamEvent = toStreamEvent(event);
    if (streamEvent)
      write(`id: ${nextId++}\nevent: ${streamEvent.name}\ndata: ${JSON.stringify(streamEvent.data)}\n\n`);
  });
  const heartbeat = setInterval(() => write(': ping\n\n'), heartbeatMs);
  heartbeat.unref();
  const release = (): void => {
    if (released) return;
    released = true;
    clearInterval(heartbeat);
    unsubscribe();
    options.signal.removeEventListener('abort', release);
    res.off('close', release);
    if (!res.writableEnded && !res.destroyed) res.end();
  };
  options.signal.addEventListener('abort', release, { once: true });
  res.on('close', release);
  write(`retry: ${options.retryMs ?? 1000}\nevent: ready\ndata: {}\n\n`);
}
