import { type WebhookAnswer, type WebhookRejection, rejected } from './answer';
import { type UpdateCheck, updateChecker } from '../classify-update';
import { headChecker, tooLargeMessage, type RequestHead } from './check-request';
import type { UpdateDelivery } from './delivery';
import type { UnknownUpdate, Update } from '../../types/index';
import type { WebhookHeaders } from './headers';
import type { ResolvedFetchWebhookOptions } from './options';
import { type BodyReadResult, NOT_UTF8, decodeUtf8, isAsyncIterable, readBody } from './read-body';

/**
 * One incoming HTTP request, as any adapter can describe it.
 *
 * @example
 * const request: WebhookRequest = { method: 'POST', url: '/tamtam?x=1', headers: { 'content-type': 'application/json' }, body: '{"update_type":"bot_started"}' };
 */
export interface WebhookRequest {
  /** HTTP method. */
  readonly method: string;
  /** Path with optional query (`/tamtam/s3cr3t?x=1`) or an absolute URL. */
  readonly url: string;
  readonly headers: WebhookHeaders;
  /**
   * The body: an async iterable of `Uint8Array`/string chunks (a Node request, a web
   * `ReadableStream`), a string or bytes, or a value a framework already parsed from JSON
   * (e.g. Express's `req.body`). `undefined` means empty.
   */
  readonly body?: unknown;
}

/**
 * The framework-agnostic webhook: checks method, path, secret and body, then hands the update
 * over and answers. Never rejects; unexpected failures answer `500`.
 *
 * @example
 * const answer = await handle({ method: 'POST', url: '/tamtam', headers: {}, body: JSON.stringify(update) });
 */
export type WebhookRequestHandler = (request: WebhookRequest) => Promise<WebhookAnswer>;

/**
 * The webhook's work on a request in its three steps, for adapters that read the body their
 * own (faster) way: `head` checks what the headers tell (synchronously, before any byte of the
 * body is read), `body` turns what was read into the answer (synchronously unless the ack
 * waits for handling), and `settle` reports a refusal and turns a failure into `500`.
 * Internal.
 *
 * @example
 * const refusal = steps.head({ method, url, headers, streamed: true });
 * if (refusal !== undefined) return send(steps.settle(refusal));
 */
export interface WebhookSteps {
  readonly maxBodyBytes: number;
  readonly bodyTimeout: number;
  head(head: RequestHead): WebhookAnswer | undefined;
  body(body: BodyReadResult): WebhookAnswer | Promise<WebhookAnswer>;
  /** Reports a refusal (status$, onRejected) and passes the answer on; turns a thrown error into `500`. */
  settle(answer: WebhookAnswer | undefined, error?: unknown): WebhookAnswer;
}

/**
 * Builds the {@link WebhookSteps} for resolved options and a delivery.
 *
 * @example
 * const steps = createWebhookSteps(resolveWebhookOptions({ path: '/tamtam' }), delivery);
 */
export function createWebhookSteps(options: ResolvedFetchWebhookOptions, delivery: UpdateDelivery): WebhookSteps {
  const check = updateChecker(options.knownTypes);
  return {
    maxBodyBytes: options.maxBodyBytes,
    bodyTimeout: options.bodyTimeout,
    head: headChecker(options),
    body: (body) => acceptBody(body, options, delivery, check),
    settle: (answer, error) => {
      const result =
        answer ??
        rejected(
          'internal.error',
          `the webhook failed to handle the request: ${error instanceof Error ? error.message : String(error)}`,
          { closeConnection: true },
        );
      if (result.status !== 200 && 'code' in result.body) {
        const rejection: WebhookRejection = {
          status: result.status,
          code: result.body.code,
          message: result.body.message,
        };
        delivery.reportRejection(rejection);
      }
      return result;
    },
  };
}

/**
 * Builds the {@link WebhookRequestHandler} from the steps: head checks, then {@link readBody}
 * (any body shape, with the limit and deadline), then the body step.
 *
 * @example
 * const handle = createWebhookHandler(createWebhookSteps(options, delivery));
 */
export function createWebhookHandler(steps: WebhookSteps): WebhookRequestHandler {
  return async (request) => {
    try {
      const refusal = steps.head({
        method: request.method,
        url: request.url,
        headers: request.headers,
        streamed: isAsyncIterable(request.body),
      });
      if (refusal !== undefined) return steps.settle(refusal);
      return steps.settle(await steps.body(await readBody(request.body, steps.maxBodyBytes, steps.bodyTimeout)));
    } catch (error) {
      return steps.settle(undefined, error);
    }
  };
}

function acceptBody(
  body: BodyReadResult,
  options: ResolvedFetchWebhookOptions,
  delivery: UpdateDelivery,
  check: UpdateCheck,
): WebhookAnswer | Promise<WebhookAnswer> {
  if (body.kind === 'timeout') {
    return rejected('body.timeout', `the body did not arrive within ${options.bodyTimeout} ms (bodyTimeout)`, {
      closeConnection: true,
    });
  }
  if (body.kind === 'too-large')
    return rejected('body.too.large', tooLargeMessage(options.maxBodyBytes), { closeConnection: !body.drained });
  if (body.kind === 'unreadable') return rejected('body.unreadable', body.reason, { closeConnection: !body.drained });
  let value: unknown;
  let content: string | Uint8Array;
  if (body.kind === 'parsed') {
    value = body.value;
    content = JSON.stringify(value) ?? '';
  } else {
    let text: string | undefined;
    if (body.kind === 'bytes') {
      text = decodeUtf8(body.bytes);
      if (text === undefined) return rejected('body.unreadable', NOT_UTF8);
      content = body.bytes;
    } else {
      text = body.text;
      content = text;
    }
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (text.trim() === '')
        return rejected(
          'body.invalid.json',
          'the body is empty; the webhook expects one Update as JSON (if a body parser consumed it, pass its result as req.body)',
        );
      return rejected(
        'body.invalid.json',
        `the body is not valid JSON (${error instanceof Error ? error.message.slice(0, 120) : 'parse error'})`,
      );
    }
  }
  const kind = check(value);
  if (kind === 'known') return delivery.deliver(value as Update, content);
  if (kind === 'unknown') return delivery.reportUnknown(value as UnknownUpdate);
  return rejected('body.not.update', kind.reason);
}
