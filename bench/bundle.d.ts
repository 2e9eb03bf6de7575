import type { WorkloadRun } from './lib/result';
/**
 * Minified and min+gzip sizes of one bundle, bytes.
 *
 * @example
 * const { gzip } = await bundleSize({ entry: 'src/index.ts' });
 */
export interface BundleSize {
    readonly minified: number;
    readonly gzip: number;
}
/**
 * Bundles a file of the repository, or a snippet of app code resolved from the repository root.
 *
 * @example
 * await bundleSize({ code: "import { ofType } from './src/index'; console.log(ofType('bot_started'));" });
 */
export declare function bundleSize(input: {
    readonly entry: string;
} | {
    readonly code: string;
}): Promise<BundleSize>;
/** The app of the second measurement: it imports `ofType` and nothing else. */
export declare const OF_TYPE_APP = "import { ofType } from './src/index';\nexport const created = ofType('message_created');\n";
/** A whole long-polling echo bot. */
export declare const ECHO_BOT_APP: string;
/** An edge (Workers, Deno, Bun) webhook bot: `webhook().fetchHandler`, `ofType`, `reply`. */
export declare const EDGE_WEBHOOK_BOT_APP: string;
/** For reference: `createApi` alone, what every app that calls the API pays. */
export declare const CREATE_API_APP = "import { createApi } from './src/index';\nexport const api = createApi({ token: 'token' });\n";
export declare const run: WorkloadRun;
