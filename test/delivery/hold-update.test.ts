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
