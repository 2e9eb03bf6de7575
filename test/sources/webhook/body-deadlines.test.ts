import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BodyDeadlines, PendingBody } from '../../../src/sources/webhook/body-deadlines';

class Body extends PendingBody {
  expired = 0;
  constructor(
    readonly name: string,
    private readonly log: string[],
    private readonly fail = false,
  ) {
    super();
  }
  override expire(): void {
    this.expired += 1;
    this.log.push(this.name);
    if (this.fail) throw new Error(`${this.name} failed`);
  }
}

describe('BodyDeadlines: one timer for every body being read', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expires each body still pending at its own deadline, in the order they started, once', () => {
    const log: string[] = [];
    const deadlines = new BodyDeadlines(1_000);
    const a = new Body('a', log);
    const b = new Body('b', log);
    const c = new Body('c', log);
    deadlines.add(a);
    vi.advanceTimersByTime(300);
    deadlines.add(b);
    vi.advanceTimersByTime(300);
    deadlines.add(c);
    vi.advanceTimersByTime(399);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['a']);
    vi.advanceTimersByTime(299);
    expect(log).toEqual(['a']);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['a', 'b']);
    vi.advanceTimersByTime(300);
    expect(log).toEqual(['a', 'b', 'c']);
    vi.advanceTimersByTime(5_000);
    expect([a.expired, b.expired, c.expired]).toEqual([1, 1, 1]);
  });

  it('never expires a body removed in time, wherever it sits in the list', () => {
    const log: string[] = [];
    const deadlines = new BodyDeadlines(1_000);
    const bodies = ['first', 'middle', 'last', 'kept'].map((name) => new Body(name, log));
    for (const body of bodies) deadlines.add(body);
    const [first, middle, last] = bodies;
    deadlines.remove(middle as Body);
    deadlines.remove(first as Body);
    deadlines.remove(last as Body);
    deadlines.remove(last as Body); // removing twice is a no-op
    vi.advanceTimersByTime(2_000);
    expect(log).toEqual(['kept']);
  });

  it('arms at most one timer however many bodies are read, and none once nothing is pending', () => {
    const deadlines = new BodyDeadlines(1_000);
    const log: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      const body = new Body(String(i), log);
      deadlines.add(body);
      expect(vi.getTimerCount()).toBe(1);
      deadlines.remove(body);
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(1_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(log).toEqual([]);
    // a body added after the list drained gets a full deadline of its own
    const late = new Body('late', log);
    deadlines.add(late);
    vi.advanceTimersByTime(999);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['late']);
  });

  it('a body added while an earlier timer is armed still expires on time', () => {
    const log: string[] = [];
    const deadlines = new BodyDeadlines(1_000);
    const early = new Body('early', log);
    deadlines.add(early);
    deadlines.remove(early); // the timer stays armed for t=1000
    vi.advanceTimersByTime(600);
    deadlines.add(new Body('next', log)); // due at t=1600
    vi.advanceTimersByTime(400);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(599);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['next']);
  });

  it('one body whose expiry throws does not keep the others from expiring', () => {
    const log: string[] = [];
    const deadlines = new BodyDeadlines(100);
    deadlines.add(new Body('throws', log, true));
    deadlines.add(new Body('after', log));
    vi.advanceTimersByTime(100);
    expect(log).toEqual(['throws', 'after']);
  });
});
