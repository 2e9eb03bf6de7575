/**
 * `npx tsx examples/quiz/main.ts` — with TAMTAM_TOKEN set, on the real API; else on a local
 * emulator.
 */
import { memoryStateStore } from '../../src/index';
import { runBot } from '../../src/node/index';
import { quizBot } from './bot';

await runBot((api, updates$) => quizBot(api, updates$, { store: memoryStateStore() }), {
  name: 'quiz',
  hint: 'as Alice in her dialog, send /quiz and press the answers (20 s per question)',
});
