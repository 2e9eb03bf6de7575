import { type IncomingMessage } from 'node:http';
/** One request as the test server saw it. */
export interface RecordedRequest {
    method: string;
    path: string;
    query: Record<string, string>;
    headers: IncomingMessage['headers'];
    body: string;
    /** The body bytes exactly as received (multipart uploads, binary data). */
    raw: Buffer;
    /** Parsed JSON body, or undefined when the body is empty or not JSON. */
    json: unknown;
}
/** How the server answers one request. */
export interface ScriptedResponse {
    status?: number;
    headers?: Record<string, string>;
    /** Sent as JSON unless it is a string. */
    body?: unknown;
    /** Never answer (for timeout / abort tests). */
    hang?: boolean;
    /** Destroy the socket without answering. */
    drop?: boolean;
}
export type Responder = (request: RecordedRequest) => ScriptedResponse | Promise<ScriptedResponse>;
/** A loopback HTTP server for wire tests: records every request, answers from a responder. */
export interface LoopbackServer {
    url: string;
    requests: RecordedRequest[];
    /** Resolves when the socket of a hanging request closes (client aborted). */
    closedConnections: number;
    respond(responder: Responder): void;
    /** Answers the next requests in order with these responses, then with `{ status: 200, body: {} }`. */
    queue(...responses: ScriptedResponse[]): void;
    waitForRequests(count: number, timeoutMs?: number): Promise<void>;
    waitForClosedConnection(timeoutMs?: number): Promise<number>;
    close(): Promise<void>;
}
/** Starts a recording HTTP server on 127.0.0.1 with a free port. */
export declare function startLoopbackServer(): Promise<LoopbackServer>;
