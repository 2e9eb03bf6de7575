/**
 * tamtam-rx: TamTam Bot API as RxJS. Sources emit typed updates, operators shape them,
 * actions are cold, cancellable Observables over the API.
 *
 * This entry loads no Node built-in, so it runs on Node, Bun, Deno, Workers and in browsers
 * (webhooks through `webhook(...).fetchHandler`). The Node-only parts, `listen` (a node:http
 * server for a webhook) and `fileMarkerStore`, are in `tamtam-rx/node`. The other entries:
 * `tamtam-rx/emulator`, `tamtam-rx/testing`, `tamtam-rx/testing/marbles`,
 * `tamtam-rx/testing/emulator`.
 *
 * @example
 * import { createApi, getMyInfo } from 'tamtam-rx';
 * const api = createApi({ token: process.env.TAMTAM_TOKEN! });
 * getMyInfo(api).subscribe((me) => console.log(me.name));
 *
 * @packageDocumentation
 *
 * @module tamtam-rx
 */
export * from './api/index';
export * from './actions/index';
export * from './types/index';
export * from './delivery/index';
export * from './sources/index';
export * from './sources/webhook/index';
export * from './operators/index';
export * from './builders/index';
export * from './state/index';
