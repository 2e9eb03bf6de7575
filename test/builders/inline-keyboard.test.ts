import { describe, expect, it } from 'vitest';
import {
  KEYBOARD_LIMITS,
  type KeyboardError,
  buttonGrid,
  callbackButton,
  chatButton,
  inlineKeyboard,
  isKeyboardError,
  linkButton,
  payloadCodec,
  requestContactButton,
  requestGeoLocationButton,
} from '../../src/builders';
import type { Button } from '../../src/types';
import { allSampleButtons, sampleButtons } from '../fixtures/updates';

function thrown(f: () => unknown): KeyboardError {
  try {
    f();
  } catch (error) {
    if (isKeyboardError(error)) return error;
    throw error;
  }
  throw new Error('expected a KeyboardError');
}

describe('button factories', () => {
  it('build every button kind', () => {
    const vote = payloadCodec('vote', { choice: ['yes', 'no'] });
    expect(callbackButton('Approve', 'deploy:482:approve', { intent: 'positive' })).toEqual(sampleButtons.callback);
    expect(callbackButton('Yes', vote, { choice: 'yes' })).toEqual({
      type: 'callback',
      text: 'Yes',
      payload: 'vote:yes',
    });
    expect(callbackButton('No', vote, { choice: 'no' }, { intent: 'negative' })).toEqual({
      type: 'callback',
      text: 'No',
      payload: 'vote:no',
      intent: 'negative',
    });
    expect(linkButton('Open build', 'https://ci.example.com/b/482')).toEqual(sampleButtons.link);
    expect(requestContactButton('Share my phone')).toEqual(sampleButtons.request_contact);
    expect(requestGeoLocationButton('Send my location', { quick: false })).toEqual(sampleButtons.request_geo_location);
    expect(requestGeoLocationButton('Where?')).toEqual({ type: 'request_geo_location', text: 'Where?' });
    expect(
      chatButton('Discuss release', 'Release 482', {
        description: 'Go/no-go for build 482',
        startPayload: 'release-482',
        uuid: 1_804_337,
      }),
    ).toEqual(sampleButtons.chat);
  });

  it('check the schema limits and say which button broke which limit', () => {
    expect(thrown(() => callbackButton('x'.repeat(129), 'p'))).toMatchObject({
      limit: 'buttonText',
      max: 128,
      actual: 129,
      message: expect.stringMatching(/^callback button "x{40}…": text is 129 characters; the limit is 128$/),
    });
    expect(thrown(() => callbackButton('Big', 'p'.repeat(1025)))).toMatchObject({
      limit: 'callbackPayload',
      max: 1024,
      message: 'callback button "Big": payload is 1025 characters; the limit is 1024',
    });
    expect(thrown(() => linkButton('Far', `https://e.x/${'a'.repeat(2048)}`))).toMatchObject({
      limit: 'linkUrl',
      max: 2048,
    });
    expect(thrown(() => chatButton('Chat', 't'.repeat(201)))).toMatchObject({ limit: 'chatTitle', max: 200 });
    expect(thrown(() => chatButton('Chat', 'T', { description: 'd'.repeat(401) }))).toMatchObject({
      limit: 'chatDescription',
      max: 400,
    });
    expect(thrown(() => chatButton('Chat', 'T', { startPayload: 's'.repeat(513) }))).toMatchObject({
      limit: 'startPayload',
      max: 512,
    });
    expect(callbackButton('x'.repeat(128), 'p'.repeat(1024)).text).toHaveLength(128);
  });

  it('refuse malformed buttons with a hint', () => {
    expect(thrown(() => callbackButton('', 'p')).message).toBe('callback button: text must be a non-empty string');
    expect(thrown(() => linkButton('Docs', 'dev.tamtam.chat')).message).toMatch(
      /url must be an http\(s\):\/\/ or tamtam:\/\/ link, got "dev.tamtam.chat"/,
    );
    expect(thrown(() => callbackButton('x', 'p', { intent: 'happy' as 'positive' })).message).toMatch(
      /intent "happy" is not one of positive, negative, default/,
    );
    expect(thrown(() => chatButton('Chat', '')).message).toMatch(/chat_title must be a non-empty string/);
    expect(linkButton('App', 'tamtam://chat/1').url).toBe('tamtam://chat/1');
  });
});

describe('inlineKeyboard', () => {
  it('wraps rows into an inline_keyboard attachment request', () => {
    const kb = inlineKeyboard([[sampleButtons.callback, sampleButtons.link], [sampleButtons.chat]]);
    expect(kb).toEqual({
      type: 'inline_keyboard',
      payload: { buttons: [[sampleButtons.callback, sampleButtons.link], [sampleButtons.chat]] },
    });
  });

  it('accepts every sample button kind', () => {
    expect(inlineKeyboard(buttonGrid(allSampleButtons, 2)).payload.buttons.flat()).toEqual(allSampleButtons);
  });

  it('enforces rows, buttons per row and total buttons', () => {
    const b = callbackButton('b', 'p');
    expect(
      inlineKeyboard(Array.from({ length: 30 }, () => Array.from({ length: 7 }, () => b))).payload.buttons.flat(),
    ).toHaveLength(210);
    expect(thrown(() => inlineKeyboard(Array.from({ length: 31 }, () => [b])))).toMatchObject({
      limit: 'rows',
      max: 30,
      actual: 31,
    });
    expect(thrown(() => inlineKeyboard([[b], Array.from({ length: 8 }, () => b)]))).toMatchObject({
      limit: 'buttonsPerRow',
      max: 7,
      actual: 8,
      position: { row: 1 },
      message: 'inlineKeyboard: row 2 has 8 buttons; a row holds at most 7',
    });
    expect(thrown(() => inlineKeyboard([]))).toMatchObject({
      message: 'inlineKeyboard: a keyboard needs at least one row',
    });
    expect(thrown(() => inlineKeyboard([[b], []]))).toMatchObject({
      message: 'inlineKeyboard: row 2 is empty; drop it or add a button',
    });
  });

  it('names the row and button that broke a limit, for hand-written buttons too', () => {
    const raw: Button = { type: 'callback', text: 'Too long', payload: 'p'.repeat(2000) };
    expect(thrown(() => inlineKeyboard([[sampleButtons.link], [sampleButtons.callback, raw]]))).toMatchObject({
      limit: 'callbackPayload',
      position: { row: 1, column: 1 },
      message: 'callback button "Too long" (row 2, button 2): payload is 2000 characters; the limit is 1024',
    });
    const unknown = { type: 'webapp', text: 'x' } as unknown as Button;
    expect(thrown(() => inlineKeyboard([[unknown]])).message).toMatch(
      /webapp button "x" \(row 1, button 1\): unknown button type "webapp"/,
    );
  });

  it('limits table matches the schema and the documented client limits', () => {
    expect(KEYBOARD_LIMITS).toEqual({
      buttonText: 128,
      callbackPayload: 1024,
      linkUrl: 2048,
      chatTitle: 200,
      chatDescription: 400,
      startPayload: 512,
      rows: 30,
      buttonsPerRow: 7,
      buttons: 210,
    });
  });
});

describe('buttonGrid', () => {
  it('lays buttons out in rows of N, the last one shorter', () => {
    const buttons = ['1', '2', '3', '4', '5'].map((d) => callbackButton(d, d));
    expect(buttonGrid(buttons, 2).map((row) => row.map((b) => b.text))).toEqual([['1', '2'], ['3', '4'], ['5']]);
    expect(buttonGrid([], 3)).toEqual([]);
  });

  it('refuses column counts a row cannot hold', () => {
    expect(thrown(() => buttonGrid([], 8)).message).toMatch(/columns must be a whole number from 1 to 7, got 8/);
    expect(thrown(() => buttonGrid([], 0)).message).toMatch(/got 0/);
  });
});
