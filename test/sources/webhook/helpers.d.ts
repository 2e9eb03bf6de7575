import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { VirtualTimeScheduler } from 'rxjs';
import { type FakeApi } from '../../../src/testing/index';
import { type Subscription, type SubscriptionRequestBody } from '../../../src/types';
/** A valid body for every known update type. */
export declare const validBodies: (readonly ["message_created" | "message_callback" | "message_edited" | "message_removed" | "bot_added" | "bot_removed" | "user_added" | "user_removed" | "bot_started" | "chat_title_changed" | "message_construction_request" | "message_constructed" | "message_chat_created", string])[];
/** A body of a known type. */
export declare const createdBody: string;
/** An update of a type no version knows yet. */
export declare const unknownUpdate: {
    update_type: string;
    timestamp: number;
    chat_id: number;
};
/**
 * The test kit's fake api (whose subscriptions are the emulator's: subscribe adds or replaces
 * the URL's, unsubscribe removes it, getSubscriptions lists them) with `existing` already
 * subscribed; those set-up requests are forgotten.
 */
export declare function subscriptionsApi(...existing: SubscriptionRequestBody[]): Promise<FakeApi>;
/** The subscriptions a fake api holds now (read with a getSubscriptions request, which it records). */
export declare function subscriptionsOf(api: FakeApi): Promise<Subscription[]>;
/** What a test client saw. */
export interface Reply {
    status: number;
    headers: Headers;
    json: unknown;
}
/** POSTs `body` (a string is sent as is, anything else as JSON) to `url`. */
export declare function post(url: string, body: unknown, init?: {
    method?: string;
    headers?: Record<string, string>;
}): Promise<Reply>;
/** A node:http server on 127.0.0.1 with a free port. */
export interface TestServer {
    url: string;
    server: Server;
    close(): Promise<void>;
}
/** Serves `handler` on 127.0.0.1:0. */
export declare function serveNode(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer>;
/** Starts `server` on 127.0.0.1:0 and returns a closer that also drops open connections. */
export declare function started(server: Server): Promise<TestServer>;
/** Resolves after `ms` milliseconds. */
export declare function sleep(ms: number): Promise<void>;
/** A virtual clock for code that mixes RxJS timers with promises (the webhook's `scheduler` option). */
export interface VirtualClock {
    /** Pass it as the webhook's `scheduler` and to the test's own timers. */
    readonly scheduler: VirtualTimeScheduler;
    /** Virtual ms since the start. */
    now(): number;
    /** Lets pending promise callbacks and I/O callbacks run (one macrotask turn). */
    settle(): Promise<void>;
    /** Moves virtual time `ms` ahead, running each due timer in order and settling promises between them. */
    advance(ms: number): Promise<void>;
}
/** A {@link VirtualClock} starting at 0. */
export declare function virtualClock(): VirtualClock;
