/**
 * `tamtam-rx/node`: the parts that need Node built-ins (`node:http`, `node:fs`, `process`), kept
 * out of the root entry so `tamtam-rx` loads on Workers, Deno, Bun and in browsers. Node 20+,
 * and Bun and Deno through their Node compatibility.
 *
 * @example
 * import { command, createApi, fromLongPolling, perChat, reply, webhook } from 'tamtam-rx';
 * import { fileMarkerStore, listen, runBot } from 'tamtam-rx/node';
 *
 * // one call: token from TAMTAM_TOKEN (else a local emulator), signals, readable errors
 * runBot((api, updates$) => updates$.pipe(command('start'), perChat((u) => reply(api, u, { text: 'Hello!' }))));
 * // or by hand
 * const updates$ = fromLongPolling(api, { store: fileMarkerStore('./polling-state.json') });
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
export { fileStateStore, type FileStateStoreOptions } from './file-state-store';
export {
  runBot,
  RUN_BOT_ENV,
  RUN_BOT_EXIT_CODES,
  type RunnableBot,
  type RunBotDialect,
  type RunBotLogger,
  type RunBotOptions,
  type RunningBot,
} from './run-bot';
export type { RunBotWebhookOptions } from './run-bot-webhook';
