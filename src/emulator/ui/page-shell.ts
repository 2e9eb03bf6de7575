/**
 * The web chat page's HTML shell: the markup around its stylesheet and script, with
 * placeholders (`{{name}}`) for what changes per page and per dialect.
 */

/**
 * The page's HTML with `style` inlined and placeholders for the rest: `{{nonce}}` (on the
 * inline style and script), `{{dialect}}`, `{{pageTitle}}`, `{{brandMark}}`, `{{brandTitle}}`,
 * `{{payloadMax}}` (the start payload's length limit) and `{{script}}`. `renderPage` fills them.
 *
 * @example
 * const shell = pageShell(PAGE_STYLE);
 * renderPage(nonce, { script, shell });
 */
export function pageShell(style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{pageTitle}} · tamtam-rx emulator</title>
<link rel="icon" href="data:,">
<style nonce="{{nonce}}">${style}</style>
</head>
<body data-dialect="{{dialect}}">
<div class="app">
  <aside class="sidebar" id="sidebar" aria-label="Users and chats">
    <header class="brand">
      <div class="brand-mark" aria-hidden="true">{{brandMark}}</div>
      <div class="brand-text">
        <div class="brand-title" id="brand-title">{{brandTitle}}</div>
        <div class="brand-sub" id="bot-name">tamtam-rx emulator</div>
      </div>
      <span class="live" id="live-status" data-state="connecting" title="Live updates from the emulator">connecting</span>
    </header>
    <section class="panel">
      <label class="field-label" for="user-select">You are</label>
      <select id="user-select"></select>
      <details class="drawer" id="new-user">
        <summary>New user</summary>
        <form class="stack" id="new-user-form" autocomplete="off">
          <input id="new-user-name" placeholder="Name" required maxlength="64" aria-label="Name">
          <input id="new-user-username" placeholder="Username (optional)" maxlength="64" aria-label="Username">
          <button class="btn primary" type="submit">Create user</button>
        </form>
      </details>
    </section>
    <section class="panel grow">
      <span class="field-label">Chats</span>
      <nav class="chat-list" id="chat-list" aria-label="Chats"></nav>
      <details class="drawer" id="new-group">
        <summary>New group or channel</summary>
        <form class="stack" id="new-group-form" autocomplete="off">
          <input id="new-group-title" placeholder="Title" required maxlength="200" aria-label="Title">
          <select id="new-group-type" aria-label="Kind">
            <option value="chat">Group chat</option>
            <option value="channel">Channel</option>
          </select>
          <div class="members-label" id="new-group-members-label">Members</div>
          <div class="members" id="new-group-members" role="group" aria-labelledby="new-group-members-label"></div>
          <button class="btn primary" type="submit">Create and add the bot</button>
        </form>
      </details>
    </section>
  </aside>
  <div class="backdrop" id="backdrop"></div>
  <main class="main">
    <header class="chat-header">
      <button class="btn only-narrow" type="button" id="toggle-sidebar" aria-controls="sidebar">Chats</button>
      <div id="chat-avatar"></div>
      <div class="chat-title-box">
        <div class="chat-title" id="chat-title">Loading…</div>
        <div class="chat-sub" id="chat-sub"></div>
      </div>
      <form class="start-form" id="start-form" hidden autocomplete="off">
        <input id="start-payload" placeholder="Start payload (optional)" maxlength="{{payloadMax}}" aria-label="Start payload">
        <button class="btn" type="submit" id="start-button">Start bot</button>
      </form>
    </header>
    <div class="messages" id="messages" role="log" aria-live="polite"></div>
    <div class="typing" id="typing" hidden></div>
    <form class="composer" id="composer" autocomplete="off">
      <select id="format-select" aria-label="Text format">
        <option value="">Plain</option>
        <option value="markdown">Markdown</option>
        <option value="html">HTML</option>
      </select>
      <textarea id="composer-input" rows="1" placeholder="Write a message…" maxlength="4000" aria-label="Message"></textarea>
      <button class="btn primary" type="submit" id="send-button">Send</button>
    </form>
  </main>
</div>
<div class="toasts" id="toasts" role="status" aria-live="polite"></div>
<script nonce="{{nonce}}">{{script}}</script>
</body>
</html>
`;
}
