import { filter, of, toArray, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  deriveUpdate,
  emitTracked,
  holdUpdate,
  isRedelivery,
  markRedelivery,
  originalUpdate,
} from '../../src/delivery/index';
import { command } from '../../src/operators/command';
import { textMessage } from '../../src/testing/updates';

describe('delivery questions are answered through the original update', () => {
  it('isRedelivery stays true after a deriving operator', () => {
    const update = { update_type: 'x', timestamp: 1 };
    markRedelivery(update);
    const derived = deriveUpdate(deriveUpdate(update, { a: 1 }), { b: 2 });
    expect(isRedelivery(derived)).toBe(true);
    expect(originalUpdate(derived)).toBe(update);
  });

  it('a fresh update and its derivations are not redeliveries', () => {
    const update = { update_type: 'x', timestamp: 1 };
    expect(isRedelivery(deriveUpdate(update, { a: 1 }))).toBe(false);
  });

  it('command(...) then filter(!isRedelivery) drops a replayed command', async () => {
    const fresh = textMessage('/x fresh');
    const replayed = textMessage('/x again');
    markRedelivery(replayed);
    const seen = await firstValueFrom(
      of(fresh, replayed).pipe(
        command('x'),
        filter((u) => !isRedelivery(u)),
        toArray(),
      ),
    );
    expect(seen.map((u) => u.command.args)).toEqual(['fresh']);
  });

  it('a hold taken on a derived update holds the emitted one', () => {
    const update = { update_type: 'x', timestamp: 1 };
    const events: string[] = [];
    let release = (): void => {};
    emitTracked(update, (u) => (release = holdUpdate(deriveUpdate(u, { n: 1 }))), {
      handled: () => events.push('handled'),
      abandoned: () => events.push('abandoned'),
    });
    expect(events).toEqual([]);
    release();
    expect(events).toEqual(['handled']);
  });
});
