/**
 * FAQ / support bot: `/start` (or pressing Start) greets the user and shows the topics as an
 * inline keyboard; pressing a topic replaces the menu with the answer and a "Back" button;
 * `/help` lists the commands. The menu is edited in place, so the chat stays tidy.
 */
import { type Observable } from 'rxjs';
import { type Api, type Update } from '../../src/index';
/**
 * One FAQ entry.
 *
 * @example
 * const hours: FaqTopic = { title: 'Opening hours', answer: 'Every day 9:00–21:00.' };
 */
export interface FaqTopic {
    /** Button label and heading. */
    readonly title: string;
    /** The answer (plain text; it is escaped). */
    readonly answer: string;
}
/**
 * Options of {@link faqBot}.
 *
 * @example
 * faqBot(api, updates$, { supportUrl: 'https://example.com/support', helpFooter: 'Also try /poll' });
 */
export interface FaqBotOptions {
    /** Topics by id. Default {@link DEFAULT_TOPICS}. */
    readonly topics?: Readonly<Record<string, FaqTopic>>;
    /** A link button under the menu ("Contact us"). Default: none. */
    readonly supportUrl?: string;
    /** An extra line at the end of `/help`. Default: none. */
    readonly helpFooter?: string;
}
/**
 * The topics the bot answers unless told otherwise.
 *
 * @example
 * Object.keys(DEFAULT_TOPICS); // ['hours', 'delivery', 'refunds', 'contact']
 */
export declare const DEFAULT_TOPICS: Readonly<Record<string, FaqTopic>>;
/**
 * Payloads of the FAQ buttons: `faq:<topic>`, and `faq:menu` for "Back".
 *
 * @example
 * faqCodec.encode({ topic: 'hours' }); // 'faq:hours'
 */
export declare const faqCodec: import("../../src/builders").PayloadCodec<import("../../src/builders").PayloadValue<{
    readonly topic: "string";
}>>;
/**
 * Wires the FAQ bot.
 *
 * @example
 * faqBot(api, fromLongPolling(api), { supportUrl: 'https://example.com/support' }).subscribe();
 */
export declare function faqBot(api: Api, updates$: Observable<Update>, options?: FaqBotOptions): Observable<unknown>;
