/**
 * `startEmulator`: builds the world, the update machinery and the HTTP server.
 */
import type { Update } from '../types';
import type { RoutedApiOperation } from './api/context';
import { MAX_HANDLERS, MAX_ROUTED_OPERATIONS, createApiRouter } from './api/routes';
import { Inspector } from './control/inspector';
import { createControlRouter } from './control/control-routes';
import { UserActor } from './control/user-actor';
import { createDispatcher } from './dispatch';
import type { Emulator } from './emulator';
import { FaultInjector } from './faults/fault-injector';
import { TokenRateLimiter } from './rate-limit/token-rate-limiter';
import { DEFAULT_WORLD } from './fixtures/default-world';
import type { WorldFixture } from './fixtures/world-fixture';
import { createWorld } from './fixtures/world-fixture';
import { listen } from './http/http-server';
import { RequestLog } from './http/request-log';
import type { EmulatorOptions } from './options';
import { resolveOptions } from './options';
import { toBotInfo, toChat, toChatMember, toUser } from './state/wire';
import { UpdateQueue } from './updates/update-queue';
import { WebhookDispatcher } from './updates/webhook-dispatcher';

/**
 * Starts a local TamTam (default) or Max (`{ dialect: 'max' }`) Bot API server on loopback (a free port by default) with an in-memory
 * world, and resolves once it listens. Point a bot at `emulator.url` with `emulator.token`;
 * drive users with `emulator.actAs(...)`; check results with `emulator.inspect`.
 *
 * @example
 * import { startEmulator, DEFAULT_WORLD_IDS } from 'tamtam-rx/emulator';
 *
 * const emulator = await startEmulator();
 * emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('/start');
 * const res = await fetch(`${emulator.url}/updates?timeout=0`, {
 *   headers: { Authorization: emulator.token },
 * });
 * console.log(await res.json()); // { updates: [{ update_type: 'message_created', ... }], marker: 2 }
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const resolved = resolveOptions(options);
  let baseUrl = '';
  const { dialect } = resolved;
  const world = createWorld(fixtureOf(resolved.world), {
    baseUrl: () => baseUrl,
    notReadyCount: resolved.attachmentNotReadyCount,
    dialect,
  });
  const queue = new UpdateQueue(resolved.maxQueuedUpdates, dialect.unmarkedPoll);
  const webhooks = new WebhookDispatcher(resolved.webhook, undefined, {
    schedule: dialect.webhookSchedule,
    secretHeader: dialect.webhookSecretHeader,
  });
  world.setUpdateSink((update) => (webhooks.active ? webhooks.deliver(update) : void queue.push(update)));
  const faults = new FaultInjector(resolved.faults);
  const rateLimit = resolved.rateLimit === null ? null : new TokenRateLimiter(resolved.rateLimit);
  const requestLog = new RequestLog(resolved.requestLogSize);
  const inspect = new Inspector(world, queue, webhooks, requestLog);

  let handle: Emulator | undefined;
  const dispatcher = createDispatcher({
    options: resolved,
    services: { world, queue, webhooks },
    apiRouter:
      dialect.name === 'max'
        ? createApiRouter(MAX_ROUTED_OPERATIONS, MAX_HANDLERS)
        : createApiRouter<RoutedApiOperation>(),
    controlRouter: createControlRouter(),
    emulator: () => handle as Emulator,
    faults,
    rateLimit,
    requestLog,
  });
  const server = await listen(dispatcher.handle, { host: resolved.host, port: resolved.port });
  baseUrl = server.url;

  let closing: Promise<void> | undefined;
  handle = {
    dialect: dialect.name,
    url: server.url,
    token: resolved.token,
    close: () =>
      (closing ??= (async () => {
        dispatcher.abortAll();
        queue.wakeAll();
        await webhooks.close();
        await server.close();
      })()),
    bot: { info: () => toBotInfo(world) },
    users: {
      create: (input) => toUser(world.createUser(input), world.dialect),
      get: (userId) => toUser(world.user(userId), world.dialect),
      list: () => [...world.users.values()].map((user) => toUser(user, world.dialect)),
    },
    chats: {
      create: (input) => toChat(world, world.createChat(input)),
      get: (chatId) => toChat(world, world.chat(chatId), { single: true }),
      list: () => [...world.chats.values()].map((chat) => toChat(world, chat)),
      dialogWith: (userId) => {
        const dialog = world.dialogWith(userId);
        dialog.botKnows = true;
        return toChat(world, dialog);
      },
      members: (chatId) => [...world.chat(chatId).members.values()].map((m) => toChatMember(world, m)),
      kind: (chatId) => world.chat(chatId).type,
    },
    actAs: (userId) => new UserActor(world, userId),
    inspect,
    faults: {
      set: (changes) => faults.set(changes),
      get: () => faults.get(),
      reset: () => faults.reset(),
      stats: () => {
        const stats = faults.stats();
        return { ...stats, rateLimited: stats.rateLimited + (rateLimit?.refused ?? 0) };
      },
    },
    webhooks: { list: () => webhooks.list(), idle: () => webhooks.idle() },
    updates: {
      pending: () => queue.pending(),
      waiting: () => queue.waiting,
      inject: (update) => {
        if (typeof update.update_type !== 'string' || update.update_type === '') {
          throw new RangeError('An injected update needs a non-empty string update_type');
        }
        world.emitUpdate({ ...update, timestamp: update.timestamp ?? world.now() } as Update);
      },
    },
    onEvent: (listener) => world.events.on(listener),
  };
  return handle;
}

function fixtureOf(world: 'default' | 'empty' | WorldFixture): WorldFixture {
  if (world === 'default') return DEFAULT_WORLD;
  if (world === 'empty') return {};
  return world;
}
