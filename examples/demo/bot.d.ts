/**
 * The demo bot `npm start` runs: the FAQ bot (`/start`, `/help`, topic buttons) and the voting
 * bot (`/poll <question>`, 👍/👎 counted in place), composed from the example modules.
 */
import { type Observable } from 'rxjs';
import type { Api, Update } from '../../src/index';
/**
 * Wires the demo bot: FAQ and voting side by side on the same updates.
 *
 * @example
 * demoBot(api, fromLongPolling(api)).subscribe();
 */
export declare function demoBot(api: Api, updates$: Observable<Update>): Observable<unknown>;
