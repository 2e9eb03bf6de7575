import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { InFlightUpdates, type ReleaseHold, holdUpdate } from '../../src/delivery/index';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function emitHeld(inFlight: InFlightUpdates, events: string[], name: string): ReleaseHold {
  let release: ReleaseHold = () => {};
  inFlight.emit({ name }, (u) => (release = holdUpdate(u)), {
    handled: () => events.push(`${name} handled (in flight ${inFlight.size})`),
    abandoned: () => events.push(`${name} abandoned (in flight ${inFlight.size})`),
  });
  return release;
}

describe('InFlightUpdates', () => {
  it('counts emitted updates until their tracker hears the outcome', () => {
    const inFlight = new InFlightUpdates();
    const events: string[] = [];
    const a = emitHeld(inFlight, events, 'a');
    const b = emitHeld(inFlight, events, 'b');
    inFlight.emit({ name: 'c' }, () => {}, { handled: () => events.push('c handled'), abandoned: () => {} });
    expect(inFlight.size).toBe(2);
    a();
    b('abandoned');
    expect(events).toEqual(['c handled', 'a handled (in flight 2)', 'b abandoned (in flight 1)']);
    expect(inFlight.size).toBe(0);
  });

  it('counts updates emitted with one shared listener, which hears each before the count drops', () => {
    const inFlight = new InFlightUpdates();
    const events: string[] = [];
    const listener = (update: { name: string }, outcome: string) =>
      events.push(`${update.name} ${outcome} (in flight ${inFlight.size})`);
    const releases: ReleaseHold[] = [];
    for (const name of ['a', 'b', 'c']) {
      inFlight.emit({ name }, (u) => (name === 'b' ? undefined : releases.push(holdUpdate(u))), listener);
    }
    expect(inFlight.size).toBe(2);
    releases[1]?.('abandoned');
    releases[0]?.();
    expect(events).toEqual(['b handled (in flight 2)', 'c abandoned (in flight 2)', 'a handled (in flight 1)']);
    expect(inFlight.size).toBe(0);
  });

  it('settled() resolves at once with 0 when nothing is in flight', async () => {
    expect(await new InFlightUpdates().settled({ timeout: 10 })).toBe(0);
  });

  it('settled() resolves with 0 once the last hold is released', async () => {
    const inFlight = new InFlightUpdates();
    const release = emitHeld(inFlight, [], 'a');
    let result: number | undefined;
    void inFlight.settled().then((n) => (result = n));
    await settle();
    expect(result).toBeUndefined();
    release();
    await settle();
    expect(result).toBe(0);
  });

  it('settled({ timeout }) gives up on its scheduler and says how many are unfinished', async () => {
    const scheduler = new VirtualTimeScheduler();
    const inFlight = new InFlightUpdates();
    emitHeld(inFlight, [], 'a');
    emitHeld(inFlight, [], 'b');
    let result: number | undefined;
    void inFlight.settled({ timeout: 1_000, scheduler }).then((n) => (result = n));
    scheduler.maxFrames = 999;
    scheduler.flush();
    await settle();
    expect(result).toBeUndefined();
    scheduler.maxFrames = 1_000;
    scheduler.flush();
    await settle();
    expect(result).toBe(2);
  });

  it('a throwing tracker still lowers the count', () => {
    const inFlight = new InFlightUpdates();
    expect(() =>
      inFlight.emit({}, () => {}, {
        handled: () => {
          throw new Error('ack failed');
        },
        abandoned: () => {},
      }),
    ).toThrow('ack failed');
    expect(inFlight.size).toBe(0);
  });
});
