/**
 * The HTTP control API under `/_emulator/`: the programmatic control API over JSON.
 * These routes need no bot token and never meet injected faults.
 */
import type { Chat, ChatType } from '../../types';
import type { Emulator } from '../emulator';
import type { FaultOptions } from '../faults/fault-options';
import { notFound } from '../http/api-error';
import type { JsonObject } from '../http/json-body';
import { Router } from '../http/router';
import type { ControlHandler } from './control-context';
import { readNewChat, readNewUser, readUserMessage, requiredInt } from './control-bodies';
import { controlError } from './user-input';

const ID = /^-?\d+$/;

/**
 * The control prefix.
 *
 * @example
 * fetch(`${emulator.url}${CONTROL_PREFIX}/users`);
 */
export const CONTROL_PREFIX = '/_emulator';

/**
 * Actions of `POST /_emulator/users/:userId/:action`, with the JSON body each takes. A `Map`,
 * so an action name from the URL (`valueOf`, `__proto__`...) never reaches `Object.prototype`.
 *
 * @example
 * POST /_emulator/users/500000101/send { "chatId": -70000000001, "text": "hi" }
 */
export const USER_ACTIONS: ReadonlyMap<string, ControlHandler> = new Map<string, ControlHandler>(
  Object.entries({
    /** `{ chatId?, text?, format?, attachments?, replyTo?, forward? }`; no chatId = the dialog with the bot. */
    send: (ctx) => {
      const body = ctx.body();
      const actor = ctx.emulator.actAs(userIdOf(ctx.params));
      const chatId = body.int('chatId');
      const input = readUserMessage(body);
      return chatId === undefined ? actor.sendToBot(input) : actor.sendMessage(chatId, input);
    },
    /** `{ messageId, text?, format?, attachments? }` */
    edit: (ctx) => {
      const body = ctx.body();
      return ctx.emulator
        .actAs(userIdOf(ctx.params))
        .editMessage(body.requiredString('messageId'), readUserMessage(body));
    },
    /** `{ messageId }` */
    delete: (ctx) => {
      ctx.emulator.actAs(userIdOf(ctx.params)).deleteMessage(ctx.body().requiredString('messageId'));
      return { success: true };
    },
    /** `{ messageId, text? | payload?, location? }` */
    press: (ctx) => {
      const body = ctx.body();
      const text = body.string('text');
      const payload = body.string('payload');
      if ((text === undefined) === (payload === undefined))
        throw controlError('Give exactly one of `text` or `payload`');
      const location = body.object('location');
      return ctx.emulator.actAs(userIdOf(ctx.params)).pressButton(
        body.requiredString('messageId'),
        text !== undefined ? { text } : { payload: payload as string },
        location
          ? {
              location: {
                latitude: location.requiredNumber('latitude'),
                longitude: location.requiredNumber('longitude'),
              },
            }
          : {},
      );
    },
    /** `{ payload? }` */
    start: (ctx) => ctx.emulator.actAs(userIdOf(ctx.params)).startBot(ctx.optionalBody().string('payload') ?? null),
    /** `{}` */
    stop: (ctx) => {
      ctx.emulator.actAs(userIdOf(ctx.params)).stopBot();
      return { success: true };
    },
    /** `{}`: clears the dialog with the bot (Max: `dialog_cleared`) */
    'clear-dialog': (ctx) => done(() => ctx.emulator.actAs(userIdOf(ctx.params)).clearDialog()),
    /** `{ mutedUntil? }` (ms since epoch; default in one hour): Max `dialog_muted` */
    'mute-dialog': (ctx) => {
      const until = ctx.optionalBody().int('mutedUntil');
      return done(() => ctx.emulator.actAs(userIdOf(ctx.params)).muteDialog(until));
    },
    /** `{}`: Max `dialog_unmuted` */
    'unmute-dialog': (ctx) => done(() => ctx.emulator.actAs(userIdOf(ctx.params)).unmuteDialog()),
    /** `{}`: Max `dialog_removed` */
    'remove-dialog': (ctx) => done(() => ctx.emulator.actAs(userIdOf(ctx.params)).removeDialog()),
    /** `{ chatId, admin? }` */
    'add-bot': (ctx) => {
      const body = ctx.body();
      const admin = body.bool('admin');
      return ctx.emulator
        .actAs(userIdOf(ctx.params))
        .addBot(requiredInt(body, 'chatId'), admin === undefined ? {} : { admin });
    },
    /** `{ chatId }` */
    'remove-bot': (ctx) =>
      done(() => ctx.emulator.actAs(userIdOf(ctx.params)).removeBot(requiredInt(ctx.body(), 'chatId'))),
    /** `{ chatId, userId }` */
    'add-user': (ctx) => {
      const body = ctx.body();
      return done(() =>
        ctx.emulator.actAs(userIdOf(ctx.params)).addUser(requiredInt(body, 'chatId'), requiredInt(body, 'userId')),
      );
    },
    /** `{ chatId, userId }` */
    'remove-user': (ctx) => {
      const body = ctx.body();
      return done(() =>
        ctx.emulator.actAs(userIdOf(ctx.params)).removeUser(requiredInt(body, 'chatId'), requiredInt(body, 'userId')),
      );
    },
    /** `{ chatId }` */
    join: (ctx) => done(() => ctx.emulator.actAs(userIdOf(ctx.params)).joinChat(requiredInt(ctx.body(), 'chatId'))),
    /** `{ chatId }` */
    leave: (ctx) => done(() => ctx.emulator.actAs(userIdOf(ctx.params)).leaveChat(requiredInt(ctx.body(), 'chatId'))),
    /** `{ chatId, title }` */
    rename: (ctx) => {
      const body = ctx.body();
      return ctx.emulator
        .actAs(userIdOf(ctx.params))
        .renameChat(requiredInt(body, 'chatId'), body.requiredString('title'));
    },
    /** `{}` → `{ sessionId }` */
    'open-constructor': (ctx) => ({ sessionId: ctx.emulator.actAs(userIdOf(ctx.params)).openConstructor() }),
    /** `{ sessionId, text? | payload? }` */
    'constructor-input': (ctx) => {
      const body = ctx.body();
      const text = body.string('text');
      const payload = body.string('payload');
      if ((text === undefined) === (payload === undefined))
        throw controlError('Give exactly one of `text` or `payload`');
      const actor = ctx.emulator.actAs(userIdOf(ctx.params));
      return done(() =>
        actor.constructorInput(
          body.requiredString('sessionId'),
          text !== undefined ? { text } : { payload: payload as string },
        ),
      );
    },
    /** `{ sessionId, chatId? }` → the posted messages */
    'post-constructed': (ctx) => {
      const body = ctx.body();
      return ctx.emulator
        .actAs(userIdOf(ctx.params))
        .postConstructed(body.requiredString('sessionId'), body.int('chatId'));
    },
  } satisfies Record<string, ControlHandler>),
);

/** `GET /_emulator/inspect/:what`; a `Map` for the same reason as {@link USER_ACTIONS}. */
const INSPECTIONS: ReadonlyMap<string, ControlHandler> = new Map<string, ControlHandler>(
  Object.entries({
    'sent-messages': ({ emulator, query }) => emulator.inspect.sentMessages(query.int('chat_id')),
    'callback-answers': ({ emulator }) => emulator.inspect.callbackAnswers(),
    'constructor-answers': ({ emulator }) => emulator.inspect.constructorAnswers(),
    pins: ({ emulator, query }) => emulator.inspect.pins(query.int('chat_id')),
    actions: ({ emulator, query }) => emulator.inspect.actions(query.int('chat_id')),
    'removed-messages': ({ emulator }) => emulator.inspect.removedMessages(),
    'edited-messages': ({ emulator, query }) => emulator.inspect.editedMessages(query.int('chat_id')),
    'webhook-deliveries': ({ emulator }) => emulator.inspect.webhookDeliveries(),
    'pending-updates': ({ emulator }) => emulator.inspect.pendingUpdates(),
    requests: ({ emulator }) => emulator.inspect.requests(),
  } satisfies Record<string, ControlHandler>),
);

/**
 * Builds the control router (paths include the `/_emulator` prefix).
 *
 * @example
 * createControlRouter().match('GET', '/_emulator/users');
 */
export function createControlRouter(): Router<ControlHandler> {
  const p = CONTROL_PREFIX;
  return new Router<ControlHandler>()
    .add(p, { GET: () => ({ routes: describeRoutes() }) })
    .add(`${p}/state`, {
      GET: ({ emulator }) => ({
        dialect: emulator.dialect,
        bot: emulator.bot.info(),
        users: emulator.users.list(),
        chats: emulator.chats.list(),
      }),
    })
    .add(`${p}/users`, {
      GET: ({ emulator }) => emulator.users.list(),
      POST: (ctx) => ctx.emulator.users.create(readNewUser(ctx.body())),
    })
    .add(`${p}/users/:userId`, { GET: (ctx) => ctx.emulator.users.get(userIdOf(ctx.params)) }, { userId: ID })
    .add(`${p}/users/:userId/chats`, { GET: (ctx) => chatsOfUser(ctx.emulator, userIdOf(ctx.params)) }, { userId: ID })
    .add(`${p}/users/:userId/:action`, { POST: (ctx) => userAction(ctx.params['action'] ?? '')(ctx) }, { userId: ID })
    .add(`${p}/chats`, {
      GET: ({ emulator }) => emulator.chats.list(),
      POST: (ctx) => ctx.emulator.chats.create(readNewChat(ctx.body())),
    })
    .add(`${p}/chats/:chatId`, { GET: (ctx) => ctx.emulator.chats.get(chatIdOf(ctx.params)) }, { chatId: ID })
    .add(
      `${p}/chats/:chatId/messages`,
      { GET: (ctx) => ctx.emulator.inspect.chatMessages(chatIdOf(ctx.params)) },
      { chatId: ID },
    )
    .add(
      `${p}/chats/:chatId/members`,
      { GET: (ctx) => ctx.emulator.chats.members(chatIdOf(ctx.params)) },
      { chatId: ID },
    )
    .add(`${p}/dialogs/:userId`, { POST: (ctx) => ctx.emulator.chats.dialogWith(userIdOf(ctx.params)) }, { userId: ID })
    .add(`${p}/inspect/:what`, { GET: (ctx) => inspection(ctx.params['what'] ?? '')(ctx) })
    .add(`${p}/faults`, {
      GET: ({ emulator }) => emulator.faults.get(),
      PUT: (ctx) => ctx.emulator.faults.set(readFaults(ctx.body())),
      DELETE: ({ emulator }) => emulator.faults.reset(),
    })
    .add(`${p}/faults/stats`, { GET: ({ emulator }) => emulator.faults.stats() })
    .add(`${p}/updates`, {
      GET: ({ emulator }) => emulator.updates.pending(),
      POST: (ctx) => {
        const body = ctx.body();
        body.requiredString('update_type', { min: 1, max: 100 });
        ctx.emulator.updates.inject(structuredClone(body.value) as { update_type: string });
        return { success: true };
      },
    })
    .add(`${p}/subscriptions`, { GET: ({ emulator }) => emulator.webhooks.list() });
}

function userAction(action: string): ControlHandler {
  const handler = USER_ACTIONS.get(action);
  if (handler === undefined) {
    throw notFound('not.found', `Unknown user action ${quoted(action)}; one of ${[...USER_ACTIONS.keys()].join(', ')}`);
  }
  return handler;
}

function inspection(what: string): ControlHandler {
  const handler = INSPECTIONS.get(what);
  if (handler === undefined) {
    throw notFound('not.found', `Unknown inspection ${quoted(what)}; one of ${[...INSPECTIONS.keys()].join(', ')}`);
  }
  return handler;
}

/** A name from the URL for a message: quoted, and cut short. */
function quoted(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
}

function describeRoutes(): string[] {
  const p = CONTROL_PREFIX;
  return [
    `GET ${p}/state`,
    `GET|POST ${p}/users`,
    `GET ${p}/users/:userId`,
    `GET ${p}/users/:userId/chats`,
    ...[...USER_ACTIONS.keys()].map((a) => `POST ${p}/users/:userId/${a}`),
    `GET|POST ${p}/chats`,
    `GET ${p}/chats/:chatId`,
    `GET ${p}/chats/:chatId/messages`,
    `GET ${p}/chats/:chatId/members`,
    `POST ${p}/dialogs/:userId`,
    ...[...INSPECTIONS.keys()].map((i) => `GET ${p}/inspect/${i}`),
    `GET|PUT|DELETE ${p}/faults`,
    `GET ${p}/faults/stats`,
    `GET|POST ${p}/updates`,
    `GET ${p}/subscriptions`,
    `GET ${p}/ui`,
    `GET ${p}/events`,
  ];
}

function userIdOf(params: Readonly<Record<string, string>>): number {
  return Number(params['userId']);
}

function chatIdOf(params: Readonly<Record<string, string>>): number {
  return Number(params['chatId']);
}

/** Chats (dialog with the bot, groups, channels) the user is a member of, as the bot sees them. */
/** The user's chats, each with its `kind` (dialog, chat, channel) for the web chat. */
function chatsOfUser(emulator: Emulator, userId: number): Array<Chat & { kind: ChatType }> {
  emulator.users.get(userId);
  return emulator.chats
    .list()
    .filter((chat) => emulator.chats.members(chat.chat_id).some((member) => member.user_id === userId))
    .map((chat) => ({ ...chat, kind: emulator.chats.kind(chat.chat_id) }));
}

function done(run: () => void): { success: true } {
  run();
  return { success: true };
}

/**
 * `FaultOptions` from a JSON body (shape checked here, ranges by the injector).
 *
 * @example
 * readFaults(JsonObject.of({ latencyMs: 20 }, 'body'));
 */
export function readFaults(b: JsonObject): FaultOptions {
  const faults: FaultOptions = {};
  const seed = b.int('seed');
  if (seed !== undefined) faults.seed = seed;
  const latency = b.get('latencyMs');
  if (typeof latency === 'number') faults.latencyMs = latency;
  else if (latency !== undefined && latency !== null) {
    const range = b.object('latencyMs') as JsonObject;
    faults.latencyMs = { min: range.requiredNumber('min'), max: range.requiredNumber('max') };
  }
  if (b.get('rateLimit') === null) faults.rateLimit = null;
  const rate = b.object('rateLimit');
  if (rate) {
    const retryAfterSeconds = rate.int('retryAfterSeconds');
    faults.rateLimit = {
      perSecond: rate.requiredNumber('perSecond'),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    };
  }
  if (b.get('burst503') === null) faults.burst503 = null;
  const burst = b.object('burst503');
  if (burst) {
    const probability = burst.get('probability');
    const every = burst.int('every');
    const length = burst.int('length');
    faults.burst503 = {
      ...(typeof probability === 'number' ? { probability } : {}),
      ...(every === undefined ? {} : { every }),
      ...(length === undefined ? {} : { length }),
    };
  }
  if (b.get('tooManyRequests') === null) faults.tooManyRequests = null;
  const busy = b.object('tooManyRequests');
  if (busy) {
    const retryAfter = busy.get('retryAfterSeconds');
    faults.tooManyRequests = {
      probability: busy.requiredNumber('probability'),
      ...(retryAfter === null ? { retryAfterSeconds: null } : {}),
      ...(retryAfter !== null && retryAfter !== undefined
        ? { retryAfterSeconds: busy.requiredNumber('retryAfterSeconds') }
        : {}),
    };
  }
  for (const key of [
    'serverErrorProbability',
    'dropConnectionProbability',
    'dropAfterHeadersProbability',
    'malformedBodyProbability',
    'nonJsonBodyProbability',
    'stalledBodyProbability',
  ] as const) {
    const value = b.get(key);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number') throw controlError(`\`${key}\` must be a number between 0 and 1`);
    faults[key] = value;
  }
  return faults;
}
