import { describe, expect, it } from 'vitest';
import { parseToolOutput } from '../formats/codex/tool-output.js';
import { toolResultFacts } from '../formats/claude-code/classify.js';
import { toolCallOutcome } from '../formats/gemini-cli/tool-result.js';
import { classifyFailure } from '../detectors/failure-classifier.js';
import { trajectory } from '../testing/trajectory-builder.js';
import { isHookRefusal, markRefusedCall } from './hook-refusal.js';

describe('isHookRefusal', () => {
  it.each([
    { name: 'Claude Code', output: 'PreToolUse:Bash hook error: wink refused this call before it ran', refusal: true },
    { name: 'Claude Code, an MCP tool', output: 'PreToolUse:mcp__github__create_pull_request hook error: no', refusal: true },
    { name: 'Codex', output: 'Command blocked by PreToolUse hook: do not push. Command: git push', refusal: true },
    { name: 'Gemini CLI', output: 'Tool execution blocked: do not push', refusal: true },
    { name: 'a failed command', output: 'Exit code 1\nnpm ERR! test failed', refusal: false },
    { name: 'the wording quoted inside a program\'s output', output: 'log: PreToolUse:Bash hook error: x', refusal: false },
  ])('$name', ({ output, refusal }) => {
    expect(isHookRefusal(output)).toBe(refusal);
  });
});

describe('the readers take a hook refusal for a refusal, not a failure', () => {
  it.each([
    { name: 'Claude Code transcript', refused: toolResultFacts('PreToolUse:Bash hook error: no', true, undefined).refusedByHook },
    { name: 'Codex rollout', refused: parseToolOutput('Command blocked by PreToolUse hook: no. Command: git push').refusedByHook && !parseToolOutput('Command blocked by PreToolUse hook: no').failed },
    {
      name: 'Gemini CLI chat log',
      refused: (() => {
        const outcome = toolCallOutcome({ id: 'c', name: 'run_shell_command', status: 'error', result: [{ functionResponse: { id: 'c', name: 'run_shell_command', response: { error: 'Tool execution blocked: no' } } }] });
        return outcome.refusedByHook && !outcome.isError;
      })(),
    },
  ])('$name', ({ refused }) => {
    expect(refused).toBe(true);
  });

  it('a refusal result is never a failure, and a refused call has no effects', () => {
    const subject = trajectory().user('x').tool('Edit', { file_path: 'a.ts', old_string: 'a', new_string: 'b' }, 'PreToolUse:Edit hook error: no', { error: true, refusedByHook: true }).build();
    const [, call, result] = subject.steps;
    expect(result).toMatchObject({ kind: 'tool-result', refusedByHook: true, isError: false });
    if (result.kind === 'tool-result') expect(classifyFailure({ ...result, isError: true }).failed).toBe(false);
    if (call.kind === 'tool-call') expect(markRefusedCall(call).effects).toMatchObject({ action: 'edit', filesEdited: [], commands: [] });
  });
});
