/**
 * The `types` option of both sources is checked against the dialect's update types when the
 * source is made: a typo fails at start-up with the wrong name and the right ones, instead of a
 * bot that never receives those updates.
 */
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/index';
import { fromLongPolling } from '../../src/sources/index';
import { webhook } from '../../src/sources/webhook/index';

const thrown = (make: () => unknown): string => {
  try {
    make();
  } catch (error) {
    return error instanceof TypeError ? error.message : `not a TypeError: ${String(error)}`;
  }
  return 'nothing thrown';
};

// nothing is sent: both sources are cold until subscribed
const tamtam = createApi({ token: 'test-token', baseUrl: 'http://127.0.0.1:9' });
const max = createApi({ dialect: 'max', token: 'test-token', baseUrl: 'http://127.0.0.1:9' });

describe('fromLongPolling({ types })', () => {
  it('refuses a name that is not an update type, naming it and the valid ones', () => {
    // @ts-expect-error a typo of message_created
    const message = thrown(() => fromLongPolling(tamtam, { types: ['message_create'] }));
    expect(message).toMatch(/^fromLongPolling: types has "message_create", which is not a TamTam update type/);
    expect(message).toContain('message_created, message_callback');
  });

  it("checks against the api's dialect: a TamTam-only type on Max is refused, Max's own are taken", () => {
    // @ts-expect-error TamTam's constructor updates do not exist on Max
    const message = thrown(() => fromLongPolling(max, { types: ['message_construction_request'] }));
    expect(message).toMatch(/"message_construction_request", which is not a Max update type/);
    expect(thrown(() => fromLongPolling(max, { types: ['bot_stopped', 'message_created'] }))).toBe('nothing thrown');
    expect(thrown(() => fromLongPolling(tamtam, { types: ['message_construction_request'] }))).toBe('nothing thrown');
  });
});

describe('webhook({ types })', () => {
  it('refuses a name that is not an update type of its dialect', () => {
    // @ts-expect-error not an update type
    expect(thrown(() => webhook({ types: ['nope'] }))).toMatch(
      /^webhook: types has "nope", which is not a TamTam update type/,
    );
    expect(thrown(() => webhook({ dialect: 'max', types: ['dialog_cleared'] }))).toBe('nothing thrown');
    // webhook() types its updates by its api, not by the dialect's name: only the check catches this
    expect(thrown(() => webhook({ dialect: 'max', types: ['message_constructed'] }))).toMatch(/not a Max update type/);
  });
});
