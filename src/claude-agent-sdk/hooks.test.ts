import { describe, expect, it } from 'vitest';
import { createWinkSession } from '../session/session.js';
import type { WinkSession } from '../session/types.js';
import { createWinkClaudeAgent, WINK_HOOK_EVENTS } from './hooks.js';
import type { ClaudeAgentHookInput, ClaudeAgentHookOutput } from './types.js';

const TASK = 'Make `npm run build` pass. Do not run git push.';
const BUILD = 'npm run build';
const BUILD_ERROR = "Exit code 1\nError: Cannot find module 'typescript'";
const SIGNAL = { signal: new AbortController().signal };

/** The fields the SDK puts in every hook input (`BaseHookInput`), as 0.3.329 sends them. */
const BASE = { session_id: 'd1e2f3a4-0000-4000-8000-000000000001', transcript_path: '/tmp/project/.claude/session.jsonl', cwd: '/tmp/project', permission_mode: 'default' };

let toolUses = 0;
const prompt = (text: string): ClaudeAgentHookInput => ({ ...BASE, hook_event_name: 'UserPromptSubmit', prompt: text });
const preToolUse = (command: string): ClaudeAgentHookInput => ({ ...BASE, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: `toolu_${++toolUses}` });
const failure = (command: string): ClaudeAgentHookInput => ({ ...BASE, hook_event_name: 'PostToolUseFailure', tool_name: 'Bash', tool_input: { command }, tool_use_id: `toolu_${++toolUses}`, error: BUILD_ERROR });
const success = (command: string, stdout: string): ClaudeAgentHookInput => ({
  ...BASE, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: `toolu_${++toolUses}`, tool_response: { stdout, stderr: '', interrupted: false, isImage: false },
});
const stop = (message: string, active = false): ClaudeAgentHookInput => ({ ...BASE, hook_event_name: 'Stop', stop_hook_active: active, last_assistant_message: message });
const failedTests = (): ClaudeAgentHookInput => ({ ...BASE, hook_event_name: 'PostToolUseFailure', tool_name: 'Bash', tool_input: { command: 'npm test' }, tool_use_id: `toolu_${++toolUses}`, error: 'Exit code 1\n1 failing: adds numbers (expected 3, received 4)' });

/** Runs the inputs through the hooks registered for their events; returns every answer. */
async function play(inputs: ClaudeAgentHookInput[], session?: WinkSession): Promise<ClaudeAgentHookOutput[]> {
  const agent = createWinkClaudeAgent({ session, onError: (error) => expect.fail(error.message) });
  const answers: ClaudeAgentHookOutput[] = [];
  for (const input of inputs) {
    const matchers = agent.hooks[input.hook_event_name as keyof typeof agent.hooks] ?? [];
    for (const matcher of matchers) for (const hook of matcher.hooks) answers.push(await hook(input, typeof input.tool_use_id === 'string' ? input.tool_use_id : undefined, SIGNAL));
  }
  return answers;
}

describe('winkHooks: the answer to each event', () => {
  it.each([
    { name: 'PostToolUse of a first call: nothing to say', inputs: [prompt(TASK), success('ls', 'src')], expected: {} },
    { name: 'PostToolUseFailure, first failure: nothing to say', inputs: [prompt(TASK), failure(BUILD)], expected: {} },
    {
      name: 'PostToolUseFailure, third identical failure: the reminder as additionalContext',
      inputs: [prompt(TASK), failure(BUILD), failure(BUILD), failure(BUILD)],
      expected: { hookSpecificOutput: { hookEventName: 'PostToolUseFailure', additionalContext: expect.stringMatching(/wink \(course correction\)[\s\S]*npm run build/) } },
    },
    {
      name: 'PostToolUseFailure, the same failure once in each of three sub-agents (agent_id): no reminder, none of them repeated itself',
      inputs: [prompt(TASK), { ...failure(BUILD), agent_id: 'a1c0ffee' }, { ...failure(BUILD), agent_id: 'b2c0ffee' }, { ...failure(BUILD), agent_id: 'c3c0ffee' }],
      expected: {},
    },
    { name: 'PreToolUse of an ordinary call: allowed silently', inputs: [prompt(TASK), preToolUse('ls')], expected: {} },
    {
      name: 'PreToolUse of a call the task forbids: denied with the reason',
      inputs: [prompt(TASK), preToolUse('git push origin main')],
      expected: { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: expect.stringContaining('wink refused this call before it ran') } },
    },
    { name: 'PreToolUse of a call that failed twice the same way: allowed, its warning queued', inputs: [prompt(TASK), failure(BUILD), failure(BUILD), preToolUse(BUILD)], expected: {} },
    {
      name: "PostToolUse after a warned call: the warning goes out with the call's result",
      inputs: [prompt(TASK), failure(BUILD), failure(BUILD), preToolUse(BUILD), success(BUILD, 'built')],
      expected: { hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: expect.stringContaining('this exact Bash call already failed 2 times') } },
    },
    { name: 'Stop with an honest final message: the agent stops', inputs: [prompt(TASK), failedTests(), stop('The tests still fail: 1 failing.')], expected: {} },
    { name: 'Stop claiming success after failing tests: blocked', inputs: [prompt(TASK), failedTests(), stop('I fixed the build. All tests pass.')], expected: { decision: 'block', reason: expect.stringContaining('npm test') } },
    { name: 'Stop claiming success while stop_hook_active: the agent stops', inputs: [prompt(TASK), failedTests(), stop('I fixed the build. All tests pass.', true)], expected: {} },
    { name: 'an input without session_id: nothing', inputs: [{ ...BASE, session_id: '', hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: {}, tool_response: '' }], expected: {} },
    { name: 'SessionStart: nothing', inputs: [{ ...BASE, hook_event_name: 'SessionStart', source: 'startup' }], expected: {} },
  ])('$name', async ({ inputs, expected }) => {
    const answers = await play(inputs);
    expect(answers).toHaveLength(inputs.length);
    expect(answers.at(-1)).toEqual(expected);
  });
});

describe('winkHooks: what the session sees', () => {
  it('observes a refused call as refused, with what the model is told, and no PostToolUse for it', async () => {
    const session = createWinkSession({ task: TASK });
    await play([preToolUse('git push origin main')], session);
    const summary = session.summary();
    expect(summary.steps).toBe(3);
    expect(summary.interventions).toEqual([]);
  });

  it('SessionEnd closes the session: later observations are ignored', async () => {
    const session = createWinkSession({ task: TASK });
    await play([failure(BUILD), { ...BASE, hook_event_name: 'SessionEnd', reason: 'other' }, failure(BUILD)], session);
    expect(session.summary().steps).toBe(3);
  });

  it('registers one matcher per event it answers, without a tool matcher (every tool)', () => {
    const { hooks } = createWinkClaudeAgent();
    expect(Object.keys(hooks)).toEqual([...WINK_HOOK_EVENTS]);
    for (const event of WINK_HOOK_EVENTS) expect(hooks[event]).toEqual([{ hooks: [expect.any(Function)] }]);
  });
});

describe('winkHooks: fail-open', () => {
  const throwing = (): never => {
    throw new Error('wink broke');
  };
  const brokenSession: WinkSession = { id: 'broken', delivers: true, observe: throwing, guidance: throwing, beforeToolCall: throwing, beforeStop: throwing, summary: throwing, close: throwing };

  it.each([
    { name: 'PreToolUse', input: preToolUse('git push origin main') },
    { name: 'PostToolUseFailure', input: failure(BUILD) },
    { name: 'Stop', input: stop('Done.') },
    { name: 'UserPromptSubmit', input: prompt(TASK) },
    { name: 'SessionEnd', input: { ...BASE, hook_event_name: 'SessionEnd', reason: 'other' } },
  ])('$name: a session that throws answers {} and reports the error', async ({ input }) => {
    const errors: Error[] = [];
    const agent = createWinkClaudeAgent({ session: brokenSession, onError: (error) => errors.push(error) });
    const hook = agent.hooks[input.hook_event_name as keyof typeof agent.hooks]?.[0].hooks[0];
    await expect(hook?.(input, undefined, SIGNAL)).resolves.toEqual({});
    expect(errors.map((error) => error.message)).toEqual(['wink broke']);
  });

  it('an error handler that throws too is swallowed', async () => {
    const agent = createWinkClaudeAgent({ session: brokenSession, onError: throwing });
    await expect(agent.hooks.PostToolUse?.[0].hooks[0](success('ls', 'src'), 'toolu_x', SIGNAL)).resolves.toEqual({});
  });
});
