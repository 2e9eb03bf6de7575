/**
 * `tamtam-rx/node`: the parts that need Node built-ins (`node:http`, `node:fs`), kept out of
 * the root entry so `tamtam-rx` loads on Workers, Deno, Bun and in browsers. Node 20+, and Bun
 * and Deno through their Node compatibility.
 *
 * @example
 * import { createApi, fromLongPolling, webhook } from 'tamtam-rx';
 * import { fileMarkerStore, listen } from 'tamtam-rx/node';
 *
 * const updates$ = fromLongPolling(api, { store: fileMarkerStore('./polling-state.json') });
 * // or
 * const hook = webhook({ path: '/tamtam', secret });
 * await listen(hook, 8443);
 *
 * @packageDocumentation
 *
 * @module tamtam-rx/node
 */
export { listen } from './listen';
export type { WebhookServer } from '../sources/webhook/listen';
export { fileMarkerStore } from '../sources/file-marker-store';
