import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import type { Emulator, EmulatorEvent, EmulatorEventListener } from '../../src/emulator';
import { serveEventStream } from '../../src/emulator/ui/event-stream';
import { loadPageAssets, type PageAssets } from '../../src/emulator/ui/page-assets';
import { buildPageAssets, bundlePageScript, minifyHtml, minifyStyle } from '../../src/emulator/ui/page-bundle';
import { renderPage } from '../../src/emulator/ui/page-html';
import { pageAssetsModule, pageAssetsPlugin } from '../../src/emulator/ui/page-plugin';
import { pageShell } from '../../src/emulator/ui/page-shell';
import { PAGE_STYLE } from '../../src/emulator/ui/page-style';
import { call, control, start, waitFor } from './helpers';

interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** A minimal EventSource for tests: parses the stream into events and comments. */
class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  ended = false;
  private readonly controller = new AbortController();
  private buffer = '';
  status = 0;
  contentType: string | null = null;

  private constructor() {}

  static async open(url: string): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, { signal: client.controller.signal });
    client.status = res.status;
    client.contentType = res.headers.get('content-type');
    void client.pump(res.body as ReadableStream<Uint8Array>);
    return client;
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.buffer += decoder.decode(value, { stream: true });
        this.parse();
      }
    } catch {
      // aborted or cut off
    } finally {
      this.ended = true;
    }
  }

  private parse(): void {
    let end = this.buffer.indexOf('\n\n');
    while (end !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        const at = line.indexOf(': ');
        if (at > 0 && !line.startsWith(':')) fields[line.slice(0, at)] = line.slice(at + 2);
      }
      if (fields['event'] !== undefined) {
        this.events.push({
          event: fields['event'],
          data: fields['data'] ?? '',
          ...(fields['id'] ? { id: fields['id'] } : {}),
        });
      }
      end = this.buffer.indexOf('\n\n');
    }
  }

  /** Waits for the next event named `name` after the first `skip` ones and returns its JSON data. */
  async next<T = any>(name: string, skip = 0): Promise<T> {
    await waitFor(() => this.events.filter((e) => e.event === name).length > skip, 3000);
    return JSON.parse(this.events.filter((e) => e.event === name)[skip]!.data) as T;
  }

  close(): void {
    this.controller.abort();
  }
}

/** Counts the emulator's live event listeners by wrapping `onEvent`. */
function countListeners(emulator: Emulator): { active: () => number } {
  const original = emulator.onEvent.bind(emulator);
  let active = 0;
  emulator.onEvent = (listener: EmulatorEventListener) => {
    active++;
    const off = original(listener);
    let done = false;
    return () => {
      if (!done) active--;
      done = true;
      off();
    };
  };
  return { active: () => active };
}

describe('GET /_emulator/ui: the web chat page', () => {
  it('serves one self-contained HTML page with a nonce-based CSP', async () => {
    const emulator = await start();
    const res = await fetch(`${emulator.url}/_emulator/ui`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain(`<style nonce="${nonce}">`);
    for (const id of ['user-select', 'chat-list', 'composer-input', 'send-button', 'start-payload', 'messages']) {
      expect(html).toContain(`id="${id}"`);
    }
    // Nothing is loaded from anywhere else: no external scripts, styles or fonts.
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/);
    // A second request gets a fresh nonce.
    const again = (await fetch(`${emulator.url}/_emulator/ui/`)).headers.get('content-security-policy');
    expect(again).not.toBe(csp);
  });

  it('answers HEAD without a body, rejects other methods, and redirects / to the page', async () => {
    const emulator = await start();
    const head = await fetch(`${emulator.url}/_emulator/ui`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await control(emulator, 'POST', '/ui', {});
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(post.body.code).toBe('method.not.allowed');
    const root = await fetch(`${emulator.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/_emulator/ui');
    // Other methods on / stay Bot API requests.
    expect((await call(emulator, 'POST', '/', { body: {} })).status).toBe(404);
    expect((await control(emulator, 'GET', '')).body.routes).toEqual(
      expect.arrayContaining(['GET /_emulator/ui', 'GET /_emulator/events']),
    );
  });

  it('ships a script that parses, never uses HTML sinks, and cannot end its <script> early', async () => {
    const assets = await loadPageAssets();
    const { script } = assets;
    expect(() => new Function(script)).not.toThrow();
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    expect(script.toLowerCase()).not.toContain('</script');
    // One script, bundled from the TypeScript client: no module syntax left, nothing to load.
    expect(script).not.toMatch(/^\s*(import|export)\s/m);
    expect(script).not.toMatch(/\brequire\(/);
    expect(
      renderPage('abcdefgh12345678', assets)
        .toLowerCase()
        .match(/<\/script/g),
    ).toHaveLength(1);
    expect(() => renderPage('"><x', assets)).toThrow(/nonce/);
    expect(() => renderPage('abcdefgh12345678', { ...assets, script: 'x = "</SCRIPT>";' })).toThrow(/<\/script/);
  });

  it('serves the page whose script is the bundled client (built once per process)', async () => {
    const emulator = await start();
    const html = await (await fetch(`${emulator.url}/_emulator/ui`)).text();
    const { script } = await loadPageAssets();
    expect(html).toContain(script);
    expect(loadPageAssets()).toBe(loadPageAssets());
    expect(script).toContain('new EventSource(');
  });
});

describe('the page shell', () => {
  const assets: PageAssets = { script: 'go("{{nonce}}", "$&", "$1");', shell: pageShell('body{margin:0}') };

  it('fills every placeholder once, the script as written ({{…}} and $ patterns in it stay)', () => {
    const html = renderPage('abcdefgh12345678', assets);
    expect(html.replace(assets.script, '')).not.toMatch(/\{\{\w+\}\}/);
    expect(html).toContain('<script nonce="abcdefgh12345678">go("{{nonce}}", "$&", "$1");</script>');
    expect(html).toContain('<style nonce="abcdefgh12345678">body{margin:0}</style>');
    expect(html).toContain('<title>Web chat · tamtam-rx emulator</title>');
    expect(html).toContain('<body data-dialect="tamtam">');
    expect(html).toContain('maxlength="128"');
  });

  it("brands the page for the emulator's dialect", () => {
    const html = renderPage('abcdefgh12345678', assets, { dialect: 'max', title: 'Max' });
    expect(html).toContain('<title>Max web chat · tamtam-rx emulator</title>');
    expect(html).toContain('<body data-dialect="max">');
    expect(html).toContain('id="brand-title">Max web chat<');
    expect(html).toContain('aria-hidden="true">M<');
    expect(html).toContain('maxlength="512"');
  });

  it('refuses a shell with a placeholder it does not know', () => {
    expect(() => renderPage('abcdefgh12345678', { script: '', shell: '<p>{{price}}</p>' })).toThrow(
      /unknown placeholder \{\{price\}\}/,
    );
  });

  it('is minified: the stylesheet without comments or indentation, the markup without indentation', async () => {
    const style = await minifyStyle(PAGE_STYLE);
    expect(style.length).toBeLessThan(PAGE_STYLE.length * 0.9);
    expect(style).not.toMatch(/\/\*|\n /);
    // every rule's selector and every custom property survive
    for (const name of PAGE_STYLE.match(/--[\w-]+(?=:)/g) ?? []) expect(style).toContain(`${name}:`);
    expect(style).toContain('.msg-row');
    expect(minifyHtml('<div>\n  <b>x</b> <i>y</i>\n\n</div>\n')).toBe('<div>\n<b>x</b> <i>y</i>\n</div>\n');
    const { shell } = await buildPageAssets();
    expect(shell).toContain(style);
    expect(shell).not.toMatch(/\n[ \t]/);
  });
});

describe('the page assets bundle', () => {
  it("reports a client that does not compile with esbuild's message", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tamtam-rx-page-'));
    try {
      await writeFile(join(dir, 'main.ts'), 'const x: number = ;\n');
      await expect(bundlePageScript(join(dir, 'main.ts'))).rejects.toThrow(/Unexpected ";"|Expected/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  const assetsModule = fileURLToPath(new URL('../../src/emulator/ui/page-assets.ts', import.meta.url));
  const builtAssets = async (): Promise<PageAssets> => {
    const { script, shell } = await buildPageAssets();
    return { script, shell };
  };

  it('inlines the finished assets in place of page-assets.ts at build time (no esbuild in the package)', async () => {
    const assets = await builtAssets();
    expect(pageAssetsModule(assets)).not.toMatch(/\bimport\b|\brequire\(/);
    // What tsup does: bundle the emulator's page module with the plugin.
    const result = await build({
      entryPoints: [assetsModule],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      plugins: [pageAssetsPlugin()],
      logLevel: 'silent',
    });
    const built = result.outputFiles[0]?.text ?? '';
    expect(built).not.toMatch(/esbuild/);
    const dir = await mkdtemp(join(tmpdir(), 'tamtam-rx-page-'));
    try {
      const file = join(dir, 'page-assets.mjs');
      await writeFile(file, built);
      const loaded = (await import(pathToFileURL(file).href)) as { loadPageAssets(): Promise<PageAssets> };
      expect(await loaded.loadPageAssets()).toEqual(assets);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each(['esm', 'cjs'] as const)(
    'or writes them once beside the output and reads them from there at run time (%s, the package)',
    async (format) => {
      const assets = await builtAssets();
      const dir = await mkdtemp(join(tmpdir(), 'tamtam-rx-page-'));
      try {
        const outfile = join(dir, format === 'esm' ? 'page-assets.mjs' : 'page-assets.cjs');
        await build({
          entryPoints: [assetsModule],
          outfile,
          bundle: true,
          format,
          platform: 'node',
          plugins: [pageAssetsPlugin({ name: 'emulator-page' })],
          logLevel: 'silent',
        });
        const built = await readFile(outfile, 'utf8');
        expect(built).not.toContain(assets.script.slice(0, 200));
        expect(built).not.toContain('<!doctype');
        expect(await readFile(join(dir, 'emulator-page.js'), 'utf8')).toBe(assets.script);
        expect(await readFile(join(dir, 'emulator-page.html'), 'utf8')).toBe(assets.shell);
        const loaded = (await import(pathToFileURL(outfile).href)) as { loadPageAssets(): Promise<PageAssets> };
        expect(await loaded.loadPageAssets()).toEqual(assets);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  it('refuses to write the files for a build without an output folder, and says what to do', async () => {
    await expect(
      build({
        entryPoints: [assetsModule],
        bundle: true,
        write: false,
        platform: 'node',
        plugins: [pageAssetsPlugin({ name: 'emulator-page' })],
        logLevel: 'silent',
      }),
    ).rejects.toThrow(/give the build an outdir or outfile/);
  });
});

describe('GET /_emulator/inspect/edited-messages', () => {
  it('lists the edited messages of a chat, so the page marks them after a reload', async () => {
    const emulator = await start();
    const alice = emulator.actAs(ids.alice);
    const first = alice.sendToBot('first');
    const second = alice.sendToBot('second');
    const reply = await call(emulator, 'POST', '/messages', {
      query: { chat_id: ids.dialogWithAlice },
      body: { text: 'Hi' },
    });
    const mid = reply.body.message.body.mid as string;
    expect((await control(emulator, 'GET', `/inspect/edited-messages?chat_id=${ids.dialogWithAlice}`)).body).toEqual(
      [],
    );
    await call(emulator, 'PUT', '/messages', { query: { message_id: mid }, body: { text: 'Hi again' } });
    alice.editMessage(second.body.mid, 'second (fixed)');
    const edited = await control(emulator, 'GET', `/inspect/edited-messages?chat_id=${ids.dialogWithAlice}`);
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual([
      { chatId: ids.dialogWithAlice, messageId: mid, at: expect.any(Number) },
      { chatId: ids.dialogWithAlice, messageId: second.body.mid, at: expect.any(Number) },
    ]);
    expect(emulator.inspect.editedMessages(ids.dialogWithAlice).map((r) => r.messageId)).not.toContain(first.body.mid);
    expect(emulator.inspect.editedMessages(ids.group)).toEqual([]);
    // A deleted message is no longer listed.
    await call(emulator, 'DELETE', '/messages', { query: { message_id: mid } });
    expect(emulator.inspect.editedMessages().map((r) => r.messageId)).toEqual([second.body.mid]);
  });
});

describe('GET /_emulator/events: the live stream', () => {
  it('streams user messages, bot edits, deletions, callback answers and chat changes', async () => {
    const emulator = await start();
    const stream = await SseClient.open(`${emulator.url}/_emulator/events`);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toBe('text/event-stream; charset=utf-8');
    await stream.next('ready');

    const sent = await control(emulator, 'POST', `/users/${ids.alice}/send`, {
      text: 'hello **bot**',
      format: 'markdown',
    });
    const created = await stream.next('message_created');
    expect(created).toMatchObject({
      chatId: ids.dialogWithAlice,
      message: { body: { mid: sent.body.body.mid, text: 'hello bot' } },
    });
    expect(created.message.body.markup).toEqual([{ type: 'strong', from: 6, length: 3 }]);

    const reply = await call(emulator, 'POST', '/messages', {
      query: { chat_id: ids.dialogWithAlice },
      body: {
        text: 'Vote?',
        attachments: [
          { type: 'inline_keyboard', payload: { buttons: [[{ type: 'callback', text: 'Yes', payload: 'yes' }]] } },
        ],
      },
    });
    const mid = reply.body.message.body.mid;
    expect((await stream.next('message_created', 1)).message.sender.user_id).toBe(ids.bot);

    await call(emulator, 'PUT', '/messages', { query: { message_id: mid }, body: { text: 'Vote? (closing soon)' } });
    expect(await stream.next('message_edited')).toMatchObject({
      chatId: ids.dialogWithAlice,
      message: { body: { mid, text: 'Vote? (closing soon)' } },
    });

    const pressed = await control(emulator, 'POST', `/users/${ids.alice}/press`, { messageId: mid, payload: 'yes' });
    await call(emulator, 'POST', '/answers', {
      query: { callback_id: pressed.body.callbackId },
      body: { message: { text: 'Voted: yes' }, notification: 'Thanks!' },
    });
    expect((await stream.next('message_edited', 1)).message.body.text).toBe('Voted: yes');
    expect(await stream.next('callback_answered')).toEqual({
      callbackId: pressed.body.callbackId,
      userId: ids.alice,
      notification: 'Thanks!',
      editsMessage: true,
    });

    await call(emulator, 'DELETE', '/messages', { query: { message_id: mid } });
    expect(await stream.next('message_removed')).toEqual({ chatId: ids.dialogWithAlice, messageId: mid });

    await control(emulator, 'POST', `/users/${ids.alice}/rename`, { chatId: ids.group, title: 'Lounge 2' });
    expect(await stream.next('chat_changed')).toEqual({ chatId: ids.group, change: 'chat_title_changed' });

    await call(emulator, 'POST', `/chats/${ids.group}/actions`, { body: { action: 'typing_on' } });
    expect(await stream.next('action')).toEqual({ chatId: ids.group, action: 'typing_on' });

    // Updates that only concern the bot are not streamed; ids increase by one per event.
    expect(stream.events.map((e) => e.event)).not.toContain('update');
    const numbered = stream.events.filter((e) => e.id !== undefined).map((e) => Number(e.id));
    expect(numbered).toEqual(numbered.map((_, i) => i + 1));
    stream.close();
  });

  it('releases its listener when the client disconnects', async () => {
    const emulator = await start();
    const listeners = countListeners(emulator);
    const first = await SseClient.open(`${emulator.url}/_emulator/events`);
    const second = await SseClient.open(`${emulator.url}/_emulator/events`);
    await first.next('ready');
    await second.next('ready');
    expect(listeners.active()).toBe(2);
    first.close();
    await waitFor(() => listeners.active() === 1);
    emulator.actAs(ids.alice).sendToBot('still streaming');
    expect((await second.next('message_created')).message.body.text).toBe('still streaming');
    second.close();
    await waitFor(() => listeners.active() === 0);
  });

  it('does not hold up close(): open streams end at once and release their listeners', async () => {
    const emulator = await start();
    const listeners = countListeners(emulator);
    const stream = await SseClient.open(`${emulator.url}/_emulator/events`);
    await stream.next('ready');
    const started = Date.now();
    await emulator.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await waitFor(() => stream.ended, 1000);
    expect(listeners.active()).toBe(0);
  });

  it('rejects other methods', async () => {
    const emulator = await start();
    const res = await control(emulator, 'POST', '/events', {});
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});

describe('serveEventStream', () => {
  /** A plain node server streaming from a hand-driven event source. */
  async function streamServer(options: { heartbeatMs?: number; maxBufferedBytes?: number; abort?: AbortController }) {
    const listeners = new Set<EmulatorEventListener>();
    const server = createServer((_req, res) => {
      const controller = options.abort ?? new AbortController();
      res.on('close', () => controller.abort());
      serveEventStream(res, {
        onEvent: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        signal: controller.signal,
        ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }),
        ...(options.maxBufferedBytes === undefined ? {} : { maxBufferedBytes: options.maxBufferedBytes }),
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const emit = (event: EmulatorEvent) => {
      for (const l of listeners) l(event);
    };
    const close = () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    return { url, listeners, emit, close };
  }

  it('sends a heartbeat comment at the configured interval', async () => {
    const server = await streamServer({ heartbeatMs: 20 });
    try {
      const client = await SseClient.open(server.url);
      await waitFor(() => client.comments.filter((c) => c === 'ping').length >= 2, 2000);
      client.close();
      await waitFor(() => server.listeners.size === 0);
    } finally {
      await server.close();
    }
  });

  it('ends the response and unsubscribes when the signal aborts', async () => {
    const abort = new AbortController();
    const server = await streamServer({ abort });
    try {
      const client = await SseClient.open(server.url);
      await client.next('ready');
      expect(server.listeners.size).toBe(1);
      abort.abort();
      await waitFor(() => client.ended);
      expect(server.listeners.size).toBe(0);
      // An already aborted signal answers 503 instead of streaming.
      const late = await fetch(server.url);
      expect(late.status).toBe(503);
      expect(server.listeners.size).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('cuts off a client that stops reading once the buffer limit is passed', async () => {
    const server = await streamServer({ maxBufferedBytes: 64 * 1024 });
    try {
      const controller = new AbortController();
      const res = await fetch(server.url, { signal: controller.signal });
      expect(res.status).toBe(200);
      // Never read the body: the socket buffers fill up, then the server gives up on the client.
      const big = { type: 'message_removed', chatId: 1, messageId: 'x'.repeat(16 * 1024) } as const;
      for (let i = 0; i < 2000 && server.listeners.size > 0; i++) {
        server.emit(big);
        await new Promise((r) => setImmediate(r));
      }
      expect(server.listeners.size).toBe(0);
      controller.abort();
    } finally {
      await server.close();
    }
  });

  it('skips events the page does not use, and updates without a chat id', async () => {
    const server = await streamServer({});
    try {
      const client = await SseClient.open(server.url);
      await client.next('ready');
      server.emit({ type: 'update', update: { update_type: 'message_callback' } as never });
      server.emit({ type: 'update', update: { update_type: 'bot_added' } as never }); // injected: no chat_id
      server.emit({ type: 'message_removed', chatId: 5, messageId: 'm' });
      expect(await client.next('message_removed')).toEqual({ chatId: 5, messageId: 'm' });
      expect(client.events.map((e) => e.event)).toEqual(['ready', 'message_removed']);
      client.close();
    } finally {
      await server.close();
    }
  });
});
