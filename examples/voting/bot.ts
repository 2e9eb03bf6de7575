/**
 * Likes/dislikes voting: `/poll <question>` posts the question with 👍 / 👎 buttons; each press
 * counts the vote and edits the same message in place to show the new counts. Pressing your
 * own choice again takes the vote back; pressing the other one moves it.
 *
 * Votes live in memory: a restart forgets who voted (the counts start again from zero).
 *
 * Written once for both dialects: the bot is generic over the api's operation table (TamTam's
 * or Max's), and the keyboard uses only callback buttons, which both have. (Max ignores the
 * buttons' `intent`, the colour hint TamTam shows.)
 */
import { type Observable, defer, merge } from 'rxjs';
import {
  type Api,
  type CallbackButton,
  type InlineKeyboardOf,
  type MaxOperations,
  type PayloadOf,
  type TamTamOperations,
  type UpdateOfTable,
  answerOnCallback,
  callbackButton,
  callbackData,
  command,
  inlineKeyboard,
  payloadCodec,
  perChat,
  reply,
} from '../../src/index';

/**
 * Payloads of the vote buttons: `vote:like` and `vote:dislike`.
 *
 * @example
 * voteCodec.encode({ choice: 'like' }); // 'vote:like'
 */
export const voteCodec = payloadCodec('vote', { choice: ['like', 'dislike'] });

type Choice = PayloadOf<typeof voteCodec>['choice'];

/**
 * The vote keyboard showing the current counts.
 *
 * @example
 * votingKeyboard(3, 1); // buttons '👍 3' and '👎 1'
 */
export function votingKeyboard(likes: number, dislikes: number): InlineKeyboardOf<CallbackButton> {
  return inlineKeyboard([
    [
      callbackButton(`👍 ${likes}`, voteCodec, { choice: 'like' }, { intent: 'positive' }),
      callbackButton(`👎 ${dislikes}`, voteCodec, { choice: 'dislike' }, { intent: 'negative' }),
    ],
  ]);
}

/**
 * Wires the voting bot, on either dialect (`T`: the api's operation table). Each subscription
 * keeps its own votes.
 *
 * @example
 * votingBot(api, fromLongPolling(api)).subscribe();
 */
export function votingBot<T extends TamTamOperations | MaxOperations = TamTamOperations>(
  api: Api<T>,
  updates$: Observable<UpdateOfTable<T>>,
): Observable<unknown> {
  return defer(() => {
    /** Poll message id → voter id → choice. */
    const polls = new Map<string, Map<number, Choice>>();

    const newPolls$ = updates$.pipe(
      command('poll'),
      perChat((update) => {
        const question = update.command.args || 'Do you like it?';
        return reply(api, update, { text: question, attachments: [votingKeyboard(0, 0)] });
      }),
    );

    const votes$ = updates$.pipe(
      callbackData(voteCodec),
      perChat((update) => {
        const { callback, message } = update;
        if (message === null)
          return answerOnCallback(api, callback.callback_id, { notification: 'This poll is gone.' });
        const voters = polls.get(message.body.mid) ?? new Map<number, Choice>();
        polls.set(message.body.mid, voters);
        const userId = callback.user.user_id;
        const retracted = voters.get(userId) === update.data.choice;
        if (retracted) voters.delete(userId);
        else voters.set(userId, update.data.choice);
        const counts = [...voters.values()];
        const likes = counts.filter((c) => c === 'like').length;
        return answerOnCallback(api, callback.callback_id, {
          message: { text: message.body.text, attachments: [votingKeyboard(likes, counts.length - likes)] },
          notification: retracted
            ? 'Vote taken back'
            : update.data.choice === 'like'
              ? 'You like it 👍'
              : 'You dislike it 👎',
        });
      }),
    );

    return merge(newPolls$, votes$);
  });
}
