/**
 * Likes/dislikes voting: `/poll <question>` posts the question with 👍 / 👎 buttons; each press
 * counts the vote and edits the same message in place to show the new counts. Pressing your
 * own choice again takes the vote back; pressing the other one moves it.
 *
 * Votes live in memory: a restart forgets who voted (the counts start again from zero).
 */
import { type Observable } from 'rxjs';
import { type Api, type InlineKeyboardAttachmentRequest, type Update } from '../../src/index';
/**
 * Payloads of the vote buttons: `vote:like` and `vote:dislike`.
 *
 * @example
 * voteCodec.encode({ choice: 'like' }); // 'vote:like'
 */
export declare const voteCodec: import("../../src/builders").PayloadCodec<import("../../src/builders").PayloadValue<{
    readonly choice: readonly ["like", "dislike"];
}>>;
/**
 * The vote keyboard showing the current counts.
 *
 * @example
 * votingKeyboard(3, 1); // buttons '👍 3' and '👎 1'
 */
export declare function votingKeyboard(likes: number, dislikes: number): InlineKeyboardAttachmentRequest;
/**
 * Wires the voting bot. Each subscription keeps its own votes.
 *
 * @example
 * votingBot(api, fromLongPolling(api)).subscribe();
 */
export declare function votingBot(api: Api, updates$: Observable<Update>): Observable<unknown>;
