import { describe, expectTypeOf, it } from 'vitest';
import { type OrderSteps, orderForm } from '../../examples/order-form/bot';
import {
  type AnswerContext,
  type Conversation,
  type Conversations,
  type MaxNewMessageBody,
  conversation,
  conversations,
  createApi,
} from '../../src/index';

interface Steps {
  name: Record<string, never>;
  size: { name: string };
  confirm: { name: string; size: 'S' | 'M' };
}

describe('conversation types', () => {
  it("types each step's data and checks next() against the step table", () => {
    conversation<Steps>({
      id: 'typed',
      start: { step: 'name', data: {} },
      steps: {
        name: {
          answer: (c) => {
            expectTypeOf(c.data).toEqualTypeOf<Record<string, never>>();
            expectTypeOf(c.text).toEqualTypeOf<string | undefined>();
            // @ts-expect-error: 'sise' is not a step
            c.next('sise', { name: 'x' });
            // @ts-expect-error: the size step needs `name`
            c.next('size', {});
            return c.next('size', { name: c.text ?? '' });
          },
        },
        size: {
          ask: ({ data }) => {
            expectTypeOf(data).toEqualTypeOf<{ name: string }>();
            return `Size for ${data.name}?`;
          },
          answer: (c) => {
            // @ts-expect-error: 'XL' is not a size
            c.next('confirm', { ...c.data, size: 'XL' });
            return c.next('confirm', { ...c.data, size: 'M' });
          },
        },
        confirm: {
          answer: (c) => {
            expectTypeOf(c.data.size).toEqualTypeOf<'S' | 'M'>();
            return c.done(`Ordered ${c.data.size}`);
          },
        },
      },
    });
  });

  it("requires every step in the table and a start with that step's data", () => {
    conversation<Steps>({
      id: 'missing',
      start: { step: 'name', data: {} },
      // @ts-expect-error: the confirm step is missing
      steps: {
        name: { answer: (c) => c.done() },
        size: { answer: (c) => c.done() },
      },
    });
    conversation<Steps>({
      id: 'start',
      // @ts-expect-error: the size step starts with a name
      start: { step: 'size', data: {} },
      steps: {
        name: { answer: (c) => c.done() },
        size: { answer: (c) => c.done() },
        confirm: { answer: (c) => c.done() },
      },
    });
  });

  it("types enter() by the flow's steps", () => {
    const dialogs = {} as Conversations;
    const update = {} as Parameters<Conversations['enter']>[0];
    dialogs.enter(update, orderForm, { step: 'size', data: { name: 'Ann' } });
    // @ts-expect-error: the confirm step needs a size
    dialogs.enter(update, orderForm, { step: 'confirm', data: { name: 'Ann' } });
    expectTypeOf(orderForm).toEqualTypeOf<Conversation<OrderSteps>>();
    expectTypeOf<AnswerContext<OrderSteps, 'size'>['data']>().toEqualTypeOf<{ name: string }>();
  });

  it("takes flows with the api dialect's message body", () => {
    const maxFlow = conversation<{ only: Record<string, never> }, MaxNewMessageBody>({
      id: 'max',
      start: { step: 'only', data: {} },
      steps: { only: { answer: (c) => c.done({ text: 'bye' }) } },
    });
    conversations(createApi({ token: 't', dialect: 'max' }), { store: {} as never, flows: [maxFlow] });
    conversations(createApi({ token: 't' }), { store: {} as never, flows: [orderForm] });
  });
});
