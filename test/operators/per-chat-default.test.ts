import { from, map, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { expect, it } from 'vitest';
import { perChat, perChatStats } from '../../src/operators';
import { message } from './make-updates';

it('by default perChat runs one handler per busy chat, with no cap across chats (order within a chat kept)', () => {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  const stats = perChatStats();
  let peak = 0;
  const done: [number, string][] = [];
  scheduler.run(({ flush }) => {
    // 100 chats, 2 updates each; every handler takes 100 ms (an API call at 100 ms latency)
    const updates = Array.from({ length: 200 }, (_, i) => message(`${i}`, (i % 100) + 1));
    from(updates)
      .pipe(perChat((u) => timer(100).pipe(map(() => u)), { stats }))
      .subscribe((u) => {
        done.push([scheduler.now(), u.message.body.text ?? '']);
      });
    scheduler.schedule(() => (peak = stats.running), 50);
    flush();
  });
  expect(peak).toBe(100);
  expect(done.at(-1)?.[0]).toBe(200); // two rounds of 100 ms, not ceil(200 / 32) rounds
  expect(done.filter(([, text]) => Number(text) % 100 === 7).map(([t]) => t)).toEqual([100, 200]);
});
