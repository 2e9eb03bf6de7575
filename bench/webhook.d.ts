import type { WorkloadRun } from './lib/result';
import { type WebhookServerKind } from './lib/webhook-server';
export type { WebhookServerKind } from './lib/webhook-server';
/**
 * One load run: requests/s, how many answers were not 2xx, and (tamtam-rx) how many updates
 * reached the subscriber.
 *
 * @example
 * const run = await webhookRun('raw', { seconds: 1, connections: 10 });
 */
export interface WebhookRun {
    readonly requestsPerSecond: number;
    readonly requests: number;
    readonly non2xx: number;
    readonly errors: number;
    /** Updates the subscriber saw (`-1` for the raw handlers). */
    readonly received: number;
    /** CPU time of the server process per answered request, µs (robust against a busy machine). */
    readonly serverCpuMicrosPerRequest: number;
}
/**
 * Starts the server child, loads it with autocannon for `seconds`, stops it.
 *
 * @example
 * await webhookRun('tamtam-rx', { seconds: 5, connections: 50 });
 */
export declare function webhookRun(kind: WebhookServerKind, load: {
    seconds: number;
    connections: number;
}): Promise<WebhookRun>;
export declare const run: WorkloadRun;
