/**
 * The demo bot `npm start` runs: the FAQ bot (`/start`, `/help`, topic buttons) and the voting
 * bot (`/poll <question>`, 👍/👎 counted in place), composed from the example modules.
 */
import { type Observable, merge } from 'rxjs';
import type { Api, MaxOperations, TamTamOperations, UpdateOfTable } from '../../src/index';
import { faqBot } from '../faq/bot';
import { votingBot } from '../voting/bot';

/**
 * Wires the demo bot: FAQ and voting side by side on the same updates.
 *
 * @example
 * demoBot(api, fromLongPolling(api)).subscribe();
 */
export function demoBot<T extends TamTamOperations | MaxOperations = TamTamOperations>(
  api: Api<T>,
  updates$: Observable<UpdateOfTable<T>>,
): Observable<unknown> {
  return merge(
    faqBot(api, updates$, {
      supportUrl: 'https://github.com/tamtam-chat',
      helpFooter: '/poll <question> — start a 👍/👎 vote (try it in a group chat)',
    }),
    votingBot(api, updates$),
  );
}
