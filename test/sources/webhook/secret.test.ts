import { describe, expect, it } from 'vitest';
import { secretChecker } from '../../../src/sources/webhook/secret';

describe('secretChecker', () => {
  const matches = secretChecker('correct-horse');

  it('accepts exactly the secret', () => {
    expect(matches('correct-horse')).toBe(true);
  });

  it.each([
    undefined,
    '',
    'correct-hors',
    'correct-horsee',
    'Correct-horse',
    'x'.repeat(10_000),
    'correct-horse\u0000',
  ])('refuses %j (missing, shorter, longer, different case, huge, trailing NUL)', (candidate) => {
    expect(matches(candidate)).toBe(false);
  });

  it('handles non-ASCII secrets byte for byte', () => {
    const unicode = secretChecker('пароль-🔑');
    expect(unicode('пароль-🔑')).toBe(true);
    expect(unicode('пароль-🔐')).toBe(false);
  });
});
