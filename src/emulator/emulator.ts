/**
 * The handle `startEmulator` resolves with.
 */
import type { BotInfo, Chat, ChatMember, ChatType, Subscription, UnknownUpdate, Update, User } from '../types';
import type { UserActor } from './control/user-actor';
import type { EmulatorDialectName } from './dialect';
import type { Inspector } from './control/inspector';
import type { FaultOptions, FaultStats } from './faults/fault-options';
import type { EmulatorEventListener } from './state/events';
import type { NewChat, NewUser } from './state/world';

/**
 * Runtime control of fault injection.
 *
 * @example
 * emulator.faults.set({ burst503: { every: 5 } });
 * emulator.faults.reset();
 */
export interface FaultControl {
  /** Merges settings into the current ones and returns the result; a `seed` restarts the PRNG. */
  set(changes: FaultOptions): FaultOptions;
  /** The current settings. */
  get(): FaultOptions;
  /** Turns every fault off and clears the counters. */
  reset(): FaultOptions;
  /** How many faults were injected so far. */
  stats(): FaultStats;
}

/**
 * A running emulator: its address and token, control of the emulated world, inspection of what
 * the bot did, and fault injection.
 *
 * @example
 * const emulator = await startEmulator();
 * const api = createApi({ token: emulator.token, baseUrl: emulator.url });
 * emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('hi');
 * // ... run the bot ...
 * await emulator.close();
 */
export interface Emulator {
  /** The Bot API dialect served: `'tamtam'` or `'max'` (pass it to `createApi({ dialect })`). */
  readonly dialect: EmulatorDialectName;
  /** Base URL, e.g. `http://127.0.0.1:38123`; use it instead of `https://botapi.tamtam.chat`. */
  readonly url: string;
  /** The bot's access token. */
  readonly token: string;
  /** Ends long polls, webhook retries and connections; resolves when the server is closed. */
  close(): Promise<void>;

  /** The bot's profile. */
  readonly bot: {
    /** The bot as `GET /me` returns it. */
    info(): BotInfo;
  };
  /** Emulated users. */
  readonly users: {
    /** Adds a user (no update: users exist before they meet the bot). */
    create(input: NewUser): User;
    /** A user by id (throws if unknown). */
    get(userId: number): User;
    /** All users, the bot excluded. */
    list(): User[];
  };
  /** Chats of the world, as the bot would see them. */
  readonly chats: {
    /** Adds a group chat or channel with its members; by default the bot is an admin. No update. */
    create(input: NewChat): Chat;
    /** A chat by id (throws if unknown). */
    get(chatId: number): Chat;
    /** All chats. */
    list(): Chat[];
    /** The dialog between the bot and a user, created if missing (no update). */
    dialogWith(userId: number): Chat;
    /** Current members of a chat. */
    members(chatId: number): ChatMember[];
    /** Dialog, group chat or channel, whatever the dialect's wire says (Max calls them all `chat`). */
    kind(chatId: number): ChatType;
  };
  /** Acts as a user: send, edit, delete, press buttons, start the bot, manage chats. */
  actAs(userId: number): UserActor;
  /** What the bot did, as plain data. */
  readonly inspect: Inspector;
  /** Fault injection, switchable at run time. */
  readonly faults: FaultControl;
  /** Webhook subscriptions. */
  readonly webhooks: {
    /** The current webhook subscriptions, as `getSubscriptions` lists them. */
    list(): Subscription[];
    /** Resolves when every queued webhook delivery (retries included) has finished. */
    idle(): Promise<void>;
  };
  /** The update stream. */
  readonly updates: {
    /** Uncommitted updates in the long-polling queue. */
    pending(): Update[];
    /** Long polls currently waiting. */
    waiting(): number;
    /**
     * Emits any update as is (e.g. an unknown `update_type`, to test how a bot copes with a
     * newer server). `timestamp` defaults to now.
     */
    inject(update: Update | UnknownUpdate | { update_type: string; timestamp?: number; [key: string]: unknown }): void;
  };
  /** Subscribes to live events (messages created/edited/removed, callback answers, ...). Returns the unsubscribe function. */
  onEvent(listener: EmulatorEventListener): () => void;
}
