/**
 * `tamtam-rx/testing/emulator`: end-to-end tests in one call. Starts the local emulator
 * (`tamtam-rx/emulator`, Node only), an api pointed at it, a fast long-polling source and your
 * bot, with helpers to act as a user and wait for what the bot sends.
 *
 * @example
 * import { DEFAULT_WORLD_IDS } from 'tamtam-rx/emulator';
 * import { withEmulator } from 'tamtam-rx/testing/emulator';
 *
 * it('echoes', () =>
 *   withEmulator(async ({ emulator, waitForSent }) => {
 *     emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('ping');
 *     await waitForSent({ userId: DEFAULT_WORLD_IDS.alice, text: 'ping' });
 *   }, { bot: echoBot }));
 *
 * @packageDocumentation
 *
 * @module tamtam-rx/testing/emulator
 */
export { startTestBot, withEmulator, type BotFunction, type TestBot, type TestBotOptions } from './test-bot';
