/**
 * The web chat page's stylesheet (inline in the page; no external fonts or images).
 */

/**
 * CSS of the web chat page: a sidebar (user and chat pickers) beside the conversation; below
 * 760 px wide the sidebar becomes a drawer.
 *
 * @example
 * const html = `<style nonce="${nonce}">${PAGE_STYLE}</style>`;
 */
export const PAGE_STYLE = String.raw`
:root {
  --bg: #e9edf3;
  --panel: #ffffff;
  --panel-2: #f6f8fb;
  --border: #dfe4ec;
  --text: #1c2330;
  --muted: #6a7485;
  --accent: #2e6be6;
  --accent-dark: #2357c2;
  --accent-soft: #e7eefd;
  --mine: #d8e6ff;
  --theirs: #ffffff;
  --danger: #cf3d3d;
  --ok: #1c9a58;
  --shadow: 0 1px 2px rgba(20, 30, 50, 0.08), 0 1px 1px rgba(20, 30, 50, 0.04);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", sans-serif;
  font-size: 14px;
  line-height: 1.4;
  color: var(--text);
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { background: var(--bg); overflow: hidden; }
button, input, select, textarea { font: inherit; color: inherit; }
[hidden] { display: none !important; }

.app { display: grid; grid-template-columns: 300px minmax(0, 1fr); height: 100vh; height: 100dvh; }

/* ---- sidebar ---- */
.sidebar { background: var(--panel); border-right: 1px solid var(--border); display: flex; flex-direction: column; min-height: 0; overflow-y: auto; }
body[data-dialect="max"] { --accent: #7b3fe4; --accent-dark: #6330c2; --accent-soft: #f0e8fd; }
body[data-dialect="max"] .brand-mark { background: linear-gradient(135deg, #3f8cff, #7b3fe4 55%, #c13fe4); }
.brand { flex: none; display: flex; align-items: center; gap: 10px; padding: 14px 16px; border-bottom: 1px solid var(--border); }
.brand-mark { width: 34px; height: 34px; border-radius: 10px; background: var(--accent); color: #fff; display: grid; place-items: center; font-weight: 700; letter-spacing: -0.5px; }
.brand-text { flex: 1; min-width: 0; }
.brand-title { font-weight: 650; font-size: 15px; }
.kb-button.open-app { color: var(--accent); }
.kb-app { display: block; font-size: 11px; opacity: 0.75; font-weight: 500; }
.kb-button.clipboard::before { content: "\29C9 "; }
.brand-sub { color: var(--muted); font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.live { font-size: 11px; padding: 2px 8px; border-radius: 999px; background: var(--panel-2); color: var(--muted); border: 1px solid var(--border); white-space: nowrap; }
.live::before { content: ""; display: inline-block; width: 6px; height: 6px; border-radius: 50%; background: #b0b8c4; margin-right: 5px; vertical-align: 1px; }
.live[data-state="live"] { color: var(--ok); }
.live[data-state="live"]::before { background: var(--ok); }
.live[data-state="offline"] { color: var(--danger); }
.live[data-state="offline"]::before { background: var(--danger); }

.panel { padding: 12px 16px; border-bottom: 1px solid var(--border); flex: none; }
.panel.grow { flex: 1 0 auto; display: flex; flex-direction: column; border-bottom: 0; padding-bottom: 12px; }
.field-label { display: block; font-size: 11px; font-weight: 650; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin-bottom: 6px; }
select, input[type="text"], input:not([type]), textarea { border: 1px solid var(--border); border-radius: 8px; background: var(--panel); padding: 7px 9px; outline: none; }
select:focus, input:focus, textarea:focus { border-color: var(--accent); box-shadow: 0 0 0 3px var(--accent-soft); }
#user-select { width: 100%; }

.drawer { margin-top: 8px; }
.drawer > summary { cursor: pointer; color: var(--accent); font-weight: 550; list-style: none; padding: 4px 0; user-select: none; }
.drawer > summary::-webkit-details-marker { display: none; }
.drawer > summary::before { content: "+"; display: inline-block; width: 16px; font-weight: 700; }
.drawer[open] > summary::before { content: "\2212"; }
.stack { display: flex; flex-direction: column; gap: 6px; padding: 6px 0 4px; }
.stack > * { flex: none; }
.members-label { font-size: 12px; color: var(--muted); margin: 2px 0 -2px; }
.members { border: 1px solid var(--border); border-radius: 8px; padding: 4px 8px; max-height: 128px; overflow-y: auto; }
.check { display: flex; align-items: center; gap: 4px; padding: 2px 0; }
.hint { color: var(--muted); font-size: 12px; padding: 6px 2px; }

.chat-list { flex: 1 0 auto; margin: 0 -8px 4px; }
.chat-item { display: flex; align-items: center; gap: 10px; width: 100%; border: 0; background: none; text-align: left; padding: 8px; border-radius: 10px; cursor: pointer; }
.chat-item:hover { background: var(--panel-2); }
.chat-item.active { background: var(--accent-soft); }
.chat-item-text { display: flex; flex-direction: column; min-width: 0; flex: 1; }
.chat-item-title { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.chat-item-sub { font-size: 12px; color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.badge { background: var(--accent); color: #fff; border-radius: 999px; font-size: 11px; font-weight: 700; padding: 1px 7px; }

.avatar { width: 38px; height: 38px; flex: none; border-radius: 50%; display: grid; place-items: center; color: #fff; font-weight: 650; font-size: 14px; }
.avatar.small { width: 30px; height: 30px; font-size: 12px; }

/* ---- buttons ---- */
.btn { border: 1px solid var(--border); background: var(--panel); border-radius: 8px; padding: 7px 12px; cursor: pointer; font-weight: 550; white-space: nowrap; }
.btn:hover { background: var(--panel-2); }
.btn.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
.btn.primary:hover { background: var(--accent-dark); }
.btn:disabled { opacity: 0.55; cursor: default; }

/* ---- conversation ---- */
.main { display: flex; flex-direction: column; min-width: 0; min-height: 0; }
.chat-header { display: flex; align-items: center; gap: 12px; padding: 10px 18px; background: var(--panel); border-bottom: 1px solid var(--border); flex-wrap: wrap; min-height: 61px; }
.chat-title-box { flex: 1; min-width: 0; }
.chat-title { font-weight: 650; font-size: 16px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.chat-sub { font-size: 12px; color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.start-form { display: flex; gap: 6px; align-items: center; }
.start-form input { width: 190px; }
.only-narrow { display: none; }

.messages { flex: 1; min-height: 0; overflow-y: auto; padding: 18px clamp(12px, 4vw, 48px) 12px; display: flex; flex-direction: column; gap: 8px; }
/* Bottom-anchored like every chat app: a short history sits just above the composer (the free
   space goes above the first message); a long one scrolls, and the page keeps it on the newest. */
.messages > :first-child { margin-top: auto; }
.empty { margin: auto; text-align: center; color: var(--muted); max-width: 360px; }
.empty-title { font-weight: 650; font-size: 16px; color: var(--text); margin-bottom: 4px; }

.msg-row { display: flex; align-items: flex-end; gap: 8px; max-width: min(680px, 86%); }
.msg-row.mine { align-self: flex-end; flex-direction: row-reverse; }
.msg-col { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.msg-row.mine .msg-col { align-items: flex-end; }
.bubble { background: var(--theirs); border-radius: 14px 14px 14px 4px; padding: 7px 11px 5px; box-shadow: var(--shadow); min-width: 72px; max-width: 100%; overflow-wrap: anywhere; }
.msg-row.mine .bubble { background: var(--mine); border-radius: 14px 14px 4px 14px; }
.sender { font-size: 12px; font-weight: 650; color: var(--accent); margin-bottom: 2px; }
.from-bot .sender { color: #7a4fd0; }
.text { white-space: pre-wrap; }
.meta { display: flex; justify-content: flex-end; gap: 6px; font-size: 11px; color: var(--muted); margin-top: 2px; }
.edited-mark { font-style: italic; }
.deleted-mark { color: var(--danger); font-weight: 600; }
.msg-row.deleted .bubble { opacity: 0.6; }
.msg-row.deleted .text, .msg-row.deleted .att-card { text-decoration: line-through; }
.flash .bubble { animation: flash 1.2s ease-out; }
@keyframes flash { from { box-shadow: 0 0 0 3px rgba(46, 107, 230, 0.45); } to { box-shadow: var(--shadow); } }

.quote { border-left: 3px solid var(--accent); padding: 2px 8px; margin: 2px 0 5px; background: rgba(46, 107, 230, 0.06); border-radius: 4px; font-size: 13px; }
.quote-title { font-weight: 600; color: var(--accent); font-size: 12px; }
.quote-text { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 420px; color: var(--muted); }

.md-heading { font-size: 1.2em; font-weight: 700; line-height: 1.5; }
.md-code { font-family: "DejaVu Sans Mono", "Liberation Mono", ui-monospace, monospace; font-size: 0.92em; background: rgba(27, 35, 48, 0.07); border-radius: 4px; padding: 1px 4px; }
pre.md-code { display: block; padding: 6px 8px; margin: 4px 0; white-space: pre-wrap; }
mark { background: #ffe58a; border-radius: 2px; padding: 0 1px; }
.md-link { color: var(--accent); }
.md-mention { color: var(--accent); font-weight: 600; }

.att-image { display: block; margin: 4px 0; }
.att-image img { display: block; max-width: min(320px, 100%); max-height: 280px; border-radius: 10px; }
.att-sticker img { width: 128px; height: 128px; object-fit: contain; }
.sticker-fallback { display: inline-block; padding: 18px; border: 1px dashed var(--border); border-radius: 12px; color: var(--muted); }
.att-card { display: flex; align-items: center; gap: 10px; margin: 4px 0; padding: 6px 10px 6px 6px; border: 1px solid var(--border); border-radius: 10px; background: var(--panel-2); color: inherit; text-decoration: none; max-width: 320px; }
a.att-card:hover { border-color: var(--accent); }
.att-badge { flex: none; width: 38px; height: 38px; border-radius: 8px; background: var(--accent); color: #fff; font-size: 10px; font-weight: 700; display: grid; place-items: center; letter-spacing: 0.03em; }
.att-text { display: flex; flex-direction: column; min-width: 0; }
.att-title { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.att-detail { font-size: 12px; color: var(--muted); }

.keyboard { display: flex; flex-direction: column; gap: 4px; width: 100%; min-width: min(360px, 75vw); }
.kb-row { display: flex; gap: 4px; }
.kb-button { flex: 1; display: inline-flex; justify-content: center; align-items: center; gap: 4px; border: 1px solid #cdd8ee; background: #f3f7ff; color: var(--accent-dark); border-radius: 8px; padding: 7px 8px; font-weight: 600; cursor: pointer; text-decoration: none; text-align: center; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.kb-button:hover:not(:disabled) { background: var(--accent-soft); border-color: var(--accent); }
.kb-button.intent-positive { background: #e8f7ee; border-color: #b6e2c6; color: #17773f; }
.kb-button.intent-negative { background: #fdecec; border-color: #f1c0c0; color: #b52f2f; }
.kb-button:disabled, .kb-button[aria-disabled="true"] { opacity: 0.5; cursor: default; }
.kb-button.pending { opacity: 0.65; cursor: progress; }
.kb-button.pending::after { content: ""; width: 10px; height: 10px; border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; animation: spin 0.8s linear infinite; }
.kb-arrow { font-size: 12px; opacity: 0.8; }
@keyframes spin { to { transform: rotate(360deg); } }

.typing { padding: 0 clamp(12px, 4vw, 48px) 6px; font-size: 12px; color: var(--muted); font-style: italic; }
.composer { display: flex; gap: 8px; align-items: flex-end; padding: 10px 18px 14px; background: var(--panel); border-top: 1px solid var(--border); }
.composer textarea { flex: 1; resize: none; min-height: 38px; max-height: 160px; line-height: 1.4; padding: 8px 10px; }
.composer select { height: 38px; }
.composer .btn { height: 38px; padding: 0 18px; }
.composer.disabled { opacity: 0.6; }

/* Toasts belong to the conversation: centred over it, never over the sidebar (300 px). */
.toasts { position: fixed; left: 300px; right: 0; bottom: 84px; display: flex; flex-direction: column; align-items: center; gap: 6px; padding: 0 16px; z-index: 8; pointer-events: none; }
.toast { background: #1f2633; color: #fff; padding: 9px 16px; border-radius: 10px; box-shadow: 0 6px 20px rgba(0, 0, 0, 0.18); transition: opacity 0.3s, transform 0.3s; max-width: min(520px, 100%); overflow-wrap: anywhere; }
.toast.notice { background: #203a74; }
.toast.error { background: var(--danger); }
.toast.leaving { opacity: 0; transform: translateY(6px); }

.backdrop { display: none; }

@media (max-width: 760px) {
  .app { grid-template-columns: minmax(0, 1fr); }
  .sidebar { position: fixed; inset: 0 auto 0 0; width: min(86vw, 320px); z-index: 10; transform: translateX(-102%); transition: transform 0.2s ease; }
  body.sidebar-open .sidebar { transform: none; box-shadow: 0 0 24px rgba(0, 0, 0, 0.2); }
  body.sidebar-open .backdrop { display: block; position: fixed; inset: 0; background: rgba(15, 20, 30, 0.35); z-index: 9; }
  .only-narrow { display: inline-flex; }
  /* The sidebar is a drawer here: toasts stay under it and its backdrop (z-index 10 and 9). */
  .toasts { left: 0; }
  .chat-header { padding: 8px 12px; gap: 8px; }
  .start-form { width: 100%; }
  .start-form input { flex: 1; width: auto; }
  .msg-row { max-width: 94%; }
  .composer { padding: 8px 10px 10px; }
  .composer select { width: 84px; }
}
`;
