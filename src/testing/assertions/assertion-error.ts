/**
 * The error the kit's assertion helpers throw: any test runner reports it as a failed
 * expectation with its message.
 *
 * @example
 * try { expectSent(api, { text: 'hi' }); } catch (e) { if (e instanceof TestKitAssertionError) console.log(e.message); }
 */
export class TestKitAssertionError extends Error {
  override name = 'AssertionError';
}

/**
 * `true` when `error` came from one of the kit's assertion helpers.
 *
 * @example
 * expect(() => expectSent(api, { text: 'nope' })).toThrow(TestKitAssertionError);
 */
export function isTestKitAssertionError(error: unknown): error is TestKitAssertionError {
  return error instanceof TestKitAssertionError;
}
