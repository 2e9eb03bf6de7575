/**
 * Client script, part 3: the application — state, control-API calls, the live event stream,
 * pickers, the composer, button presses and toasts.
 */

/**
 * Defines the page's state and wiring, and starts it (`boot()`). Talks only to the emulator:
 * `/_emulator/state|users|chats|...` and the `/_emulator/events` stream.
 *
 * @example
 * const script = `${MARKUP_SCRIPT}${MESSAGES_SCRIPT}${APP_SCRIPT}`;
 */
export const APP_SCRIPT = String.raw`
var API = '/_emulator';
var STREAM_EVENTS = ['message_created', 'message_edited', 'message_removed', 'callback_answered', 'action', 'chat_changed'];

var state = {
  bot: null,
  users: [],
  userId: null,
  chats: [],
  /** The selected chat: a chat id, or 'dialog' for the user's dialog with the bot before it exists. */
  chatKey: null,
  chatId: null,
  rows: new Map(),
  messages: new Map(),
  edited: new Set(),
  unread: new Map(),
  loading: null,
  queued: [],
  pendingPresses: new Map(),
  answered: new Set(),
  connectedOnce: false,
  typingTimer: null,
};

function byId(id) {
  return document.getElementById(id);
}

// ---- control API -------------------------------------------------------------------------

async function api(method, path, body) {
  var init = { method: method, headers: {} };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  var res = await fetch(API + path, init);
  var text = await res.text();
  var data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  if (!res.ok) throw new Error(data && data.message ? data.message : 'The emulator answered HTTP ' + res.status);
  return data;
}

function userPath(action) {
  return '/users/' + state.userId + '/' + action;
}

// ---- toasts --------------------------------------------------------------------------------

function toast(text, kind) {
  var box = byId('toasts');
  var node = h('div', 'toast' + (kind ? ' ' + kind : ''), text);
  box.appendChild(node);
  while (box.children.length > 4) box.removeChild(box.firstChild);
  setTimeout(function () {
    node.classList.add('leaving');
    setTimeout(function () { node.remove(); }, 300);
  }, kind === 'error' ? 6000 : 4000);
}

function fail(error) {
  toast(error && error.message ? error.message : String(error), 'error');
}

// ---- users and chats -------------------------------------------------------------------------

function currentUser() {
  return state.users.find(function (u) { return u.user_id === state.userId; }) || null;
}

function currentChat() {
  return state.chats.find(function (c) { return c.key === state.chatKey; }) || null;
}

function botName() {
  return state.bot ? state.bot.name : 'Bot';
}

function renderUsers() {
  var select = byId('user-select');
  select.textContent = '';
  state.users.forEach(function (user) {
    var option = h('option', '', user.name + (user.username ? ' (@' + user.username + ')' : ''));
    option.value = String(user.user_id);
    select.appendChild(option);
  });
  if (state.userId !== null) select.value = String(state.userId);
  var members = byId('new-group-members');
  members.textContent = '';
  state.users.filter(function (u) { return u.user_id !== state.userId; }).forEach(function (user) {
    var label = h('label', 'check');
    var box = h('input');
    box.type = 'checkbox';
    box.value = String(user.user_id);
    label.appendChild(box);
    label.appendChild(document.createTextNode(' ' + user.name));
    members.appendChild(label);
  });
  if (members.children.length === 0) members.appendChild(h('div', 'hint', 'No other users yet'));
}

async function loadUsers() {
  state.users = await api('GET', '/users');
  if (!state.users.some(function (u) { return u.user_id === state.userId; })) {
    state.userId = state.users.length > 0 ? state.users[0].user_id : null;
  }
  renderUsers();
}

var KIND_ORDER = { dialog: 0, chat: 1, channel: 2 };

async function loadChats() {
  if (state.userId === null) {
    state.chats = [];
    renderChats();
    return;
  }
  var list = await api('GET', userPath('chats'));
  var chats = list.map(function (chat) {
    return { key: chat.type === 'dialog' ? 'dialog' : String(chat.chat_id), id: chat.chat_id, chat: chat };
  });
  if (!chats.some(function (c) { return c.key === 'dialog'; })) chats.push({ key: 'dialog', id: null, chat: null });
  chats.sort(function (a, b) {
    var ka = KIND_ORDER[a.chat ? a.chat.type : 'dialog'];
    var kb = KIND_ORDER[b.chat ? b.chat.type : 'dialog'];
    return ka - kb || chatTitle(a).localeCompare(chatTitle(b));
  });
  state.chats = chats;
  renderChats();
}

function chatTitle(entry) {
  if (entry.key === 'dialog') return botName();
  return entry.chat.title || 'Chat ' + entry.id;
}

function chatSubtitle(entry) {
  if (!entry.chat) return 'Dialog with the bot · not started';
  var chat = entry.chat;
  var botState = chat.status === 'active' ? '' : ' · bot ' + chat.status;
  if (chat.type === 'dialog') return 'Dialog with the bot' + botState;
  var kind = chat.type === 'channel' ? 'Channel' : 'Group';
  return kind + ' · ' + chat.participants_count + ' members' + botState;
}

function renderChats() {
  var list = byId('chat-list');
  list.textContent = '';
  if (state.userId === null) {
    list.appendChild(h('div', 'hint', 'Create a user to start chatting'));
    return;
  }
  state.chats.forEach(function (entry) {
    var item = h('button', 'chat-item');
    item.type = 'button';
    item.dataset.chatKey = entry.key;
    if (entry.id !== null) item.dataset.chatId = String(entry.id);
    if (entry.key === state.chatKey) {
      item.classList.add('active');
      item.setAttribute('aria-current', 'true');
    }
    item.appendChild(avatar(chatTitle(entry), entry.key === 'dialog' ? (state.bot ? state.bot.user_id : 0) : entry.id));
    var text = h('span', 'chat-item-text');
    text.appendChild(h('span', 'chat-item-title', chatTitle(entry)));
    text.appendChild(h('span', 'chat-item-sub', chatSubtitle(entry)));
    item.appendChild(text);
    var unread = entry.id !== null ? state.unread.get(entry.id) || 0 : 0;
    if (unread > 0) item.appendChild(h('span', 'badge', unread > 99 ? '99+' : String(unread)));
    item.addEventListener('click', function () {
      selectChat(entry.key);
      document.body.classList.remove('sidebar-open');
    });
    list.appendChild(item);
  });
}

function renderHeader() {
  var entry = currentChat();
  var title = byId('chat-title');
  var sub = byId('chat-sub');
  var avatarBox = byId('chat-avatar');
  avatarBox.textContent = '';
  var isDialog = entry !== null && entry.key === 'dialog';
  byId('start-form').hidden = !isDialog;
  byId('composer').classList.toggle('disabled', entry === null);
  byId('composer-input').disabled = entry === null;
  byId('send-button').disabled = entry === null;
  if (entry === null) {
    title.textContent = state.userId === null ? 'No user yet' : 'Pick a chat';
    sub.textContent = '';
    return;
  }
  avatarBox.appendChild(avatar(chatTitle(entry), entry.key === 'dialog' ? (state.bot ? state.bot.user_id : 0) : entry.id));
  title.textContent = chatTitle(entry);
  var user = currentUser();
  sub.textContent = chatSubtitle(entry) + (user ? ' · you are ' + user.name : '');
}

function saveLocation() {
  var parts = [];
  if (state.userId !== null) parts.push('user=' + state.userId);
  if (state.chatKey !== null) parts.push('chat=' + encodeURIComponent(state.chatKey));
  history.replaceState(null, '', '#' + parts.join('&'));
}

function readLocation() {
  var found = {};
  location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
    var at = pair.indexOf('=');
    if (at > 0) found[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1));
  });
  return found;
}

async function selectUser(userId) {
  state.userId = userId;
  state.unread.clear();
  renderUsers();
  await loadChats();
  await selectChat('dialog');
}

// ---- messages ------------------------------------------------------------------------------

async function selectChat(key) {
  state.chatKey = key;
  var entry = currentChat();
  state.chatId = entry ? entry.id : null;
  if (state.chatId !== null) state.unread.delete(state.chatId);
  renderChats();
  renderHeader();
  saveLocation();
  hideTyping();
  var box = byId('messages');
  state.rows.clear();
  state.messages.clear();
  if (state.chatId === null) {
    box.textContent = '';
    box.appendChild(emptyState());
    return;
  }
  var token = {};
  state.loading = token;
  state.queued = [];
  try {
    var messages = await api('GET', '/chats/' + state.chatId + '/messages');
    if (state.loading !== token) return;
    box.textContent = '';
    messages.forEach(function (m) { upsertMessage(m, false); });
    var queued = state.queued;
    state.queued = [];
    state.loading = null;
    queued.forEach(function (apply) { apply(); });
    if (state.rows.size === 0) box.appendChild(emptyState());
    scrollToBottom(true);
  } catch (error) {
    if (state.loading === token) state.loading = null;
    fail(error);
  }
}

function emptyState() {
  var node = h('div', 'empty');
  var entry = currentChat();
  if (!entry) {
    node.appendChild(h('div', 'empty-title', 'Pick a user and a chat'));
    return node;
  }
  node.appendChild(h('div', 'empty-title', 'No messages yet'));
  node.appendChild(h('div', 'empty-text', entry.key === 'dialog'
    ? 'Press “Start bot” (optionally with a deep-link payload) or just say hi.'
    : 'Messages in this chat will appear here.'));
  return node;
}

/** Inserts or replaces a message row, ordered by seq. */
function upsertMessage(message, flash) {
  var mid = message.body.mid;
  state.messages.set(mid, message);
  var box = byId('messages');
  var empty = box.querySelector('.empty');
  if (empty) empty.remove();
  var stick = isNearBottom();
  var row = rowFor(message, false);
  var old = state.rows.get(mid);
  if (old) {
    old.replaceWith(row);
  } else {
    var next = null;
    state.rows.forEach(function (other) {
      if (Number(other.dataset.seq) > message.body.seq && (next === null || Number(other.dataset.seq) < Number(next.dataset.seq))) next = other;
    });
    box.insertBefore(row, next);
  }
  state.rows.set(mid, row);
  if (flash) {
    row.classList.add('flash');
    setTimeout(function () { row.classList.remove('flash'); }, 1200);
  }
  if (stick || (message.sender && message.sender.user_id === state.userId)) scrollToBottom(false);
}

function rowFor(message, deleted) {
  var entry = currentChat();
  return renderMessage(message, {
    mine: Boolean(message.sender && message.sender.user_id === state.userId),
    showSender: true,
    edited: state.edited.has(message.body.mid),
    deleted: deleted,
    chatTitle: entry ? chatTitle(entry) : '',
    chatId: state.chatId,
  });
}

function markDeleted(mid) {
  var message = state.messages.get(mid);
  var old = state.rows.get(mid);
  if (!message || !old) return;
  var row = rowFor(message, true);
  old.replaceWith(row);
  state.rows.set(mid, row);
}

function isNearBottom() {
  var box = byId('messages');
  return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
}

function scrollToBottom(instant) {
  var box = byId('messages');
  box.scrollTo({ top: box.scrollHeight, behavior: instant ? 'auto' : 'smooth' });
}

function showTyping(action) {
  var node = byId('typing');
  var what = action === 'typing_on' ? 'is typing' : 'is ' + action.replace(/_/g, ' ');
  node.textContent = botName() + ' ' + what + '…';
  node.hidden = false;
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(hideTyping, 5000);
}

function hideTyping() {
  clearTimeout(state.typingTimer);
  byId('typing').hidden = true;
}

// ---- live events ---------------------------------------------------------------------------

/** Runs now, or after the chat being loaded is rendered (so no event is lost or overwritten). */
function whenLoaded(apply) {
  if (state.loading) state.queued.push(apply);
  else apply();
}

var refreshTimer = null;
function refreshChatsSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(async function () {
    try {
      await loadChats();
      var entry = currentChat();
      if (!entry) await selectChat('dialog'); // e.g. the user left or was removed from the open chat
      else if (entry.id !== state.chatId) await selectChat(entry.key);
      else renderHeader();
    } catch (error) {
      fail(error);
    }
  }, 150);
}

function knownChat(chatId) {
  return state.chats.some(function (c) { return c.id === chatId; });
}

var ON_STREAM = {
  message_created: function (data) {
    if (data.chatId === state.chatId) {
      if (data.message.sender && data.message.sender.is_bot) hideTyping();
      whenLoaded(function () { upsertMessage(data.message, true); });
      return;
    }
    var mine = data.message.sender && data.message.sender.user_id === state.userId;
    var toMe = data.message.recipient && data.message.recipient.user_id === state.userId;
    if (knownChat(data.chatId)) {
      if (!mine) state.unread.set(data.chatId, (state.unread.get(data.chatId) || 0) + 1);
      renderChats();
    } else if (mine || toMe) {
      refreshChatsSoon();
    }
  },
  message_edited: function (data) {
    if (data.chatId !== state.chatId) return;
    whenLoaded(function () {
      state.edited.add(data.message.body.mid);
      upsertMessage(data.message, true);
    });
  },
  message_removed: function (data) {
    if (data.chatId !== state.chatId) return;
    whenLoaded(function () { markDeleted(data.messageId); });
  },
  callback_answered: function (data) {
    state.answered.add(data.callbackId);
    if (state.answered.size > 200) state.answered.delete(state.answered.values().next().value);
    releasePress(data.callbackId);
    if (data.userId === state.userId && data.notification) toast(data.notification, 'notice');
  },
  action: function (data) {
    if (data.chatId === state.chatId && data.action !== 'mark_seen') showTyping(data.action);
  },
  chat_changed: function () {
    // Titles, members and the bot's status may have changed, and the user may be in new chats.
    refreshChatsSoon();
  },
};

function connect() {
  var status = byId('live-status');
  var source = new EventSource(API + '/events');
  source.addEventListener('ready', function () {
    status.dataset.state = 'live';
    status.textContent = 'live';
    if (state.connectedOnce) resync();
    state.connectedOnce = true;
  });
  source.addEventListener('error', function () {
    status.dataset.state = 'offline';
    status.textContent = 'reconnecting';
  });
  STREAM_EVENTS.forEach(function (name) {
    source.addEventListener(name, function (event) {
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      ON_STREAM[name](data);
    });
  });
  window.addEventListener('pagehide', function () { source.close(); });
}

async function resync() {
  try {
    await loadUsers();
    await loadChats();
    await selectChat(state.chatKey || 'dialog');
  } catch (error) {
    fail(error);
  }
}

// ---- actions -------------------------------------------------------------------------------

function releasePress(callbackId) {
  var node = state.pendingPresses.get(callbackId);
  if (!node) return;
  state.pendingPresses.delete(callbackId);
  node.classList.remove('pending');
  node.disabled = false;
}

async function pressButton(message, button, node) {
  if (node.disabled || state.userId === null) return;
  var body = { messageId: message.body.mid };
  if (button.type === 'callback' && typeof button.payload === 'string') body.payload = button.payload;
  else body.text = button.text;
  node.disabled = true;
  node.classList.add('pending');
  try {
    var result = await api('POST', userPath('press'), body);
    if (result && result.kind === 'callback' && !state.answered.has(result.callbackId)) {
      state.pendingPresses.set(result.callbackId, node);
      setTimeout(function () { releasePress(result.callbackId); }, 5000);
      return;
    }
    node.classList.remove('pending');
    node.disabled = false;
    if (result && result.kind === 'chat') {
      toast((result.created ? 'Created chat ' : 'Opened chat ') + (result.chat.title || result.chat.chat_id));
      await loadChats();
      await selectChat(String(result.chat.chat_id));
    } else if (result && result.kind === 'message') {
      upsertMessage(result.message, true);
    }
  } catch (error) {
    node.classList.remove('pending');
    node.disabled = false;
    fail(error);
  }
}

async function sendMessage(event) {
  event.preventDefault();
  var input = byId('composer-input');
  var text = input.value;
  if (text.trim() === '' || state.userId === null || state.chatKey === null) return;
  var body = { text: text };
  var format = byId('format-select').value;
  if (format) body.format = format;
  if (state.chatId !== null) body.chatId = state.chatId;
  var button = byId('send-button');
  button.disabled = true;
  try {
    var message = await api('POST', userPath('send'), body);
    input.value = '';
    autosize();
    if (state.chatId === null) {
      await loadChats();
      await selectChat(state.chatKey);
    } else if (message.recipient.chat_id === state.chatId) {
      whenLoaded(function () { upsertMessage(message, false); });
    }
  } catch (error) {
    fail(error);
  } finally {
    button.disabled = false;
    input.focus();
  }
}

async function startBot(event) {
  event.preventDefault();
  if (state.userId === null) return;
  var payload = byId('start-payload').value.trim();
  try {
    await api('POST', userPath('start'), payload ? { payload: payload } : {});
    toast(payload ? 'Bot started with payload “' + payload + '”' : 'Bot started');
    byId('start-payload').value = '';
    await loadChats();
    await selectChat('dialog');
  } catch (error) {
    fail(error);
  }
}

async function createUser(event) {
  event.preventDefault();
  var name = byId('new-user-name').value.trim();
  var username = byId('new-user-username').value.trim().replace(/^@/, '');
  if (!name) return;
  try {
    var user = await api('POST', '/users', username ? { name: name, username: username } : { name: name });
    byId('new-user-form').reset();
    byId('new-user').open = false;
    await loadUsers();
    toast('Created user ' + user.name);
    await selectUser(user.user_id);
  } catch (error) {
    fail(error);
  }
}

async function createGroup(event) {
  event.preventDefault();
  var title = byId('new-group-title').value.trim();
  if (!title || state.userId === null) return;
  var type = byId('new-group-type').value === 'channel' ? 'channel' : 'chat';
  var memberIds = Array.from(byId('new-group-members').querySelectorAll('input:checked')).map(function (box) { return Number(box.value); });
  try {
    // The bot joins through add-bot, so it receives bot_added like on the real server.
    var chat = await api('POST', '/chats', { type: type, title: title, ownerId: state.userId, memberIds: memberIds, bot: { member: false } });
    await api('POST', userPath('add-bot'), { chatId: chat.chat_id });
    byId('new-group-form').reset();
    byId('new-group').open = false;
    toast((type === 'channel' ? 'Created channel ' : 'Created group ') + title);
    await loadChats();
    await selectChat(String(chat.chat_id));
  } catch (error) {
    fail(error);
  }
}

function autosize() {
  var input = byId('composer-input');
  input.style.height = 'auto';
  input.style.height = Math.min(input.scrollHeight, 160) + 'px';
}

// ---- start ---------------------------------------------------------------------------------

async function boot() {
  byId('user-select').addEventListener('change', function (event) {
    selectUser(Number(event.target.value)).catch(fail);
  });
  byId('composer').addEventListener('submit', sendMessage);
  byId('composer-input').addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      byId('composer').requestSubmit();
    }
  });
  byId('composer-input').addEventListener('input', autosize);
  byId('start-form').addEventListener('submit', startBot);
  byId('new-user-form').addEventListener('submit', createUser);
  byId('new-group-form').addEventListener('submit', createGroup);
  byId('toggle-sidebar').addEventListener('click', function () { document.body.classList.toggle('sidebar-open'); });
  byId('backdrop').addEventListener('click', function () { document.body.classList.remove('sidebar-open'); });
  connect();
  try {
    var world = await api('GET', '/state');
    state.bot = world.bot;
    byId('bot-name').textContent = 'with ' + world.bot.name;
    if (world.bot.username) byId('bot-name').title = '@' + world.bot.username;
    var wanted = readLocation();
    state.userId = wanted.user ? Number(wanted.user) : null;
    await loadUsers();
    await loadChats();
    var key = wanted.chat && state.chats.some(function (c) { return c.key === wanted.chat; }) ? wanted.chat : 'dialog';
    await selectChat(state.userId === null ? null : key);
    document.body.dataset.ready = 'true';
  } catch (error) {
    fail(error);
  }
}

boot();
`;
