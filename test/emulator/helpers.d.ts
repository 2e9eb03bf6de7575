import type { Emulator, EmulatorOptions } from '../../src/emulator';
export declare const TOKEN = "test-token";
/** Starts an emulator with a fixed token; it is closed after the test. */
export declare function start(options?: EmulatorOptions): Promise<Emulator>;
export interface CallResult<T = any> {
    status: number;
    body: T;
    text: string;
    headers: Headers;
}
/**
 * Calls the emulator. `query` values are stringified; `body` is sent as JSON (a string is sent
 * as is). The token goes in the query unless `token: null` or `auth: 'header'`.
 */
export declare function call<T = any>(emulator: Emulator, method: string, path: string, options?: {
    query?: Record<string, string | number | boolean | undefined>;
    body?: unknown;
    token?: string | null;
    auth?: 'query' | 'header' | 'bearer';
    signal?: AbortSignal;
}): Promise<CallResult<T>>;
/** Calls a control route (no token). */
export declare function control<T = any>(emulator: Emulator, method: string, path: string, body?: unknown): Promise<CallResult<T>>;
/** The test kit's `waitFor`, checking every 5 ms until `condition()` is true; fails after `timeoutMs`. */
export declare function waitFor(condition: () => boolean, timeoutMs?: number): Promise<void>;
