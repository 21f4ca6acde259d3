/**
 * The full steps of a hooked session, for the worker's LLM checks. The store keeps only one-line step
 * summaries (a hook writes no tool outputs, so it stays fast), so the worker reads the steps again from the
 * session's transcript with the same incremental reader the hook uses, from the start, in chunks, and stops as
 * soon as it has the job's last step. See docs/llm.md ("Where the worker's steps come from").
 *
 * Step numbers are the reader's: the same as the hook's, except where the hook built a tool call or result
 * from its payload before the transcript showed it and the transcript later wrote other lines in between.
 * Sessions whose hook reads no transcript (Codex, Gemini CLI: steps come from the payloads only) have no full
 * steps anywhere: {@link transcriptStepsUpTo} returns undefined for them.
 */
import { initialTranscriptState, readTranscriptChunk, type IncrementalTranscriptState } from '../formats/claude-code/incremental.js';
import type { SessionRecord } from '../store/types.js';
import type { SessionMetadata } from '../trajectory/session.js';
import type { Step } from '../trajectory/step.js';

/** Agents whose hook sessions have a transcript wink can read again. */
export const TRANSCRIPT_AGENTS: readonly string[] = ['claude-code'];

/**
 * The session's steps with index ≤ `upToStep`, read from its transcript; undefined when the session has no
 * transcript wink reads. Throws when the transcript cannot be read.
 */
export function transcriptStepsUpTo(session: SessionRecord, upToStep: number): Step[] | undefined {
  if (!TRANSCRIPT_AGENTS.includes(session.agent) || !session.sourceFile) return undefined;
  const metadata: SessionMetadata = {
    id: session.id,
    agent: session.agent,
    environment: 'cli',
    format: session.agent,
    model: session.model,
    sourceFile: session.sourceFile,
    workingDirectory: session.workingDirectory,
  };
  const state = initialTranscriptState();
  // Calls the hook refused show without effects here too.
  const saved = session.integrationState as IncrementalTranscriptState | undefined;
  if (saved?.refused) state.refused = { ...saved.refused };
  const steps: Step[] = [];
  for (;;) {
    const offset = state.offset;
    const chunk = readTranscriptChunk(session.sourceFile, metadata, state);
    for (const step of chunk.steps) if (step.index <= upToStep) steps.push(step);
    if (state.stepCount > upToStep || state.offset === offset) return steps;
  }
}
