const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * Builds a constant-time check for `secret`, with no Node module (it runs on Workers, Deno,
 * Bun and in browsers). Every check walks all bytes of the expected secret and folds the
 * differences together, so the time taken depends on neither the content of the candidate
 * nor how much of it matches; a missing candidate costs the same as a wrong one.
 *
 * @example
 * const matches = secretChecker('s3cr3t');
 * matches(request.headers['x-tamtam-webhook-secret']); // true or false
 */
export function secretChecker(secret: string): (candidate: string | undefined) => boolean {
  const expected = encoder.encode(secret);
  return (candidate) => constantTimeEqual(expected, encoder.encode(candidate ?? '')) && candidate !== undefined;
}

/**
 * Compares two byte strings in time that depends only on `expected.length`.
 *
 * @example
 * constantTimeEqual(encoder.encode('abc'), encoder.encode('abd')); // false
 */
function constantTimeEqual(expected: Uint8Array, given: Uint8Array): boolean {
  // a length mismatch is folded in, not returned early
  let difference = expected.length ^ given.length;
  for (const [i, byte] of expected.entries()) {
    // past the end of `given`, compare against a byte no valid position holds (256)
    difference |= byte ^ (given[i] ?? 256);
  }
  return difference === 0;
}
