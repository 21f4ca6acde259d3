/**
 * A session fed with AI SDK message histories. The loop (or the provider call) hands over the whole history
 * each time; only messages not seen before are translated and observed. Fail-open: an error in the
 * translation is reported and the agent goes on.
 */
import { logHookError } from '../integrations/hook-log.js';
import { MessageHistory } from '../session/message-history.js';
import { createWinkSession } from '../session/session.js';
import type { ChatMessage, WinkSession, WinkSessionOptions } from '../session/types.js';
import { messageSteps, type AiSdkMessage } from './translate.js';

/** The options of every AI SDK integration: a session to use, or the options to create one with. */
export type WinkAiSdkOptions = { session?: WinkSession } & WinkSessionOptions;

/** Where integration errors go: the caller's `onError`, else `$WINK_HOME/wink.log`. */
export type ErrorReporter = (error: Error, where: string) => void;

/** The reporter for these options; it never throws. */
export function errorReporter(options: WinkAiSdkOptions): ErrorReporter {
  return (error, where) => {
    try {
      if (options.onError) options.onError(error, `ai-sdk ${where}`);
      else logHookError(`ai-sdk ${where}`, error);
    } catch {
      // The caller's handler failed too; the agent still goes on.
    }
  };
}

/** The session given, or a new one made from the options. */
export function sessionFor(options: WinkAiSdkOptions): WinkSession {
  return options.session ?? createWinkSession(options);
}

/** The reminder message wink appends to what the model sees. */
export function reminderMessage(text: string): { role: 'user'; content: [{ type: 'text'; text: string }] } {
  return { role: 'user', content: [{ type: 'text', text }] };
}

export class ObservedHistory {
  private readonly history = new MessageHistory();

  constructor(
    readonly session: WinkSession,
    private readonly report: ErrorReporter,
  ) {}

  /** Observes the messages of `list` not seen before. */
  observe(list: readonly AiSdkMessage[], where: string): void {
    try {
      const fresh = this.history.newMessages(list as unknown as readonly ChatMessage[]);
      const steps = fresh.flatMap((message) => messageSteps(message));
      if (steps.length > 0) this.session.observe(steps);
    } catch (error) {
      this.report(error instanceof Error ? error : new Error(String(error)), where);
    }
  }

  /** Observes `list`, then returns the pending reminder (taken once), if any. */
  observeAndRemind(list: readonly AiSdkMessage[], where: string): string | undefined {
    this.observe(list, where);
    return this.session.guidance();
  }
}
