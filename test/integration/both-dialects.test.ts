/**
 * One bot, both dialects: the same bot function, written once with the operators, runs against
 * the TamTam emulator and the Max emulator (`startEmulator({ dialect })` +
 * `createApi({ dialect })`), and users driven with `actAs` get the same answers.
 */
import { type Observable, defer, merge } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS, type EmulatorDialectName, startEmulator } from '../../src/emulator/index';
import {
  type Api,
  type MaxOperations,
  type TamTamOperations,
  type UpdateOfTable,
  answerOnCallback,
  callbackButton,
  callbackPayload,
  command,
  createApi,
  fromLongPolling,
  inlineKeyboard,
  ofType,
  perChat,
  reply,
} from '../../src/index';
import { type RunnableBot, runBot } from '../../src/node/index';
import { waitFor } from '../../src/testing/index';

/**
 * The bot, written once, generic over the api's operation table (`Api<T>` with `T` either
 * dialect's table; the updates follow as `UpdateOfTable<T>`): `/start` greets with a button, pressing it counts per chat (answered
 * on the callback), any other text is echoed.
 */
function counterBot<T extends TamTamOperations | MaxOperations>(
  api: Api<T>,
  updates$: Observable<UpdateOfTable<T>>,
): Observable<unknown> {
  return defer(() => {
    const counts = new Map<number, number>();
    const start$ = updates$.pipe(
      command('start'),
      perChat((u) =>
        reply(api, u, {
          text: `Hello, ${u.message.sender?.name ?? 'stranger'}!`,
          attachments: [inlineKeyboard([[callbackButton('Count', 'count')]])],
        }),
      ),
    );
    const count$ = updates$.pipe(
      callbackPayload('count'),
      perChat((u) => {
        const chatId = u.message?.recipient.chat_id ?? 0;
        const n = (counts.get(chatId) ?? 0) + 1;
        counts.set(chatId, n);
        return answerOnCallback(api, u.callback.callback_id, {
          notification: `Counted ${n} (by ${u.callback.user.name})`,
        });
      }),
    );
    const echo$ = updates$.pipe(
      ofType('message_created'),
      perChat((u) => {
        const text = u.message.body.text;
        return text && !text.startsWith('/') ? reply(api, u, { text: `echo: ${text}` }) : [];
      }),
    );
    return merge(start$, count$, echo$);
  });
}

// the same function is what runBot takes, for either dialect
const runnableOnTamTam: RunnableBot = counterBot;
const runnableOnMax: RunnableBot<'max'> = counterBot;
void [runnableOnTamTam, runnableOnMax];
// and runBot infers the dialect from the option (never called here: type check only)
void (() => [runBot(counterBot, { dialect: 'max' }), runBot(counterBot, { dialect: 'tamtam' }), runBot(counterBot)]);

/** Runs the bot on an emulator of `dialect`, plays a short conversation, returns what users saw. */
async function conversation(dialect: EmulatorDialectName): Promise<{ texts: string[]; notifications: string[] }> {
  const emulator = await startEmulator({ dialect });
  const api = createApi({ dialect, token: emulator.token, baseUrl: emulator.url });
  const updates$ = fromLongPolling(api, { timeout: 1 });
  const subscription = counterBot(api, updates$).subscribe();
  try {
    const alice = emulator.actAs(DEFAULT_WORLD_IDS.alice);
    const dialog = DEFAULT_WORLD_IDS.dialogWithAlice;
    alice.sendToBot('/start');
    const greeting = await waitFor(
      () => emulator.inspect.sentMessages(dialog).find((m) => m.body.text?.startsWith('Hello')),
      {
        what: `the greeting (${dialect})`,
      },
    );
    alice.pressButton(greeting.body.mid, 'Count');
    await waitFor(() => emulator.inspect.callbackAnswers().length === 1, {
      what: `the first callback answer (${dialect})`,
    });
    alice.pressButton(greeting.body.mid, { payload: 'count' });
    await waitFor(() => emulator.inspect.callbackAnswers().length === 2, {
      what: `the second callback answer (${dialect})`,
    });
    alice.sendToBot('ping');
    await waitFor(() => emulator.inspect.sentMessages(dialog).some((m) => m.body.text === 'echo: ping'), {
      what: `the echo (${dialect})`,
    });
    return {
      texts: emulator.inspect.sentMessages(dialog).map((m) => m.body.text ?? ''),
      notifications: emulator.inspect.callbackAnswers().map((a) => a.answer.notification ?? ''),
    };
  } finally {
    await updates$.stop();
    subscription.unsubscribe();
    await emulator.close();
  }
}

describe('one bot, both dialects', () => {
  it('the same bot function gives the same answers on the TamTam and the Max emulator', async () => {
    const tamtam = await conversation('tamtam');
    const max = await conversation('max');
    expect(tamtam.texts).toEqual(['Hello, Alice Smith!', 'echo: ping']);
    expect(tamtam.notifications).toEqual(['Counted 1 (by Alice Smith)', 'Counted 2 (by Alice Smith)']);
    expect(max).toEqual(tamtam);
  }, 30_000);
});
