/**
 * Codex CLI hooks (`wink hook codex`): the same JSON contract as Claude Code. PostToolUse fires for failed
 * commands too, so failure comes from the response itself (exit code, `success: false`) or from the
 * "Process exited with code N" text Codex puts in the output, or, when the payload carries neither (Codex 0.169
 * sends the bare output), from the call's completion event in the rollout. Steps are built from the payloads.
 */
import { answerClaudeStyle, translateClaudeStylePayload } from '../claude-code/index.js';
import type { AgentIntegration, HookRequest } from '../hook-types.js';
import { stringField } from '../payload.js';
import { rolloutCommandFailed } from './rollout-exit-status.js';

/** The exit-code line Codex writes into a command's output. */
const EXIT_CODE_LINE = /(?:Process exited with code|Exit code:?)\s+(-?\d+)/;

function translate(payload: Record<string, unknown>): HookRequest | undefined {
  const request = translateClaudeStylePayload(payload);
  if (!request) return undefined;
  const event = request.event;
  if (event.kind === 'tool-result' && !event.isError) {
    const exitCode = EXIT_CODE_LINE.exec(event.output);
    if (exitCode && Number(exitCode[1]) !== 0) event.isError = true;
    const rollout = stringField(payload, 'transcript_path');
    if (!exitCode && rollout && event.callId && rolloutCommandFailed(rollout, event.callId) === true) event.isError = true;
  }
  // A Codex rollout is not a Claude Code transcript: steps come from the payloads.
  return { ...request, transcriptPath: undefined };
}

const codex: AgentIntegration = {
  agent: 'codex',
  guidanceFormat: 'plain',
  readsTranscript: false,
  translate,
  answer: answerClaudeStyle,
};

export default codex;
