/**
 * The agent ignores a failed tool call: it makes the same call again unchanged although nothing changed
 * since it failed, it says the call worked right after it failed ("Great, the file is updated"), or it
 * builds on an edit that never happened (the next edit's old text is the failed edit's new text).
 * Environment failures (timeouts, network, rate limits) are the agent's concern only when it then claims
 * success; a rejected call made again unchanged is reported with lower confidence. Malformed calls (unknown
 * tool, invalid arguments) made again belong to `malformed-tool-call`; the third identical failing call
 * onwards belongs to `repeated-tool-call` — this detector reports the first repeat of each failed call only.
 * A tool (not the shell) that reported its file missing is the same call again when it names the same file,
 * whatever its other arguments (`inspect_file_as_text` asked another question about a file that is not there).
 * A failure is only ignored by an agent that could know of it (`couldKnow`): the agent that made the call, the main
 * agent (its sub-agents report to it), or a sub-agent started after it; sub-agents running side by side, each
 * trying the same missing file once, ignore nothing. A claim of success answers a failure of its own lane only.
 */
import { hashText } from '../trajectory/hash.js';
import { claimsSuccess } from './agent-statements.js';
import { defineDetector } from './define.js';
import { classifyFailure, errorExcerpt, reportedCause, type FailureKind } from './failure-classifier.js';
import { commandLineOf, inputPathOf } from '../trajectory/tool-effects.js';
import type { ToolCallStep } from '../trajectory/step.js';
import { couldKnow, emptyLanes, laneName, momentOf, noteLaneStart, type Lanes, type StepMoment } from './loop-support/lanes.js';

export interface IgnoredToolFailureOptions {
  /** Failure kinds whose unchanged repetition is reported (deterministic failures and rejections). */
  repeatKinds: FailureKind[];
  /** Failed calls remembered for the repeat check (oldest dropped first). */
  rememberedFailures: number;
  /** Failed edits remembered for the built-on-a-failed-edit check. */
  rememberedEdits: number;
  /** Shortest old text of a later edit that counts as building on a failed edit. */
  minimumDependentTextLength: number;
}

/** Default options. */
export const IGNORED_TOOL_FAILURE_DEFAULTS: IgnoredToolFailureOptions = {
  repeatKinds: ['failed-edit', 'file-not-found', 'command-not-found', 'command-syntax', 'precondition', 'rejected', 'code-refused', 'code-syntax', 'code-exception'],
  rememberedFailures: 16,
  rememberedEdits: 8,
  minimumDependentTextLength: 8,
};

/** Most characters of an edit's text kept in state. */
const MAXIMUM_EDIT_TEXT_CHARACTERS = 2000;
/** Confidence by what was ignored. */
const CONFIDENCE = { agentRepeat: 0.85, rejectedRepeat: 0.6, agentClaim: 0.75, environmentClaim: 0.5, dependentEdit: 0.85 };

interface FailedCall {
  key: string;
  /** For a missing file reported by a tool that is not the shell: the tool and the file (see {@link fileKeyOf}). */
  fileKey?: string;
  tool: string;
  kind: FailureKind;
  cause: 'agent' | 'environment';
  error: string;
  callIndex: number;
  resultIndex: number;
  /** The lane (sub-agent) that made the call, and when its result came. */
  lane: string;
  at: StepMoment;
  /** Change count right after the failure (the failed call's own effects included). */
  changeCount: number;
  reported: boolean;
}

interface FailedEdit {
  file: string;
  oldText: string;
  newText: string;
  tool: string;
  error: string;
  callIndex: number;
  resultIndex: number;
  lane: string;
  at: StepMoment;
}

interface State {
  /** When each sub-agent's task came (see noteLaneStart). */
  lanes: Lanes<StepMoment>;
  failures: FailedCall[];
  edits: FailedEdit[];
  /** The latest failure not yet followed by an assistant message or another call. */
  latest: FailedCall | null;
}

function keyOf(tool: string, canonicalInput: string): string {
  return `${tool}\u0000${canonicalInput}`;
}

/**
 * The key of a call by the file it names, for a tool that is not the shell (a shell command's path is the
 * program's business): `tool NUL file: path`, or undefined when the input names no file.
 */
function fileKeyOf(call: ToolCallStep, normalizePath: (path: string) => string): string | undefined {
  if (call.code !== undefined || commandLineOf(call.input) !== undefined) return undefined;
  const path = inputPathOf(call.input);
  return path === undefined ? undefined : `${call.tool}\u0000file:${normalizePath(path)}`;
}

function bounded(text: string | undefined): string {
  return (text ?? '').slice(0, MAXIMUM_EDIT_TEXT_CHARACTERS);
}

export default defineDetector<IgnoredToolFailureOptions>({
  id: 'ignored-tool-failure',
  meta: {
    category: 'tool-call-failure',
    form: 'S6',
    requiresLlm: false,
    description: 'The agent repeats a failed call unchanged, says a failed call worked, or builds on an edit that failed.',
    messages: {
      'repeated-failed-call': '{{tool}} called again unchanged after it failed ({{error}})',
      'repeated-missing-file': '{{tool}} called again on {{file}} after it reported the file missing ({{error}})',
      'claimed-success': 'the agent went on as if {{tool}} had succeeded, but it failed ({{error}})',
      'built-on-failed-edit': 'the edit of {{file}} assumes an earlier edit that failed ({{error}})',
    },
    defaultOptions: IGNORED_TOOL_FAILURE_DEFAULTS,
  },
  create(context, options) {
    const state = context.state<State>(() => ({ lanes: emptyLanes(), failures: [], edits: [], latest: null }));
    const repeatKinds = new Set(options.repeatKinds);
    return {
      user(step) {
        noteLaneStart(state.lanes, step);
        if (step.origin === 'injected') return;
        state.failures = [];
        state.edits = [];
        state.latest = null;
      },
      assistant(step) {
        const lane = laneName(step);
        const failure = state.latest;
        if (step.text.trim().length === 0 || !failure || failure.lane !== lane) return;
        state.latest = null;
        if (failure.kind === 'rejected' || failure.kind === 'interrupted' || !claimsSuccess(step.text)) return;
        context.report({
          messageId: 'claimed-success',
          steps: [failure.callIndex, failure.resultIndex, step.index],
          data: { tool: failure.tool, error: failure.error, kind: failure.kind, cause: failure.cause, failedStep: failure.callIndex },
          signature: `ignored-tool-failure:claimed-success:${hashText(failure.key)}`,
          confidence: failure.cause === 'agent' ? CONFIDENCE.agentClaim : CONFIDENCE.environmentClaim,
        });
      },
      'tool-call'(step) {
        const lane = laneName(step);
        if (state.latest?.lane === lane) state.latest = null;
        const key = keyOf(step.tool, step.canonicalInput);
        const fileKey = fileKeyOf(step, (path) => context.facts.normalizePath(path));
        const failure = state.failures.find((candidate) => (candidate.key === key || (candidate.fileKey !== undefined && candidate.fileKey === fileKey)) && couldKnow(state.lanes, candidate, lane));
        if (failure && !failure.reported && repeatKinds.has(failure.kind) && (failure.kind === 'rejected' || failure.changeCount === context.facts.changeCount)) {
          failure.reported = true;
          const sameFile = failure.key !== key;
          context.report({
            messageId: sameFile ? 'repeated-missing-file' : 'repeated-failed-call',
            steps: [failure.callIndex, failure.resultIndex, step.index],
            data: { tool: step.tool, error: failure.error, kind: failure.kind, cause: failure.cause, failedStep: failure.callIndex, ...(sameFile ? { file: inputPathOf(step.input) } : {}) },
            signature: `ignored-tool-failure:repeat:${hashText(sameFile ? (failure.fileKey as string) : key)}`,
            confidence: failure.cause === 'agent' ? CONFIDENCE.agentRepeat : CONFIDENCE.rejectedRepeat,
          });
          return;
        }
        for (const edit of step.effects.edits) {
          const oldText = (edit.oldText ?? '').trim();
          if (oldText.length < options.minimumDependentTextLength) continue;
          const file = context.facts.normalizePath(edit.file);
          const failed = state.edits.find((candidate) => candidate.file === file && candidate.newText.includes(oldText) && !candidate.oldText.includes(oldText) && couldKnow(state.lanes, candidate, lane));
          if (!failed) continue;
          state.edits = state.edits.filter((candidate) => candidate !== failed);
          context.report({
            messageId: 'built-on-failed-edit',
            steps: [failed.callIndex, failed.resultIndex, step.index],
            data: { tool: failed.tool, file: edit.file, error: failed.error, kind: 'failed-edit', cause: 'agent', failedStep: failed.callIndex },
            signature: `ignored-tool-failure:built-on-failed-edit:${hashText(`${file}\u0000${oldText}`)}`,
            confidence: CONFIDENCE.dependentEdit,
          });
          return;
        }
      },
      'tool-result'(step) {
        const call = context.facts.callFor(step);
        if (!call) return;
        const key = keyOf(call.tool, call.canonicalInput);
        const classification = classifyFailure(step, call);
        if (!classification.failed) {
          // The same call now works, or the files it edited changed for real: nothing left to ignore.
          // Most results succeed with nothing remembered to drop: the lists are copied only when something goes.
          const succeededFileKey = fileKeyOf(call, (path) => context.facts.normalizePath(path));
          const stillIgnored = (candidate: FailedCall) => candidate.key !== key && (candidate.fileKey === undefined || candidate.fileKey !== succeededFileKey);
          if (!state.failures.every(stillIgnored)) state.failures = state.failures.filter(stillIgnored);
          if (state.edits.length === 0 || (call.effects.filesEdited.length === 0 && call.effects.filesWritten.length === 0)) return;
          const edited = new Set(call.effects.filesEdited.concat(call.effects.filesWritten).map((file) => context.facts.normalizePath(file)));
          state.edits = state.edits.filter((candidate) => !edited.has(candidate.file));
          return;
        }
        if (classification.kind === 'interrupted') return;
        // The error the task asks for (a fix that must raise ValidationException) is the outcome wanted, not one to ignore.
        if (classification.kind === 'unclassified' && context.facts.instructions.expectsError(step.output)) return;
        const fileKey = classification.kind === 'file-not-found' ? fileKeyOf(call, (path) => context.facts.normalizePath(path)) : undefined;
        const previous = state.failures.find((candidate) => candidate.key === key || (fileKey !== undefined && candidate.fileKey === fileKey));
        const failure: FailedCall = {
          key,
          ...(fileKey === undefined ? {} : { fileKey }),
          tool: call.tool,
          kind: classification.kind,
          cause: reportedCause(classification),
          error: errorExcerpt(step.output),
          callIndex: call.index,
          resultIndex: step.index,
          lane: laneName(call),
          at: momentOf(step),
          changeCount: context.facts.changeCount,
          // Once reported, later repeats of the same call are repeated-tool-call's.
          reported: previous?.reported ?? false,
        };
        state.failures = state.failures.filter((candidate) => candidate !== previous && candidate.key !== key);
        state.failures.push(failure);
        if (state.failures.length > options.rememberedFailures) state.failures.shift();
        state.latest = failure;
        if (classification.kind !== 'failed-edit') return;
        for (const edit of call.effects.edits) {
          if (!edit.newText) continue;
          state.edits.push({ file: context.facts.normalizePath(edit.file), oldText: bounded(edit.oldText), newText: bounded(edit.newText), tool: call.tool, error: failure.error, callIndex: call.index, resultIndex: step.index, lane: failure.lane, at: failure.at });
          if (state.edits.length > options.rememberedEdits) state.edits.shift();
        }
      },
    };
  },
});
