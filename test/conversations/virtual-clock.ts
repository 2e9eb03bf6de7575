/**
 * A virtual-time scheduler for tests with many timers: a binary heap instead of
 * VirtualTimeScheduler's array sorted on every schedule (quadratic with 10 000 timers).
 * Supports what the conversations engine uses: `now()` and one-shot `schedule(work, delay)`.
 */
import { type SchedulerAction, type SchedulerLike, Subscription } from 'rxjs';

interface Task {
  readonly at: number;
  readonly order: number;
  readonly run: () => void;
  cancelled: boolean;
}

export class VirtualClock implements SchedulerLike {
  private time = 0;
  private order = 0;
  private readonly heap: Task[] = [];

  now(): number {
    return this.time;
  }

  /** Tasks scheduled and not yet run or cancelled. */
  get pending(): number {
    return this.heap.filter((task) => !task.cancelled).length;
  }

  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T): Subscription {
    const subscription = new Subscription(() => {
      task.cancelled = true;
    });
    const action = subscription as SchedulerAction<T>;
    action.schedule = () => {
      throw new Error('VirtualClock: rescheduling from inside an action is not supported');
    };
    const task: Task = {
      at: this.time + Math.max(0, delay),
      order: this.order++,
      run: () => work.call(action, state),
      cancelled: false,
    };
    this.push(task);
    return subscription;
  }

  /** Runs every task due within `ms`, in time order, and moves the clock on by `ms`. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = this.heap[0];
      if (next === undefined || next.at > until) break;
      this.pop();
      this.time = next.at;
      if (!next.cancelled) next.run();
    }
    this.time = until;
  }

  private less(a: Task, b: Task): boolean {
    return a.at < b.at || (a.at === b.at && a.order < b.order);
  }

  private push(task: Task): void {
    const heap = this.heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(heap[i] as Task, heap[parent] as Task)) break;
      [heap[i], heap[parent]] = [heap[parent] as Task, heap[i] as Task];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop() as Task;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && this.less(heap[left] as Task, heap[smallest] as Task)) smallest = left;
      if (right < heap.length && this.less(heap[right] as Task, heap[smallest] as Task)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest] as Task, heap[i] as Task];
      i = smallest;
    }
  }
}
