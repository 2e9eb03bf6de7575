/**
 * tamtam-rx: TamTam Bot API as RxJS. Sources emit typed updates, operators shape them,
 * actions are cold, cancellable Observables over the API.
 *
 * @example
 * import { createApi, getMyInfo } from 'tamtam-rx';
 * const api = createApi({ token: process.env.TAMTAM_TOKEN! });
 * getMyInfo(api).subscribe((me) => console.log(me.name));
 *
 * @packageDocumentation
 */
export * from './api/index';
export * from './actions/index';
export * from './types/index';
export * from './delivery/index';
export * from './sources/index';
export * from './sources/webhook/index';
export * from './operators/index';
export * from './builders/index';
