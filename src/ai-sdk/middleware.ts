/**
 * `winkMiddleware`: wink for code that calls an AI SDK model but does not own the loop. A `LanguageModelMiddleware`
 * (`specificationVersion: 'v3'`) for `wrapLanguageModel`: `transformParams` observes the call's prompt (the whole
 * history each call; only new messages are observed) and appends the reminder as a user message when one is due,
 * to that call only. Model answers are seen when they come back in the next call's prompt.
 */
import type { LanguageModelMiddleware } from 'ai';
import type { WinkSession } from '../session/types.js';
import { errorReporter, ObservedHistory, reminderMessage, sessionFor, type WinkAiSdkOptions } from './history.js';

/** The middleware, with the session it feeds. */
export type WinkMiddleware = LanguageModelMiddleware & { readonly session: WinkSession };

/** Creates the middleware (see the file comment). It never throws. */
export function winkMiddleware(options: WinkAiSdkOptions = {}): WinkMiddleware {
  const session = sessionFor(options);
  const history = new ObservedHistory(session, errorReporter(options));
  return {
    specificationVersion: 'v3',
    session,
    transformParams: ({ params }) => {
      const prompt = Array.isArray(params.prompt) ? params.prompt : [];
      const text = history.observeAndRemind(prompt, 'middleware');
      return Promise.resolve(text === undefined ? params : { ...params, prompt: [...prompt, reminderMessage(text)] });
    },
  };
}
