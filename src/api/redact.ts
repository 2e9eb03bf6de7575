/**
 * Replaces every occurrence of `secret` in `text` with `***`.
 *
 * @example
 * redact('GET /me?access_token=abc', 'abc'); // 'GET /me?access_token=***'
 */
export function redact(text: string, secret: string): string {
  return secret === '' ? text : text.split(secret).join('***');
}

/**
 * An error safe to attach as `cause`: the original when neither its message nor its stack
 * mentions the secret, otherwise a copy with the secret redacted.
 *
 * @example
 * new TamTamNetworkError('fetch failed', details, { cause: redactError(err, token) });
 */
export function redactError(error: unknown, secret: string): unknown {
  if (!(error instanceof Error)) return error;
  const leaks = error.message.includes(secret) || (error.stack ?? '').includes(secret);
  if (!leaks || secret === '') return error;
  const copy = new Error(redact(error.message, secret));
  copy.name = error.name;
  copy.stack = redact(error.stack ?? '', secret);
  return copy;
}
