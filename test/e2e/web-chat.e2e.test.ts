/**
 * End to end: a person chats with a real (in-process) bot through the emulator's web chat page,
 * driven in headless Chromium. Needs Debian's `chromium` at /usr/bin/chromium (CI installs it);
 * without it this test fails, it is never skipped.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { merge, share } from 'rxjs';
import type { Subscription } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids, startEmulator } from '../../src/emulator';
import type { Emulator } from '../../src/emulator';
import {
  answerOnCallback,
  callbackButton,
  createApi,
  fromLongPolling,
  inlineKeyboard,
  md,
  ofType,
  perChat,
  reply,
} from '../../src/index';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const SCREENSHOT = fileURLToPath(new URL('../../test-results/web-chat.png', import.meta.url));
const STEP_MS = 10_000;

/** A box on the page, in CSS pixels. */
interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The client rectangle of the first element matching `selector`. */
function boxOf(page: Page, selector: string): Promise<Box> {
  return page.evaluate((sel) => {
    const node = document.querySelector(sel);
    if (!node) throw new Error(`no ${sel} on the page`);
    const { top, bottom, left, right } = node.getBoundingClientRect();
    return { top, bottom, left, right };
  }, selector);
}

/** Where the conversation is scrolled: how far from its end, and whether it can scroll at all. */
function scrollOf(page: Page): Promise<{ fromEnd: number; scrollTop: number; scrollable: boolean }> {
  return page.evaluate(() => {
    const box = document.getElementById('messages') as HTMLElement;
    return {
      fromEnd: box.scrollHeight - box.scrollTop - box.clientHeight,
      scrollTop: box.scrollTop,
      scrollable: box.scrollHeight > box.clientHeight,
    };
  });
}

/**
 * The bot under test: echoes text with a vote keyboard; a vote edits the message and notifies;
 * greets on start (naming the deep-link payload) and when added to a group.
 */
function runBot(emulator: Emulator): Subscription {
  const api = createApi({ token: emulator.token, baseUrl: emulator.url });
  const updates$ = fromLongPolling(api, { timeout: 1 }).pipe(share());
  return merge(
    updates$.pipe(
      ofType('message_created'),
      perChat((u) =>
        reply(api, u, {
          ...md`You said: ${md.bold(u.message.body.text ?? '')}`,
          attachments: [
            inlineKeyboard([
              [callbackButton('Yes', 'vote:yes', { intent: 'positive' }), callbackButton('No', 'vote:no')],
            ]),
          ],
        }),
      ),
    ),
    updates$.pipe(
      ofType('message_callback'),
      perChat((u) =>
        answerOnCallback(api, u.callback.callback_id, {
          message: { text: 'Voted: yes' },
          notification: 'Thanks for voting!',
        }),
      ),
    ),
    updates$.pipe(
      ofType('bot_started'),
      perChat((u) => reply(api, u, md`Welcome! Payload: ${md.code(u.payload ?? 'none')}`)),
    ),
    updates$.pipe(
      ofType('bot_added'),
      perChat((u) => reply(api, u, 'Hello, group!')),
    ),
  ).subscribe({ error: (error: unknown) => console.error('web-chat bot stopped:', error) });
}

describe('web chat page in headless Chromium', () => {
  let emulator: Emulator | undefined;
  let bot: Subscription | undefined;
  let context: BrowserContext | undefined;
  let profile: string | undefined;

  let setupError: unknown;

  // A missing browser must fail the tests (not skip them), so setup errors are rethrown by each test.
  beforeAll(async () => {
    try {
      if (!existsSync(CHROMIUM)) {
        throw new Error(
          `Chromium is missing at ${CHROMIUM}. Install Debian's package: apt-get install -y --no-install-recommends chromium (CI's .ci/run does this), or set CHROMIUM_PATH.`,
        );
      }
      emulator = await startEmulator();
      bot = runBot(emulator);
      profile = await mkdtemp(join(tmpdir(), 'tamtam-rx-chromium-'));
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        viewport: { width: 1280, height: 800 },
        timeout: 30_000,
      });
    } catch (error) {
      setupError = error;
    }
  }, 60_000);

  /** The emulator and the browser, or the setup error. */
  function ready(): { emulator: Emulator; context: BrowserContext } {
    if (setupError !== undefined || !emulator || !context) throw setupError ?? new Error('setup did not finish');
    return { emulator, context };
  }

  afterAll(async () => {
    bot?.unsubscribe();
    await context?.close().catch(() => undefined);
    await emulator?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  }, 30_000);

  it('sends a message, presses a callback button and sees the edit live', async () => {
    const { emulator, context } = ready();
    const page: Page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(STEP_MS);
    page.setDefaultNavigationTimeout(STEP_MS);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });

    await page.goto(`${emulator.url}/`);
    expect(new URL(page.url()).pathname).toBe('/_emulator/ui');
    await page.locator('#live-status[data-state="live"]').waitFor();
    await page.locator('body[data-ready="true"]').waitFor();

    // Pick Alice and her dialog with the bot.
    await page.selectOption('#user-select', String(ids.alice));
    await page.locator('.chat-item[data-chat-key="dialog"]').click();
    await expect.poll(() => page.locator('#chat-title').textContent(), { timeout: STEP_MS }).toBe('Emulator Bot');

    // Type and send.
    await page.locator('#composer-input').fill('Hello from Chromium');
    await page.locator('#send-button').click();
    await page.locator('.msg-row.mine .text', { hasText: 'Hello from Chromium' }).waitFor();

    // The bot's reply arrives live, formatted, with its keyboard.
    const botReply = page.locator('.msg-row.from-bot').last();
    await botReply.locator('.kb-button', { hasText: 'Yes' }).waitFor();
    expect(await botReply.locator('.text').textContent()).toBe('You said: Hello from Chromium');
    expect(await botReply.locator('.text strong').textContent()).toBe('Hello from Chromium');
    expect(await botReply.locator('.sender').textContent()).toBe('Emulator Bot');

    // A short history sits at the bottom of the pane, just above the composer, as in every chat app.
    const pane = await boxOf(page, '#messages');
    const newest = await boxOf(page, '.msg-row:last-child');
    const oldest = await boxOf(page, '.msg-row:first-child');
    expect(pane.bottom - newest.bottom).toBeLessThan(40);
    expect(oldest.top - pane.top).toBeGreaterThan(100);

    // Press the callback button: the bot edits the message, the page shows it without a reload.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    const navigationsBefore = navigations;
    await botReply.locator('.kb-button', { hasText: 'Yes' }).click();
    const edited = page.locator('.msg-row.from-bot .text', { hasText: 'Voted: yes' });
    await edited.waitFor();
    await page.locator('.toast', { hasText: 'Thanks for voting!' }).waitFor();
    expect(await page.locator('.msg-row.from-bot', { hasText: 'Voted: yes' }).locator('.edited-mark').count()).toBe(1);
    // Toasts belong to the conversation: they never cover the sidebar.
    expect((await boxOf(page, '.toast')).left).toBeGreaterThanOrEqual((await boxOf(page, '#sidebar')).right);
    expect(await page.locator('.msg-row .text', { hasText: 'You said:' }).count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(navigations).toBe(navigationsBefore);

    // The emulator agrees with what the page shows.
    expect(emulator.inspect.callbackAnswers()).toMatchObject([
      { userId: ids.alice, answer: { notification: 'Thanks for voting!' } },
    ]);
    expect(emulator.inspect.sentMessages(ids.dialogWithAlice).map((m) => m.body.text)).toEqual(['Voted: yes']);

    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    // Another user takes over the page: Alice's notification goes away with her, at once (not
    // after its own 4 s timeout).
    await page.evaluate(() => {
      const box = document.getElementById('toasts') as HTMLElement;
      const seen = { shownAt: performance.now(), clearedAt: -1 };
      Object.assign(window, { __toasts: seen });
      new MutationObserver(() => {
        if (box.children.length === 0 && seen.clearedAt < 0) seen.clearedAt = performance.now();
      }).observe(box, { childList: true });
    });
    expect(await page.locator('.toast').count()).toBeGreaterThan(0);
    await page.selectOption('#user-select', String(ids.bob));
    await expect.poll(() => page.locator('#chat-sub').textContent(), { timeout: STEP_MS }).toContain('you are Bob');
    expect(await page.locator('.toast').count()).toBe(0);
    const toasts = await page.evaluate(
      () => (window as unknown as { __toasts: { shownAt: number; clearedAt: number } }).__toasts,
    );
    expect(toasts.clearedAt).toBeGreaterThan(0);
    expect(toasts.clearedAt - toasts.shownAt).toBeLessThan(3000);

    // Back to Alice, then a reload: the edit is still marked, and the newest message is in view.
    await page.selectOption('#user-select', String(ids.alice));
    await page.locator('.msg-row.from-bot', { hasText: 'Voted: yes' }).waitFor();
    await page.reload();
    await page.locator('body[data-ready="true"]').waitFor();
    const reloaded = page.locator('.msg-row.from-bot', { hasText: 'Voted: yes' });
    await reloaded.waitFor();
    expect(await reloaded.locator('.edited-mark').count()).toBe(1);
    expect(
      await page.locator('.msg-row.mine', { hasText: 'Hello from Chromium' }).locator('.edited-mark').count(),
    ).toBe(0);
    expect((await scrollOf(page)).fromEnd).toBeLessThan(2);
    expect(problems).toEqual([]);
  }, 60_000);

  it('creates a user, starts the bot with a payload, creates a group the bot joins, and shows a deletion', async () => {
    const { emulator, context } = ready();
    const page: Page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${emulator.url}/_emulator/ui`);
    await page.locator('body[data-ready="true"]').waitFor();

    await page.locator('#new-user > summary').click();
    await page.locator('#new-user-name').fill('Dave Tester');
    await page.locator('#new-user-username').fill('dave');
    await page.locator('#new-user-form button[type="submit"]').click();
    await expect.poll(() => emulator.users.list().some((u) => u.username === 'dave'), { timeout: STEP_MS }).toBe(true);
    const dave = emulator.users.list().find((u) => u.username === 'dave');
    await expect
      .poll(() => page.locator('#user-select').inputValue(), { timeout: STEP_MS })
      .toBe(String(dave?.user_id));
    await page.locator('.chat-item[data-chat-key="dialog"]', { hasText: 'not started' }).waitFor();

    await page.locator('#start-payload').fill('ref-42');
    await page.locator('#start-button').click();
    await page.locator('.msg-row.from-bot .text', { hasText: 'Welcome! Payload: ref-42' }).waitFor();
    expect(await page.locator('.msg-row.from-bot .text code').textContent()).toBe('ref-42');

    await page.locator('#new-group > summary').click();
    await page.locator('#new-group-title').fill('Test team');
    await page.locator('#new-group-members label', { hasText: 'Alice Smith' }).locator('input').check();
    await page.locator('#new-group-form button[type="submit"]').click();
    await expect.poll(() => page.locator('#chat-title').textContent(), { timeout: STEP_MS }).toBe('Test team');
    await page.locator('.msg-row.from-bot .text', { hasText: 'Hello, group!' }).waitFor();
    await page.locator('#composer-input').fill('hi team');
    await page.keyboard.press('Enter');
    await page.locator('.msg-row.from-bot .text', { hasText: 'You said: hi team' }).waitFor();

    // The bot deletes its reply: the page strikes it out live.
    const echo = emulator.inspect.sentMessages().find((m) => m.body.text === 'You said: hi team');
    const deleted = await fetch(`${emulator.url}/messages?message_id=${echo?.body.mid}`, {
      method: 'DELETE',
      headers: { authorization: emulator.token },
    });
    expect(deleted.status).toBe(200);
    await page.locator('.msg-row.deleted', { hasText: 'You said: hi team' }).locator('.deleted-mark').waitFor();

    // On a narrow screen the sidebar slides away and the conversation takes the whole width.
    await page.setViewportSize({ width: 390, height: 760 });
    await page.waitForFunction(
      () => (document.getElementById('sidebar')?.getBoundingClientRect().right ?? 1) <= 0,
      null,
      { timeout: STEP_MS },
    );
    expect(await page.locator('#toggle-sidebar').isVisible()).toBe(true);
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-narrow.png') });

    // With the drawer open, a toast (here: a user created from the drawer) stays under it.
    await page.locator('#toggle-sidebar').click();
    await page.waitForFunction(
      () => (document.getElementById('sidebar')?.getBoundingClientRect().left ?? -1) >= 0,
      null,
      { timeout: STEP_MS },
    );
    await page.locator('#new-user > summary').click();
    await page.locator('#new-user-name').fill('Erin Narrow');
    await page.locator('#new-user-form button[type="submit"]').click();
    await page.locator('.toast', { hasText: 'Created user Erin Narrow' }).waitFor();
    const toast = await boxOf(page, '.toast');
    const drawer = await boxOf(page, '#sidebar');
    expect(toast.left).toBeLessThan(drawer.right); // they overlap on a narrow screen...
    const covered = await page.evaluate(
      ({ x, y }) => {
        // Toasts let clicks through (pointer-events: none), which hit testing would skip too.
        (document.getElementById('toasts') as HTMLElement).style.pointerEvents = 'auto';
        const top = document.elementFromPoint(x, y)?.closest('#sidebar, .toast');
        (document.getElementById('toasts') as HTMLElement).style.pointerEvents = '';
        return top ? top.id || top.className : 'other';
      },
      { x: (toast.left + Math.min(toast.right, drawer.right)) / 2, y: (toast.top + toast.bottom) / 2 },
    );
    expect(covered).toBe('sidebar'); // ...and the drawer is on top
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-narrow-drawer.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('opens a long history on the newest message, follows new ones, and leaves a reader who scrolled up alone', async () => {
    const { emulator, context } = ready();
    const carol = emulator.actAs(ids.carol);
    let chatId = 0;
    for (let i = 1; i <= 12; i++) chatId = carol.sendToBot(`line ${i}`).recipient.chat_id ?? 0;
    await expect.poll(() => emulator.inspect.sentMessages(chatId).length, { timeout: STEP_MS }).toBe(12);

    const page: Page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.goto(`${emulator.url}/_emulator/ui#user=${ids.carol}&chat=dialog`);
    await page.locator('body[data-ready="true"]').waitFor();
    await page.locator('.msg-row.from-bot .text', { hasText: 'You said: line 12' }).waitFor();
    expect(await page.locator('.msg-row').count()).toBe(24);
    const opened = await scrollOf(page);
    expect(opened.scrollable).toBe(true);
    expect(opened.fromEnd).toBeLessThan(2);

    // A new message arrives while the newest is in view: the pane follows it.
    carol.sendToBot('line 13');
    await page.locator('.msg-row.from-bot .text', { hasText: 'You said: line 13' }).waitFor();
    await expect.poll(async () => (await scrollOf(page)).fromEnd, { timeout: STEP_MS }).toBeLessThan(2);

    // The reader scrolls up to read: the bot's next message does not yank the pane back down.
    await page.locator('#messages').evaluate((box) => box.scrollTo({ top: 0 }));
    await expect.poll(async () => (await scrollOf(page)).scrollTop, { timeout: STEP_MS }).toBe(0);
    const news = await fetch(`${emulator.url}/messages?chat_id=${chatId}`, {
      method: 'POST',
      headers: { authorization: emulator.token, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Unprompted news' }),
    });
    expect(news.status).toBe(200);
    await page.locator('.msg-row.from-bot .text', { hasText: 'Unprompted news' }).waitFor();
    await page.waitForTimeout(300);
    expect((await scrollOf(page)).scrollTop).toBe(0);
    // Sending a message of one's own brings the newest back into view.
    await page.locator('#composer-input').fill('back to the end');
    await page.keyboard.press('Enter');
    await page.locator('.msg-row.from-bot .text', { hasText: 'You said: back to the end' }).waitFor();
    await expect.poll(async () => (await scrollOf(page)).fromEnd, { timeout: STEP_MS }).toBeLessThan(2);
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-long.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('web chat page of the Max dialect in headless Chromium', () => {
  let emulator: Emulator | undefined;
  let context: BrowserContext | undefined;
  let profile: string | undefined;
  let setupError: unknown;

  beforeAll(async () => {
    try {
      if (!existsSync(CHROMIUM)) {
        throw new Error(
          `Chromium is missing at ${CHROMIUM}. Install Debian's package: apt-get install -y --no-install-recommends chromium, or set CHROMIUM_PATH.`,
        );
      }
      emulator = await startEmulator({ dialect: 'max' });
      profile = await mkdtemp(join(tmpdir(), 'tamtam-rx-chromium-max-'));
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        viewport: { width: 1280, height: 800 },
        timeout: 30_000,
      });
    } catch (error) {
      setupError = error;
    }
  }, 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await emulator?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  }, 30_000);

  it('shows Max branding and handles open_app, message and clipboard buttons', async () => {
    if (setupError !== undefined || !emulator || !context) throw setupError ?? new Error('setup did not finish');
    const page: Page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(STEP_MS);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });

    await page.goto(`${emulator.url}/_emulator/ui`);
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.title()).toContain('Max');
    expect(await page.locator('body').getAttribute('data-dialect')).toBe('max');
    expect(await page.locator('#brand-title').textContent()).toBe('Max web chat');
    const accent = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--accent').trim());
    expect(accent).toBe('#7b3fe4');

    // The bot sends Alice a keyboard of Max buttons (header auth, as Max requires).
    emulator.actAs(ids.alice).startBot();
    const sent = await fetch(`${emulator.url}/messages?user_id=${ids.alice}`, {
      method: 'POST',
      headers: { authorization: emulator.token, 'content-type': 'application/json' },
      body: JSON.stringify({
        text: 'Max menu',
        attachments: [
          {
            type: 'inline_keyboard',
            payload: {
              buttons: [
                [{ type: 'open_app', text: 'Shop', web_app: 'shop_bot', payload: 'cart' }],
                [
                  { type: 'message', text: 'Help me' },
                  { type: 'clipboard', text: 'Copy code', payload: 'PROMO-2026' },
                ],
              ],
            },
          },
        ],
      }),
    });
    expect(sent.status).toBe(200);

    await page.selectOption('#user-select', String(ids.alice));
    const dialog = page.locator('.chat-item[data-chat-key="dialog"]');
    await dialog.click();
    // Max's wire calls every chat `chat`: the page still tells the dialog apart.
    expect(await dialog.locator('.chat-item-sub').textContent()).toContain('Dialog with the bot');
    const menu = page.locator('.msg-row.from-bot', { hasText: 'Max menu' });
    await menu.waitFor();

    // open_app: a link-like button naming the app; pressing it says what it opens.
    const app = menu.locator('.kb-button.open-app');
    expect(await app.locator('.kb-app').textContent()).toBe('shop_bot');
    await app.click();
    await page.locator('.toast', { hasText: 'Opens shop_bot' }).waitFor();

    // message: sends its text as the user.
    await menu.locator('.kb-button.message', { hasText: 'Help me' }).click();
    await page.locator('.msg-row.mine .text', { hasText: 'Help me' }).waitFor();
    expect(
      emulator.updates.pending().some((u) => u.update_type === 'message_created' && u.message.body.text === 'Help me'),
    ).toBe(true);

    // clipboard: copies its payload and says so.
    await menu.locator('.kb-button.clipboard').click();
    await page.locator('.toast', { hasText: 'Copied “PROMO-2026”' }).waitFor();

    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-max.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
