/**
 * The web chat application: state, users and chats, the open conversation, live events and
 * user actions. Talks only to the emulator's `/_emulator` routes.
 */
import type { BotInfo, Button, Chat, Message, User } from '../../../types';
import type { ButtonPressResult } from '../../control/user-actor';
import type { EditedMessageRecord } from '../../state/journal';
import type { StreamEvent } from '../stream-events';
import { API, api } from './api';
import { byId, h } from './dom';
import { avatar, renderMessage } from './messages';
import { clearToasts, fail, toast } from './toasts';

/** A chat in the list: a real chat, or the user's dialog with the bot before it exists. */
interface ChatEntry {
  /** The chat id as a string, or `'dialog'` for the user's dialog with the bot. */
  key: string;
  id: number | null;
  chat: Chat | null;
}

/** The data of the stream event named `N`. */
type StreamData<N extends StreamEvent['name']> = StreamEvent extends infer E
  ? E extends { name: infer M; data: infer D }
    ? N extends M
      ? D
      : never
    : never
  : never;

const state = {
  bot: null as BotInfo | null,
  users: [] as User[],
  userId: null as number | null,
  chats: [] as ChatEntry[],
  /** The selected chat's key (see {@link ChatEntry.key}). */
  chatKey: null as string | null,
  chatId: null as number | null,
  rows: new Map<string, HTMLElement>(),
  messages: new Map<string, Message>(),
  /** Edited messages of the open chat: loaded with it from the emulator, then kept live. */
  edited: new Set<string>(),
  unread: new Map<number, number>(),
  /** Set while a chat loads; events for it wait in `queued` so none is lost or overwritten. */
  loading: null as object | null,
  queued: [] as Array<() => void>,
  pendingPresses: new Map<string, HTMLButtonElement>(),
  answered: new Set<string>(),
  connectedOnce: false,
  typingTimer: undefined as ReturnType<typeof setTimeout> | undefined,
  /** Whether the conversation follows the newest message (the reader has not scrolled up). */
  pinned: true,
  /** The conversation's scroll position at the last scroll event. */
  lastScrollTop: 0,
};

function userPath(action: string): string {
  return `/users/${state.userId}/${action}`;
}

// ---- users and chats -------------------------------------------------------------------------

function currentUser(): User | null {
  return state.users.find((u) => u.user_id === state.userId) ?? null;
}

function currentChat(): ChatEntry | null {
  return state.chats.find((c) => c.key === state.chatKey) ?? null;
}

function botName(): string {
  return state.bot ? state.bot.name : 'Bot';
}

function renderUsers(): void {
  const select = byId('user-select', HTMLSelectElement);
  select.textContent = '';
  for (const user of state.users) {
    const option = h('option', '', user.name + (user.username ? ` (@${user.username})` : ''));
    option.value = String(user.user_id);
    select.appendChild(option);
  }
  if (state.userId !== null) select.value = String(state.userId);
  const members = byId('new-group-members');
  members.textContent = '';
  for (const user of state.users.filter((u) => u.user_id !== state.userId)) {
    const label = h('label', 'check');
    const box = h('input');
    box.type = 'checkbox';
    box.value = String(user.user_id);
    label.appendChild(box);
    label.appendChild(document.createTextNode(` ${user.name}`));
    members.appendChild(label);
  }
  if (members.children.length === 0) members.appendChild(h('div', 'hint', 'No other users yet'));
}

async function loadUsers(): Promise<void> {
  state.users = await api<User[]>('GET', '/users');
  if (!state.users.some((u) => u.user_id === state.userId)) state.userId = state.users[0]?.user_id ?? null;
  renderUsers();
}

const KIND_ORDER: Readonly<Record<string, number>> = { dialog: 0, chat: 1, channel: 2 };

/** Dialog, group or channel: the control API's `kind` (Max's wire says `chat` for all), else `type`. */
function kindOf(chat: Chat): string {
  const kind = (chat as { kind?: unknown }).kind;
  return typeof kind === 'string' ? kind : chat.type;
}

async function loadChats(): Promise<void> {
  if (state.userId === null) {
    state.chats = [];
    renderChats();
    return;
  }
  const list = await api<Chat[]>('GET', userPath('chats'));
  const chats: ChatEntry[] = list.map((chat) => ({
    key: kindOf(chat) === 'dialog' ? 'dialog' : String(chat.chat_id),
    id: chat.chat_id,
    chat,
  }));
  if (!chats.some((c) => c.key === 'dialog')) chats.push({ key: 'dialog', id: null, chat: null });
  chats.sort((a, b) => {
    const ka = KIND_ORDER[a.chat ? kindOf(a.chat) : 'dialog'] ?? 3;
    const kb = KIND_ORDER[b.chat ? kindOf(b.chat) : 'dialog'] ?? 3;
    return ka - kb || chatTitle(a).localeCompare(chatTitle(b));
  });
  state.chats = chats;
  renderChats();
}

function chatTitle(entry: ChatEntry): string {
  if (entry.key === 'dialog' || !entry.chat) return botName();
  return entry.chat.title || `Chat ${entry.id}`;
}

function chatSubtitle(entry: ChatEntry): string {
  if (!entry.chat) return 'Dialog with the bot · not started';
  const chat = entry.chat;
  const botState = chat.status === 'active' ? '' : ` · bot ${chat.status}`;
  if (kindOf(chat) === 'dialog') return `Dialog with the bot${botState}`;
  const kind = kindOf(chat) === 'channel' ? 'Channel' : 'Group';
  return `${kind} · ${chat.participants_count} members${botState}`;
}

function renderChats(): void {
  const list = byId('chat-list');
  list.textContent = '';
  if (state.userId === null) {
    list.appendChild(h('div', 'hint', 'Create a user to start chatting'));
    return;
  }
  for (const entry of state.chats) {
    const item = h('button', 'chat-item');
    item.type = 'button';
    item.dataset['chatKey'] = entry.key;
    if (entry.id !== null) item.dataset['chatId'] = String(entry.id);
    if (entry.key === state.chatKey) {
      item.classList.add('active');
      item.setAttribute('aria-current', 'true');
    }
    item.appendChild(avatar(chatTitle(entry), entry.key === 'dialog' ? (state.bot ? state.bot.user_id : 0) : entry.id));
    const text = h('span', 'chat-item-text');
    text.appendChild(h('span', 'chat-item-title', chatTitle(entry)));
    text.appendChild(h('span', 'chat-item-sub', chatSubtitle(entry)));
    item.appendChild(text);
    const unread = entry.id !== null ? (state.unread.get(entry.id) ?? 0) : 0;
    if (unread > 0) item.appendChild(h('span', 'badge', unread > 99 ? '99+' : String(unread)));
    item.addEventListener('click', () => {
      selectChat(entry.key).catch(fail);
      document.body.classList.remove('sidebar-open');
    });
    list.appendChild(item);
  }
}

function renderHeader(): void {
  const entry = currentChat();
  const title = byId('chat-title');
  const sub = byId('chat-sub');
  const avatarBox = byId('chat-avatar');
  avatarBox.textContent = '';
  byId('start-form').hidden = !(entry !== null && entry.key === 'dialog');
  byId('composer').classList.toggle('disabled', entry === null);
  byId('composer-input', HTMLTextAreaElement).disabled = entry === null;
  byId('send-button', HTMLButtonElement).disabled = entry === null;
  if (entry === null) {
    title.textContent = state.userId === null ? 'No user yet' : 'Pick a chat';
    sub.textContent = '';
    return;
  }
  avatarBox.appendChild(
    avatar(chatTitle(entry), entry.key === 'dialog' ? (state.bot ? state.bot.user_id : 0) : entry.id),
  );
  title.textContent = chatTitle(entry);
  const user = currentUser();
  sub.textContent = chatSubtitle(entry) + (user ? ` · you are ${user.name}` : '');
}

function saveLocation(): void {
  const parts: string[] = [];
  if (state.userId !== null) parts.push(`user=${state.userId}`);
  if (state.chatKey !== null) parts.push(`chat=${encodeURIComponent(state.chatKey)}`);
  history.replaceState(null, '', `#${parts.join('&')}`);
}

function readLocation(): Map<string, string> {
  const found = new Map<string, string>();
  for (const pair of location.hash.replace(/^#/, '').split('&')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    try {
      found.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
    } catch {
      // a hand-edited hash with a broken escape: ignore that part
    }
  }
  return found;
}

async function selectUser(userId: number): Promise<void> {
  state.userId = userId;
  state.unread.clear();
  state.pendingPresses.clear();
  // The previous user's notices (bot notifications, errors) are not this user's.
  clearToasts();
  renderUsers();
  await loadChats();
  await selectChat('dialog');
}

// ---- messages ------------------------------------------------------------------------------

function messagesBox(): HTMLElement {
  return byId('messages');
}

async function selectChat(key: string | null): Promise<void> {
  state.chatKey = key;
  const entry = currentChat();
  state.chatId = entry ? entry.id : null;
  if (state.chatId !== null) state.unread.delete(state.chatId);
  renderChats();
  renderHeader();
  saveLocation();
  hideTyping();
  const box = messagesBox();
  state.rows.clear();
  state.messages.clear();
  state.edited.clear();
  state.pinned = true;
  if (state.chatId === null) {
    state.loading = null;
    box.textContent = '';
    box.appendChild(emptyState());
    return;
  }
  const token = {};
  state.loading = token;
  state.queued = [];
  try {
    const chatId = state.chatId;
    const [messages, edited] = await Promise.all([
      api<Message[]>('GET', `/chats/${chatId}/messages`),
      api<EditedMessageRecord[]>('GET', `/inspect/edited-messages?chat_id=${chatId}`),
    ]);
    if (state.loading !== token) return;
    box.textContent = '';
    for (const record of edited) state.edited.add(record.messageId);
    for (const message of messages) upsertMessage(message, false);
    const queued = state.queued;
    state.queued = [];
    state.loading = null;
    for (const apply of queued) apply();
    if (state.rows.size === 0) box.appendChild(emptyState());
    scrollToBottom(true);
  } catch (error) {
    if (state.loading === token) state.loading = null;
    fail(error);
  }
}

function emptyState(): HTMLElement {
  const node = h('div', 'empty');
  const entry = currentChat();
  if (!entry) {
    node.appendChild(h('div', 'empty-title', 'Pick a user and a chat'));
    return node;
  }
  node.appendChild(h('div', 'empty-title', 'No messages yet'));
  node.appendChild(
    h(
      'div',
      'empty-text',
      entry.key === 'dialog'
        ? 'Press “Start bot” (optionally with a deep-link payload) or just say hi.'
        : 'Messages in this chat will appear here.',
    ),
  );
  return node;
}

/** Inserts or replaces a message row, ordered by seq; follows it when the pane is pinned to the newest. */
function upsertMessage(message: Message, flash: boolean): void {
  const mid = message.body.mid;
  state.messages.set(mid, message);
  const box = messagesBox();
  box.querySelector('.empty')?.remove();
  const follow = state.pinned || isNearBottom() || message.sender?.user_id === state.userId;
  const row = rowFor(message, false);
  const old = state.rows.get(mid);
  if (old) {
    old.replaceWith(row);
  } else {
    let next: HTMLElement | null = null;
    for (const other of state.rows.values()) {
      const seq = Number(other.dataset['seq']);
      if (seq > message.body.seq && (next === null || seq < Number(next.dataset['seq']))) next = other;
    }
    box.insertBefore(row, next);
  }
  state.rows.set(mid, row);
  if (flash) {
    row.classList.add('flash');
    setTimeout(() => row.classList.remove('flash'), 1200);
  }
  if (follow) scrollToBottom(!flash);
}

function rowFor(message: Message, deleted: boolean): HTMLElement {
  const entry = currentChat();
  const row = renderMessage(message, {
    mine: message.sender?.user_id === state.userId,
    showSender: true,
    edited: state.edited.has(message.body.mid),
    deleted,
    chatTitle: entry ? chatTitle(entry) : '',
    chatId: state.chatId,
    onPress: (pressed, button, node) => void pressButton(pressed, button, node),
  });
  // Images change a row's height when they arrive: stay on the newest message if following it.
  for (const img of row.querySelectorAll('img')) {
    img.addEventListener('load', () => {
      if (state.pinned) scrollToBottom(true);
    });
  }
  return row;
}

function markDeleted(mid: string): void {
  const message = state.messages.get(mid);
  const old = state.rows.get(mid);
  if (!message || !old) return;
  const row = rowFor(message, true);
  old.replaceWith(row);
  state.rows.set(mid, row);
}

function isNearBottom(): boolean {
  const box = messagesBox();
  return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
}

/** Shows the newest message (instantly, or with a smooth scroll for one that just arrived). */
function scrollToBottom(instant: boolean): void {
  const box = messagesBox();
  state.pinned = true;
  box.scrollTo({ top: box.scrollHeight, behavior: instant ? 'auto' : 'smooth' });
}

/**
 * Scrolling up away from the newest message unpins the conversation; coming back to the end
 * pins it again. The page's own scrolls only go down, so a smooth scroll in progress never
 * unpins it.
 */
function onMessagesScroll(): void {
  const top = messagesBox().scrollTop;
  const movedUp = top < state.lastScrollTop;
  state.lastScrollTop = top;
  if (isNearBottom()) state.pinned = true;
  else if (movedUp) state.pinned = false;
}

function showTyping(action: string): void {
  const node = byId('typing');
  const what = action === 'typing_on' ? 'is typing' : `is ${action.replace(/_/g, ' ')}`;
  node.textContent = `${botName()} ${what}…`;
  node.hidden = false;
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(hideTyping, 5000);
}

function hideTyping(): void {
  clearTimeout(state.typingTimer);
  byId('typing').hidden = true;
}

// ---- live events ---------------------------------------------------------------------------

/** Runs now, or after the chat being loaded is rendered (so no event is lost or overwritten). */
function whenLoaded(apply: () => void): void {
  if (state.loading) state.queued.push(apply);
  else apply();
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;
function refreshChatsSoon(): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    void (async () => {
      try {
        await loadChats();
        const entry = currentChat();
        if (!entry)
          await selectChat('dialog'); // e.g. the user left or was removed from the open chat
        else if (entry.id !== state.chatId) await selectChat(entry.key);
        else renderHeader();
      } catch (error) {
        fail(error);
      }
    })();
  }, 150);
}

function knownChat(chatId: number): boolean {
  return state.chats.some((c) => c.id === chatId);
}

const ON_STREAM: { [N in StreamEvent['name']]: (data: StreamData<N>) => void } = {
  message_created(data) {
    if (data.chatId === state.chatId) {
      if (data.message.sender?.is_bot) hideTyping();
      whenLoaded(() => upsertMessage(data.message, true));
      return;
    }
    const mine = data.message.sender?.user_id === state.userId;
    const toMe = data.message.recipient.user_id === state.userId;
    if (knownChat(data.chatId)) {
      if (!mine) state.unread.set(data.chatId, (state.unread.get(data.chatId) ?? 0) + 1);
      renderChats();
    } else if (mine || toMe) {
      refreshChatsSoon();
    }
  },
  message_edited(data) {
    if (data.chatId !== state.chatId) return;
    whenLoaded(() => {
      state.edited.add(data.message.body.mid);
      upsertMessage(data.message, true);
    });
  },
  message_removed(data) {
    if (data.chatId !== state.chatId) return;
    whenLoaded(() => markDeleted(data.messageId));
  },
  callback_answered(data) {
    state.answered.add(data.callbackId);
    if (state.answered.size > 200) {
      const oldest = state.answered.values().next();
      if (!oldest.done) state.answered.delete(oldest.value);
    }
    releasePress(data.callbackId);
    if (data.userId === state.userId && data.notification) toast(data.notification, 'notice');
  },
  action(data) {
    if (data.chatId === state.chatId && data.action !== 'mark_seen') showTyping(data.action);
  },
  chat_changed() {
    // Titles, members and the bot's status may have changed, and the user may be in new chats.
    refreshChatsSoon();
  },
};

function listen<N extends StreamEvent['name']>(source: EventSource, name: N): void {
  source.addEventListener(name, (event) => {
    let data: StreamData<N>;
    try {
      data = JSON.parse((event as MessageEvent<string>).data) as StreamData<N>;
    } catch {
      return;
    }
    (ON_STREAM[name] as (data: StreamData<N>) => void)(data);
  });
}

function connect(): void {
  const status = byId('live-status');
  const source = new EventSource(`${API}/events`);
  source.addEventListener('ready', () => {
    status.dataset['state'] = 'live';
    status.textContent = 'live';
    if (state.connectedOnce) void resync();
    state.connectedOnce = true;
  });
  source.addEventListener('error', () => {
    status.dataset['state'] = 'offline';
    status.textContent = 'reconnecting';
  });
  for (const name of Object.keys(ON_STREAM) as Array<StreamEvent['name']>) listen(source, name);
  window.addEventListener('pagehide', () => source.close());
}

async function resync(): Promise<void> {
  try {
    await loadUsers();
    await loadChats();
    await selectChat(state.chatKey ?? 'dialog');
  } catch (error) {
    fail(error);
  }
}

// ---- actions -------------------------------------------------------------------------------

function releasePress(callbackId: string): void {
  const node = state.pendingPresses.get(callbackId);
  if (!node) return;
  state.pendingPresses.delete(callbackId);
  node.classList.remove('pending');
  node.disabled = false;
}

async function pressButton(message: Message, button: Button, node: HTMLButtonElement): Promise<void> {
  if (node.disabled || state.userId === null) return;
  const body: { messageId: string; payload?: string; text?: string } = { messageId: message.body.mid };
  if (button.type === 'callback' && typeof button.payload === 'string') body.payload = button.payload;
  else body.text = button.text;
  node.disabled = true;
  node.classList.add('pending');
  try {
    const result = await api<ButtonPressResult | null>('POST', userPath('press'), body);
    if (result?.kind === 'callback' && !state.answered.has(result.callbackId)) {
      state.pendingPresses.set(result.callbackId, node);
      setTimeout(() => releasePress(result.callbackId), 5000);
      return;
    }
    node.classList.remove('pending');
    node.disabled = false;
    if (result?.kind === 'chat') {
      toast((result.created ? 'Created chat ' : 'Opened chat ') + (result.chat.title || result.chat.chat_id));
      await loadChats();
      await selectChat(String(result.chat.chat_id));
    } else if (result?.kind === 'message') {
      upsertMessage(result.message, true);
    } else if (result?.kind === 'open_app') {
      const app =
        result.webApp ?? (result.contactId === null ? 'the mini app' : `the app of contact ${result.contactId}`);
      toast(`Opens ${app}${result.payload ? ` with “${result.payload}”` : ''} (mini apps do not run in the emulator)`);
    } else if (result?.kind === 'clipboard') {
      await copyText(result.text);
      toast(`Copied “${result.text}”`);
    }
  } catch (error) {
    node.classList.remove('pending');
    node.disabled = false;
    fail(error);
  }
}

/** Puts `text` on the clipboard; a browser that refuses (no permission) leaves it to the toast. */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // The toast shows the text either way.
  }
}

async function sendMessage(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const input = byId('composer-input', HTMLTextAreaElement);
  const text = input.value;
  if (text.trim() === '' || state.userId === null || state.chatKey === null) return;
  const body: { text: string; format?: string; chatId?: number } = { text };
  const format = byId('format-select', HTMLSelectElement).value;
  if (format) body.format = format;
  if (state.chatId !== null) body.chatId = state.chatId;
  const button = byId('send-button', HTMLButtonElement);
  button.disabled = true;
  try {
    const message = await api<Message>('POST', userPath('send'), body);
    input.value = '';
    autosize();
    if (state.chatId === null) {
      await loadChats();
      await selectChat(state.chatKey);
    } else if (message.recipient.chat_id === state.chatId) {
      whenLoaded(() => upsertMessage(message, false));
    }
  } catch (error) {
    fail(error);
  } finally {
    button.disabled = false;
    input.focus();
  }
}

async function startBot(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  if (state.userId === null) return;
  const field = byId('start-payload', HTMLInputElement);
  const payload = field.value.trim();
  try {
    await api('POST', userPath('start'), payload ? { payload } : {});
    toast(payload ? `Bot started with payload “${payload}”` : 'Bot started');
    field.value = '';
    await loadChats();
    await selectChat('dialog');
  } catch (error) {
    fail(error);
  }
}

async function createUser(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const name = byId('new-user-name', HTMLInputElement).value.trim();
  const username = byId('new-user-username', HTMLInputElement).value.trim().replace(/^@/, '');
  if (!name) return;
  try {
    const user = await api<User>('POST', '/users', username ? { name, username } : { name });
    byId('new-user-form', HTMLFormElement).reset();
    byId('new-user', HTMLDetailsElement).open = false;
    await loadUsers();
    await selectUser(user.user_id);
    toast(`Created user ${user.name}`);
  } catch (error) {
    fail(error);
  }
}

async function createGroup(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const title = byId('new-group-title', HTMLInputElement).value.trim();
  if (!title || state.userId === null) return;
  const type = byId('new-group-type', HTMLSelectElement).value === 'channel' ? 'channel' : 'chat';
  const memberIds = Array.from(byId('new-group-members').querySelectorAll<HTMLInputElement>('input:checked'), (box) =>
    Number(box.value),
  );
  try {
    // The bot joins through add-bot, so it receives bot_added like on the real server.
    const chat = await api<Chat>('POST', '/chats', {
      type,
      title,
      ownerId: state.userId,
      memberIds,
      bot: { member: false },
    });
    await api('POST', userPath('add-bot'), { chatId: chat.chat_id });
    byId('new-group-form', HTMLFormElement).reset();
    byId('new-group', HTMLDetailsElement).open = false;
    toast((type === 'channel' ? 'Created channel ' : 'Created group ') + title);
    await loadChats();
    await selectChat(String(chat.chat_id));
  } catch (error) {
    fail(error);
  }
}

function autosize(): void {
  const input = byId('composer-input', HTMLTextAreaElement);
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
}

/** Runs an async form handler, reporting a failure instead of leaving it unhandled. */
function onSubmit(id: string, handler: (event: SubmitEvent) => Promise<void>): void {
  byId(id, HTMLFormElement).addEventListener('submit', (event) => {
    handler(event).catch(fail);
  });
}

// ---- start ---------------------------------------------------------------------------------

/**
 * Wires the page and loads the world: the user and chat from the URL hash, else the first user's
 * dialog with the bot. Sets `body[data-ready]` when the first chat is shown.
 *
 * @example
 * void boot();
 */
export async function boot(): Promise<void> {
  const userSelect = byId('user-select', HTMLSelectElement);
  userSelect.addEventListener('change', () => {
    selectUser(Number(userSelect.value)).catch(fail);
  });
  onSubmit('composer', sendMessage);
  const input = byId('composer-input', HTMLTextAreaElement);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      byId('composer', HTMLFormElement).requestSubmit();
    }
  });
  input.addEventListener('input', autosize);
  messagesBox().addEventListener('scroll', onMessagesScroll, { passive: true });
  onSubmit('start-form', startBot);
  onSubmit('new-user-form', createUser);
  onSubmit('new-group-form', createGroup);
  byId('toggle-sidebar').addEventListener('click', () => document.body.classList.toggle('sidebar-open'));
  byId('backdrop').addEventListener('click', () => document.body.classList.remove('sidebar-open'));
  connect();
  try {
    const world = await api<{ bot: BotInfo }>('GET', '/state');
    state.bot = world.bot;
    const botLabel = byId('bot-name');
    botLabel.textContent = `with ${world.bot.name}`;
    if (world.bot.username) botLabel.title = `@${world.bot.username}`;
    const wanted = readLocation();
    const wantedUser = Number(wanted.get('user'));
    state.userId = Number.isSafeInteger(wantedUser) && wantedUser !== 0 ? wantedUser : null;
    await loadUsers();
    await loadChats();
    const wantedChat = wanted.get('chat');
    const key = wantedChat !== undefined && state.chats.some((c) => c.key === wantedChat) ? wantedChat : 'dialog';
    await selectChat(state.userId === null ? null : key);
    document.body.dataset['ready'] = 'true';
  } catch (error) {
    fail(error);
  }
}
