/**
 * The agent ends its turn too early: with items of its own todo list or plan still open (Claude Code
 * TodoWrite, Codex update_plan, Gemini CLI write_todos), right after announcing a step it then never took
 * ("Now let me run the tests:" and nothing), or right after a failed call that nothing fixed. A turn ends
 * at the next real user prompt, at a `task-complete` event, or when the session ends. A turn the developer
 * interrupted did not end prematurely, and a turn that hands the next step to the developer (a question, or
 * something only they can do: run sudo, paste a secret, approve a plan, provide a path) is a handover, not an
 * early stop. A run the harness cut off at a limit, a turn the provider ended (a usage or rate limit) and a
 * failure the task asked for (the exception a fix must raise) are not the agent stopping early. Sub-agent
 * (sidechain) steps are ignored: their ends are not the agent's.
 */
import { hashText } from '../trajectory/hash.js';
import type { ToolCallStep } from '../trajectory/step.js';
import { detachedCopy } from '../trajectory/bounded-text.js';
import { acknowledgesFailure, announcedStep, handsOver, STATEMENT_HEAD_CHARACTERS, STATEMENT_TAIL_CHARACTERS } from './agent-statements.js';
import { defineDetector } from './define.js';
import { classifyFailure, errorExcerpt } from './failure-classifier.js';
import { isHarnessCutOff, isProviderStop } from './harness-stops.js';

export interface PrematureTerminationOptions {
  /** Tools that write the agent's todo list or plan. */
  planTools: string[];
  /** Item statuses that count as finished. */
  finishedStatuses: string[];
}

/** Default options. */
export const PREMATURE_TERMINATION_DEFAULTS: PrematureTerminationOptions = {
  planTools: ['TodoWrite', 'update_plan', 'write_todos', 'todo_write', 'todowrite'],
  finishedStatuses: ['completed', 'complete', 'done', 'cancelled', 'canceled', 'skipped'],
};

/** A closing that names the work still open. */
const REMAINING_WORK = /\b(?:remaining|still (?:to do|open|pending|need(?:s|ed)? to)|left to do|not (?:yet )?done|next steps?|to ?do:|pending:|haven't (?:yet )?(?:done|started|finished)|did not get to|didn't get to)\b/i;

/** Characters at the end of a closing read for the work it names as left (REMAINING_WORK). */
const REMAINING_WORK_TAIL_CHARACTERS = STATEMENT_TAIL_CHARACTERS * 2;
/** Characters of a message that every judgement of a closing reads: its head and its tail (see {@link closingExcerpt}). */
const CLOSING_EXCERPT_CHARACTERS = STATEMENT_HEAD_CHARACTERS + REMAINING_WORK_TAIL_CHARACTERS;

/** Open items named in the finding data. */
const MAXIMUM_NAMED_ITEMS = 3;
/** Most characters of an item or announcement kept. */
const MAXIMUM_TEXT_CHARACTERS = 120;

interface Plan {
  stepIndex: number;
  total: number;
  open: number;
  /** The first open items, joined with "; ". */
  openItems: string;
}

interface Unresolved {
  callIndex: number;
  resultIndex: number;
  tool: string;
  key: string;
  error: string;
  kind: string;
  cause: string;
}

/**
 * The main agent's latest message of the turn, kept unjudged: most messages are followed by a tool call, which
 * makes them no closing, so a message is read (handover, failure, work left, announcement) only when the turn
 * ends with it.
 */
interface FinalMessage {
  index: number;
  /** The part of the message the judgements read ({@link closingExcerpt}). */
  text: string;
}

interface State {
  /** True when the agent did anything since the turn began. */
  active: boolean;
  /** True when the provider stopped answering in this turn (a usage or rate limit): the turn's end is not the agent's. */
  providerStopped?: boolean;
  lastAgentIndex: number;
  plan: Plan | null;
  unresolved: Unresolved | null;
  /** The assistant message after the last tool call of the turn, if any. */
  final: FinalMessage | null;
}

/**
 * What the judgements of a closing read of a message, as a copy: the message itself, or, when it is longer than
 * {@link CLOSING_EXCERPT_CHARACTERS}, its first {@link STATEMENT_HEAD_CHARACTERS} and last
 * {@link REMAINING_WORK_TAIL_CHARACTERS} characters joined. `acknowledgesFailure`, `handsOver`, `announcedStep` and
 * REMAINING_WORK read at most the first STATEMENT_HEAD_CHARACTERS and the last REMAINING_WORK_TAIL_CHARACTERS of a
 * message (and a longer message as head and tail), so each gives on the excerpt what it gives on the message.
 */
function closingExcerpt(text: string): string {
  if (text.length <= CLOSING_EXCERPT_CHARACTERS) return detachedCopy(text);
  return detachedCopy(text.slice(0, STATEMENT_HEAD_CHARACTERS), text.slice(-REMAINING_WORK_TAIL_CHARACTERS));
}

function shorten(text: string): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > MAXIMUM_TEXT_CHARACTERS ? `${single.slice(0, MAXIMUM_TEXT_CHARACTERS - 1)}…` : single;
}

/** The plan a plan tool's input holds, or undefined when it holds none. */
function planOf(call: ToolCallStep, finishedStatuses: ReadonlySet<string>): Plan | undefined {
  const input = call.input as Record<string, unknown> | null;
  if (input === null || typeof input !== 'object') return undefined;
  const items = input.todos ?? input.plan ?? input.items;
  if (!Array.isArray(items)) return undefined;
  const open: string[] = [];
  for (const item of items as unknown[]) {
    if (item === null || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    const status = typeof record.status === 'string' ? record.status.toLowerCase() : 'pending';
    if (finishedStatuses.has(status)) continue;
    const text = record.content ?? record.step ?? record.description ?? record.title ?? record.text;
    open.push(typeof text === 'string' ? shorten(text) : '(unnamed item)');
  }
  return { stepIndex: call.index, total: items.length, open: open.length, openItems: open.slice(0, MAXIMUM_NAMED_ITEMS).join('; ') };
}

export default defineDetector<PrematureTerminationOptions>({
  id: 'premature-termination',
  meta: {
    category: 'premature-termination',
    requiresLlm: false,
    description: 'The agent ends its turn with its own plan items open, after announcing a step it never took, or right after an unresolved error.',
    messages: {
      'incomplete-plan': 'the agent stopped with {{open}} of {{total}} plan items not done ({{items}})',
      'announced-step-not-taken': 'the agent stopped right after announcing a next step: "{{announcement}}"',
      'unresolved-error': 'the agent stopped right after {{tool}} failed, without fixing it ({{error}})',
    },
    defaultOptions: PREMATURE_TERMINATION_DEFAULTS,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ active: false, lastAgentIndex: -1, plan: null, unresolved: null, final: null }));
    const planTools = new Set(options.planTools);
    const finishedStatuses = new Set(options.finishedStatuses);

    const startTurn = () => {
      state.active = false;
      state.providerStopped = false;
      state.plan = null;
      state.unresolved = null;
      state.final = null;
    };

    const endTurn = (atSessionEnd = false) => {
      if (!state.active) return;
      // The harness cut the run off at a limit, or the provider stopped answering: the agent did not choose to stop.
      if (state.providerStopped || (atSessionEnd && isHarnessCutOff(context.facts.session))) {
        startTurn();
        return;
      }
      const final = state.final;
      const handover = final !== null && handsOver(final.text);
      const lastIndex = final?.index ?? state.lastAgentIndex;
      const plan = state.plan;
      // A closing that names what is left ("Remaining: …", "next steps") tells the developer; it is not an early stop.
      if (plan && plan.open > 0 && !handover && !(final !== null && REMAINING_WORK.test(final.text.slice(-REMAINING_WORK_TAIL_CHARACTERS)))) {
        context.report({
          messageId: 'incomplete-plan',
          steps: plan.stepIndex === lastIndex ? [lastIndex] : [plan.stepIndex, lastIndex],
          data: { open: plan.open, total: plan.total, items: plan.openItems },
          signature: `premature-termination:incomplete-plan:${hashText(plan.openItems)}`,
          confidence: 0.8,
        });
      }
      const announced = final === null ? undefined : announcedStep(final.text);
      const announcement = final !== null && announced ? { index: final.index, text: shorten(announced) } : null;
      // "Please run sudo …, then I'll continue" announces what follows the developer's part: a hand-off.
      if (announcement && !handover) {
        context.report({
          messageId: 'announced-step-not-taken',
          steps: [announcement.index],
          data: { announcement: announcement.text },
          signature: `premature-termination:announced-step-not-taken:${hashText(announcement.text)}`,
          confidence: 0.7,
        });
      }
      const unresolved = state.unresolved;
      if (unresolved && !handover && !(final !== null && acknowledgesFailure(final.text))) {
        context.report({
          messageId: 'unresolved-error',
          steps: final ? [unresolved.callIndex, unresolved.resultIndex, final.index] : [unresolved.callIndex, unresolved.resultIndex],
          data: { tool: unresolved.tool, error: unresolved.error, kind: unresolved.kind, cause: unresolved.cause },
          signature: `premature-termination:unresolved-error:${hashText(unresolved.key)}`,
          confidence: unresolved.cause === 'environment' ? 0.5 : 0.7,
        });
      }
      startTurn();
    };

    return {
      user(step) {
        if (step.sidechain) return;
        // A prompt typed while the agent works (queued) does not end its turn.
        if (step.queued) return;
        if (step.origin === 'prompt') endTurn();
        // An interrupt ends the turn by the developer's choice: nothing premature about it.
        if (step.origin !== 'injected') startTurn();
      },
      event(step) {
        if (step.sidechain) return;
        if (isProviderStop(step)) state.providerStopped = true;
        if (step.event === 'task-complete') endTurn();
        else if (step.event === 'turn-aborted') startTurn();
      },
      assistant(step) {
        if (step.sidechain || step.text.trim().length === 0) return;
        state.active = true;
        state.lastAgentIndex = step.index;
        state.final = { index: step.index, text: closingExcerpt(step.text) };
      },
      'tool-call'(step) {
        if (step.sidechain) return;
        state.active = true;
        state.lastAgentIndex = step.index;
        state.final = null;
        if (planTools.has(step.tool)) {
          const plan = planOf(step, finishedStatuses);
          if (plan) state.plan = plan;
        }
      },
      'tool-result'(step) {
        if (step.sidechain) return;
        const call = context.facts.callFor(step);
        const classification = classifyFailure(step, call);
        if (!classification.failed) {
          state.unresolved = null;
          return;
        }
        // The developer stopped or refused the call: the turn's end is theirs.
        if (classification.kind === 'rejected' || classification.kind === 'interrupted') return;
        // The error the task asks for (a fix that must raise ValidationException) is an outcome, not a failure to fix.
        if (context.facts.instructions.expectsError(step.output)) {
          state.unresolved = null;
          return;
        }
        state.unresolved = {
          callIndex: call?.index ?? step.index,
          resultIndex: step.index,
          tool: call?.tool ?? 'unknown',
          key: call ? `${call.tool}\u0000${call.canonicalInput}` : step.callId,
          error: errorExcerpt(step.output),
          kind: classification.kind,
          cause: classification.cause === 'environment' ? 'environment' : 'agent',
        };
      },
      end() {
        endTurn(true);
      },
    };
  },
});
