import type { Subscriber } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fanOut } from '../../src/sources/fan-out';

/** A source whose connections the test drives by hand. */
function manualSource() {
  const connections: { subscriber: Subscriber<number>; closed: boolean }[] = [];
  const source$ = fanOut<number>((subscriber) => {
    const connection = { subscriber, closed: false };
    connections.push(connection);
    return () => {
      connection.closed = true;
    };
  });
  const current = () => {
    const connection = connections.at(-1);
    if (connection === undefined) throw new Error('not connected');
    return connection.subscriber;
  };
  return { source$, connections, current };
}

describe('fanOut: share() for a source session', () => {
  it('connects once for many subscribers and gives each of them every value', () => {
    const { source$, connections, current } = manualSource();
    const a: number[] = [];
    const b: number[] = [];
    source$.subscribe((v) => a.push(v));
    source$.subscribe((v) => b.push(v));
    current().next(1);
    current().next(2);
    expect(connections).toHaveLength(1);
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1, 2]);
  });

  it('tears the connection down when the last subscriber leaves, and connects again for the next one', () => {
    const { source$, connections, current } = manualSource();
    const first = source$.subscribe();
    const second = source$.subscribe();
    first.unsubscribe();
    expect(connections[0]?.closed).toBe(false);
    const stale = current();
    second.unsubscribe();
    expect(connections[0]?.closed).toBe(true);
    const late: number[] = [];
    source$.subscribe((v) => late.push(v));
    stale.next(99); // the old connection is heard by nobody
    current().next(3);
    expect(connections).toHaveLength(2);
    expect(late).toEqual([3]);
  });

  it('delivers an error or completion to everyone subscribed, then the next subscriber connects again', () => {
    const { source$, connections, current } = manualSource();
    const events: string[] = [];
    source$.subscribe({ error: (e: Error) => events.push(`a ${e.message}`) });
    source$.subscribe({ error: (e: Error) => events.push(`b ${e.message}`) });
    current().error(new Error('boom'));
    expect(events).toEqual(['a boom', 'b boom']);
    source$.subscribe({ complete: () => events.push('c done') });
    expect(connections).toHaveLength(2);
    current().complete();
    expect(events).toEqual(['a boom', 'b boom', 'c done']);
  });

  it('an emission goes to the subscribers present when it started', () => {
    const { source$, current } = manualSource();
    const seen: string[] = [];
    const joiner: number[] = [];
    const leaver = source$.subscribe((v) => seen.push(`leaver ${v}`));
    source$.subscribe((v) => {
      seen.push(`stayer ${v}`);
      if (v === 1) {
        leaver.unsubscribe();
        source$.subscribe((w) => joiner.push(w));
      }
    });
    // the leaver hears 1 before the stayer leaves it out; the joiner hears only what follows
    current().next(1);
    current().next(2);
    expect(seen).toEqual(['leaver 1', 'stayer 1', 'stayer 2']);
    expect(joiner).toEqual([2]);
  });

  it('a connection that completes while connecting completes its subscriber and is torn down at once', () => {
    let tornDown = 0;
    const done$ = fanOut<number>((subscriber) => {
      subscriber.complete();
      return () => {
        tornDown += 1;
      };
    });
    let completed = 0;
    done$.subscribe({ complete: () => (completed += 1) });
    done$.subscribe({ complete: () => (completed += 1) });
    expect(completed).toBe(2);
    expect(tornDown).toBe(2);
  });
});
