import { describe, expect, test } from 'vitest';
import type { MarkupElement, MessageBody } from '../../src/types';
import { UPDATE_TYPES } from '../../src/types';
import { freshSampleUpdate, sampleUpdates } from '../fixtures/updates';

interface MarkedText {
  where: string;
  text: string | null | undefined;
  markup: readonly MarkupElement[];
}

function markedTexts(): MarkedText[] {
  const created = sampleUpdates.message_created.message;
  const callback = sampleUpdates.message_callback.message;
  const input = sampleUpdates.message_construction_request.input;
  const bodies: Array<[string, MessageBody]> = [
    ['message_created', created.body],
    ['message_callback', callback!.body],
    ['message_edited', sampleUpdates.message_edited.message.body],
    ['message_constructed', sampleUpdates.message_constructed.message.body],
  ];
  const result: MarkedText[] = bodies.map(([where, body]) => ({
    where,
    text: body.text,
    markup: body.markup ?? [],
  }));
  if (input.input_type === 'message') {
    for (const draft of input.messages ?? []) {
      result.push({ where: 'message_construction_request', text: draft.text, markup: draft.markup ?? [] });
    }
  }
  return result;
}

describe('sample updates', () => {
  test.each(UPDATE_TYPES)('%s carries its own update_type and a ms timestamp', (type) => {
    const update = sampleUpdates[type];
    expect(update.update_type).toBe(type);
    expect(Number.isSafeInteger(update.timestamp)).toBe(true);
    expect(update.timestamp).toBeGreaterThan(1_600_000_000_000); // ms, not seconds
  });

  test('survive a JSON round trip unchanged (they are what the wire carries)', () => {
    expect(JSON.parse(JSON.stringify(sampleUpdates))).toEqual(sampleUpdates);
  });

  test('every markup range lies inside its text', () => {
    const texts = markedTexts();
    expect(texts.length).toBeGreaterThanOrEqual(5);
    for (const { where, text, markup } of texts) {
      for (const element of markup) {
        expect(text, where).toEqual(expect.any(String));
        expect(element.from + element.length, `${where} ${element.type}`).toBeLessThanOrEqual(text!.length);
        expect(element.length, `${where} ${element.type}`).toBeGreaterThan(0);
      }
    }
  });

  test('link and mention markup point at the text they cover', () => {
    const body = sampleUpdates.message_created.message.body;
    const covered = (m: MarkupElement) => body.text!.slice(m.from, m.from + m.length);
    for (const m of body.markup ?? []) {
      if (m.type === 'link') expect(covered(m)).toBe(m.url);
      if (m.type === 'user_mention' && m.user_link) expect(covered(m)).toBe(m.user_link);
    }
  });

  test('are frozen so tests cannot leak changes into each other', () => {
    expect(() => {
      (sampleUpdates.bot_started as { payload: string | null }).payload = 'changed';
    }).toThrow(TypeError);
    expect(Object.isFrozen(sampleUpdates.message_created.message.body.attachments)).toBe(true);
  });

  test('freshSampleUpdate returns an equal, mutable, independent copy', () => {
    const copy = freshSampleUpdate('bot_started');
    expect(copy).toEqual(sampleUpdates.bot_started);
    copy.payload = null;
    expect(sampleUpdates.bot_started.payload).toBe('ref_spring_campaign');
  });
});
