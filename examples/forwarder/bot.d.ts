/**
 * Forwarder: people write to the bot in a dialog, and the bot forwards every message to a
 * team chat (or channel) where the bot is a member, then confirms. `/start` explains this and
 * offers a link to the public channel and a button to share one's phone number; a shared
 * contact is forwarded like any message, with a thank-you.
 */
import { type Observable } from 'rxjs';
import { type Api, type Update } from '../../src/index';
/**
 * Options of {@link forwarderBot}.
 *
 * @example
 * forwarderBot(api, updates$, { targetChatId: -70_000_000_001, channelUrl: 'https://tt.me/emulator_news' });
 */
export interface ForwarderOptions {
    /** Where messages are forwarded: a group chat or channel the bot can write to. */
    readonly targetChatId: number;
    /** The public channel the "Our channel" button opens. */
    readonly channelUrl: string;
}
/**
 * Wires the forwarder bot.
 *
 * @example
 * forwarderBot(api, fromLongPolling(api), { targetChatId, channelUrl }).subscribe();
 */
export declare function forwarderBot(api: Api, updates$: Observable<Update>, options: ForwarderOptions): Observable<unknown>;
