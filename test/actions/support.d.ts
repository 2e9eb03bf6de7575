/**
 * Shared plumbing of the action wire tests: a loopback server and an api pointed at it,
 * assertions on what went over the wire, and guard checks.
 */
import { type Observable } from 'rxjs';
import { type Api } from '../../src/api/index';
import { type LoopbackServer, type RecordedRequest } from '../helpers/loopback-server';
/** The token every wire test uses; it must show up as `access_token` and nowhere else. */
export declare const TOKEN = "wire-token-7c1d9e";
/** A loopback server and an api talking to it (fresh for every test). */
export interface Wire {
    readonly server: LoopbackServer;
    readonly api: Api;
}
/**
 * Registers beforeEach/afterEach hooks that start a loopback server and an api with fast,
 * deterministic retries; read `wire.server` / `wire.api` inside tests.
 *
 * @example
 * const wire = useWire();
 * it('…', async () => { await run(getMyInfo(wire.api)); });
 */
export declare function useWire(): Wire;
/**
 * Subscribes once and resolves with the single value, insisting the Observable emits exactly
 * once and completes; rejects with the Observable's error.
 *
 * @example
 * const me = await run(getMyInfo(api));
 */
export declare function run<T>(observable: Observable<T>): Promise<T>;
/**
 * The error a call fails with; fails the test when the call succeeds.
 *
 * @example
 * const error = await failureOf(deleteMessage(api, 'mid.1'));
 */
export declare function failureOf(observable: Observable<unknown>): Promise<Error>;
/** What one request must look like on the wire. */
export interface ExpectedRequest {
    readonly method: string;
    readonly path: string;
    /** Query besides `access_token` and `v` (added by the assertion). Default none. */
    readonly query?: Record<string, string>;
    /** JSON body; `undefined` means no body at all. */
    readonly json?: unknown;
}
/**
 * Asserts the exact method, path, full query (token and version included) and JSON body.
 *
 * @example
 * expectRequest(server.requests[0], { method: 'GET', path: '/me' });
 */
export declare function expectRequest(seen: RecordedRequest | undefined, expected: ExpectedRequest): void;
/**
 * Asserts the server saw exactly one request, shaped like `expected`.
 *
 * @example
 * expectOnlyRequest(server, { method: 'DELETE', path: '/messages', query: { message_id: 'mid.1' } });
 */
export declare function expectOnlyRequest(server: LoopbackServer, expected: ExpectedRequest): void;
/**
 * Asserts that every call fails with a TypeError whose message matches its pattern (which
 * should name the operation and the parameter), and that nothing reached the server.
 *
 * @example
 * await expectGuards(server, [[getChat(api, 1.5), /^getChat: chatId must be an integer/]]);
 */
export declare function expectGuards(server: LoopbackServer, cases: readonly (readonly [Observable<unknown>, RegExp])[]): Promise<void>;
/**
 * Asserts actions are cold: creating the Observables sends nothing; subscribing each one
 * sends exactly one request.
 *
 * @example
 * await expectCold(server, [getMyInfo(api), editMyInfo(api, { name: 'x' })]);
 */
export declare function expectCold(server: LoopbackServer, calls: readonly Observable<unknown>[]): Promise<void>;
