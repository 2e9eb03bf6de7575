/** The Redis test harness lives with the examples, which start a local redis-server too. */
export * from '../../examples/shared/redis-server';
