import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Builds a constant-time check for `secret`. Both sides are hashed to equal-length SHA-256
 * digests first, so neither the content nor the length of the secret leaks through timing.
 *
 * @example
 * const matches = secretChecker('s3cr3t');
 * matches(request.headers['x-tamtam-webhook-secret']); // true or false
 */
export function secretChecker(secret: string): (candidate: string | undefined) => boolean {
  const expected = digest(secret);
  return (candidate) => {
    // hash even when absent, so a missing secret costs the same time as a wrong one
    const given = digest(candidate ?? '');
    return timingSafeEqual(expected, given) && candidate !== undefined;
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
