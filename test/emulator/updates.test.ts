import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import type { Emulator } from '../../src/emulator';
import { call, start, waitFor } from './helpers';
import { schemaValidator } from '../helpers/schema-validator';

/** Problems of `value` as an instance of the TamTam schema's `component`, strictly (no field the schema lacks); `[]` when it conforms. */
function schemaProblems(component: string, value: unknown): readonly string[] {
  const result = schemaValidator('tamtam', { strict: true }).validate(component, value);
  return result.ok ? [] : result.errors;
}

const poll = (emulator: Emulator, query: Record<string, string | number | undefined> = {}) =>
  call(emulator, 'GET', '/updates', { query: { timeout: 0, ...query } });

const say = (emulator: Emulator, text: string) => emulator.actAs(ids.alice).sendToBot(text);
const texts = (body: { updates: Array<{ message?: { body: { text: string } } }> }) =>
  body.updates.map((u) => u.message?.body.text);

describe('GET /updates marker semantics', () => {
  it('returns every uncommitted update and a marker past the last one', async () => {
    const emulator = await start();
    say(emulator, 'one');
    say(emulator, 'two');
    const res = await poll(emulator);
    expect(res.status).toBe(200);
    expect(schemaProblems('UpdateList', res.body)).toEqual([]);
    expect(texts(res.body)).toEqual(['one', 'two']);
    expect(res.body.marker).toBe(3);
  });

  it('without a marker, redelivers what was not committed', async () => {
    const emulator = await start();
    say(emulator, 'one');
    expect(texts((await poll(emulator)).body)).toEqual(['one']);
    expect(texts((await poll(emulator)).body)).toEqual(['one']);
  });

  it('passing the marker commits everything before it', async () => {
    const emulator = await start();
    say(emulator, 'one');
    const first = await poll(emulator);
    say(emulator, 'two');
    const second = await poll(emulator, { marker: first.body.marker });
    expect(texts(second.body)).toEqual(['two']);
    expect(texts((await poll(emulator)).body)).toEqual(['two']);
    const third = await poll(emulator, { marker: second.body.marker });
    expect(third.body.updates).toEqual([]);
    expect(third.body.marker).toBe(second.body.marker);
    expect(emulator.updates.pending()).toEqual([]);
  });

  it('honours limit; the marker then points after the last returned update', async () => {
    const emulator = await start();
    for (const t of ['a', 'b', 'c']) say(emulator, t);
    const page = await poll(emulator, { limit: 2 });
    expect(texts(page.body)).toEqual(['a', 'b']);
    expect(texts((await poll(emulator, { marker: page.body.marker })).body)).toEqual(['c']);
  });

  it('filters by types and keeps the filtered-out ones queued', async () => {
    const emulator = await start();
    emulator.actAs(ids.bob).startBot('x');
    say(emulator, 'hello');
    const onlyMessages = await poll(emulator, { types: 'message_created' });
    expect(onlyMessages.body.updates.map((u: { update_type: string }) => u.update_type)).toEqual(['message_created']);
    const all = await poll(emulator);
    expect(all.body.updates.map((u: { update_type: string }) => u.update_type)).toEqual([
      'bot_started',
      'message_created',
    ]);
  });

  it('validates limit, timeout and marker', async () => {
    const emulator = await start();
    for (const query of [
      { limit: 0 },
      { limit: 1001 },
      { timeout: 91 },
      { timeout: -1 },
      { marker: 'x' },
      { types: 'a,,b' },
    ]) {
      const res = await poll(emulator, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.code).toBe('proto.param');
    }
  });

  it('long poll answers as soon as an update arrives', async () => {
    const emulator = await start();
    const pending = poll(emulator, { timeout: 30 });
    await waitFor(() => emulator.updates.waiting() === 1);
    say(emulator, 'wake up');
    expect(emulator.updates.waiting()).toBe(0); // woken by the update itself, not by its 30 s timeout
    const res = await pending;
    expect(texts(res.body)).toEqual(['wake up']);
  });

  it('long poll ignores updates of other types while waiting', async () => {
    const emulator = await start();
    const pending = poll(emulator, { timeout: 30, types: 'bot_started' });
    await waitFor(() => emulator.updates.waiting() === 1);
    say(emulator, 'not this');
    expect(emulator.updates.waiting()).toBe(1); // a matching update wakes a poll at once (synchronously)
    emulator.actAs(ids.bob).startBot(null);
    const res = await pending;
    expect(res.body.updates.map((u: { update_type: string }) => u.update_type)).toEqual(['bot_started']);
  });

  it('long poll times out with an empty list', async () => {
    const emulator = await start();
    const started = Date.now();
    const res = await poll(emulator, { timeout: 1 });
    expect(res.body).toEqual({ updates: [], marker: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('a client that disconnects releases its waiter', async () => {
    const emulator = await start();
    const controller = new AbortController();
    const pending = poll(emulator, { timeout: 30 }).catch(() => 'aborted');
    void pending;
    const aborted = call(emulator, 'GET', '/updates', { query: { timeout: 30 }, signal: controller.signal }).catch(
      () => 'aborted',
    );
    await waitFor(() => emulator.updates.waiting() === 2);
    controller.abort();
    expect(await aborted).toBe('aborted');
    await waitFor(() => emulator.updates.waiting() === 1);
    say(emulator, 'x');
    await pending;
  });

  it('drops the oldest uncommitted updates past maxQueuedUpdates', async () => {
    const emulator = await start({ maxQueuedUpdates: 2 });
    for (const t of ['a', 'b', 'c']) say(emulator, t);
    const res = await poll(emulator);
    expect(texts(res.body)).toEqual(['b', 'c']);
    expect(res.body.marker).toBe(4);
  });

  it('injects arbitrary updates, unknown types included', async () => {
    const emulator = await start();
    emulator.updates.inject({ update_type: 'dialog_muted', chat_id: 1 });
    const res = await poll(emulator);
    expect(res.body.updates).toEqual([{ update_type: 'dialog_muted', chat_id: 1, timestamp: expect.any(Number) }]);
  });
});
