import { describe, expect, it, vi } from 'vitest';
import { emitTracked, holdUpdate } from '../../src/delivery/hold-update';

const tracker = () => ({ handled: vi.fn(), abandoned: vi.fn() });

describe('delivery tracking', () => {
  it('an update nobody holds is handled when its emission returns', () => {
    const t = tracker();
    emitTracked({ id: 1 }, () => expect(t.handled).not.toHaveBeenCalled(), t);
    expect(t.handled).toHaveBeenCalledTimes(1);
  });

  it('a held update is handled only after every hold is released', () => {
    const t = tracker();
    const releases: (() => void)[] = [];
    emitTracked({ id: 1 }, (u) => releases.push(holdUpdate(u), holdUpdate(u)), t);
    expect(t.handled).not.toHaveBeenCalled();
    releases[0]?.();
    releases[0]?.(); // idempotent
    expect(t.handled).not.toHaveBeenCalled();
    releases[1]?.();
    expect(t.handled).toHaveBeenCalledTimes(1);
    expect(t.abandoned).not.toHaveBeenCalled();
  });

  it('an abandoned hold makes the update abandoned (to be delivered again)', () => {
    const t = tracker();
    let release = (_?: 'handled' | 'abandoned') => {};
    emitTracked({ id: 1 }, (u) => (release = holdUpdate(u)), t);
    release('abandoned');
    expect(t.abandoned).toHaveBeenCalledTimes(1);
    expect(t.handled).not.toHaveBeenCalled();
  });

  it('a throwing subscriber still settles the update', () => {
    const t = tracker();
    expect(() =>
      emitTracked(
        { id: 1 },
        () => {
          throw new Error('boom');
        },
        t,
      ),
    ).toThrow('boom');
    expect(t.handled).toHaveBeenCalledTimes(1);
  });

  it('holding an untracked or already settled update is a no-op', () => {
    const update = { id: 1 };
    expect(() => holdUpdate(update)()).not.toThrow();
    const t = tracker();
    emitTracked(update, () => {}, t);
    holdUpdate(update)();
    expect(t.handled).toHaveBeenCalledTimes(1);
  });
});

describe('delivery tracking with one listener for many updates', () => {
  it('tells the listener each update with its outcome, once', () => {
    const heard: [number, string][] = [];
    const listener = (update: { id: number }, outcome: 'handled' | 'abandoned') => heard.push([update.id, outcome]);
    const releases: ((outcome?: 'handled' | 'abandoned') => void)[] = [];
    emitTracked({ id: 1 }, () => {}, listener);
    emitTracked({ id: 2 }, (u) => releases.push(holdUpdate(u)), listener);
    emitTracked({ id: 3 }, (u) => releases.push(holdUpdate(u)), listener);
    expect(heard).toEqual([[1, 'handled']]);
    releases[1]?.('abandoned');
    releases[0]?.();
    releases[0]?.();
    expect(heard).toEqual([
      [1, 'handled'],
      [3, 'abandoned'],
      [2, 'handled'],
    ]);
  });

  it('a hold taken after the emission, while another is still held, keeps the update', () => {
    const t = tracker();
    const update = { id: 1 };
    let first = () => {};
    emitTracked(update, (u) => (first = holdUpdate(u)), t);
    const second = holdUpdate(update);
    first();
    expect(t.handled).not.toHaveBeenCalled();
    second();
    expect(t.handled).toHaveBeenCalledTimes(1);
  });

  it('a nested emission (a handler makes another source emit) keeps both updates holdable', () => {
    const outer = tracker();
    const inner = tracker();
    const a = { id: 'a' };
    const b = { id: 'b' };
    const releases: (() => void)[] = [];
    emitTracked(
      a,
      () => {
        emitTracked(b, (u) => releases.push(holdUpdate(u), holdUpdate(a)), inner);
        expect(inner.handled).not.toHaveBeenCalled();
        releases.push(holdUpdate(a));
      },
      outer,
    );
    expect(outer.handled).not.toHaveBeenCalled();
    releases[0]?.();
    expect(inner.handled).toHaveBeenCalledTimes(1);
    releases[1]?.();
    expect(outer.handled).not.toHaveBeenCalled();
    releases[2]?.();
    expect(outer.handled).toHaveBeenCalledTimes(1);
    expect(holdUpdate(a)).toBeTypeOf('function'); // settled: a no-op hold
    expect(outer.abandoned).not.toHaveBeenCalled();
  });
});
