/**
 * Overhead of wink's Claude Agent SDK hooks per step, beyond the detectors: the same generated steps fed to a
 * bare `Observer.observe`, and played through the hook callbacks as the SDK would call them — a prompt through
 * UserPromptSubmit, a tool call through PreToolUse, its result through PostToolUse or PostToolUseFailure (which
 * observes the call and the result, then takes the guidance). Observing is timed per step observed, the PreToolUse
 * check per proposed call. Assistant text reaches no hook (the SDK hands hooks only the final message, at Stop),
 * so its steps are not timed on the hook path.
 *
 * Alone: `npx tsx bench/integration-overhead-claude-agent-sdk.ts`.
 */
import { pathToFileURL } from 'node:url';
import { createWinkClaudeAgent, type ClaudeAgentHookInput, type ClaudeAgentHooks } from '../src/claude-agent-sdk/index.js';
import type { Step, ToolCallStep } from '../src/trajectory/step.js';
import type { Trajectory } from '../src/trajectory/trajectory.js';
import { timeBareObserver, type PathTiming } from './integration-overhead-session.js';
import { TimingSample } from './statistics.js';
import { generateStepStream } from './step-stream.js';

const SIGNAL = { signal: new AbortController().signal };

/** The hook input the SDK would send for a step, or undefined when no hook sees it. */
function hookInput(step: Step, calls: Map<string, ToolCallStep>, base: Record<string, unknown>): ClaudeAgentHookInput | undefined {
  switch (step.kind) {
    case 'user':
      return { ...base, hook_event_name: 'UserPromptSubmit', prompt: step.text } as ClaudeAgentHookInput;
    case 'tool-call':
      calls.set(step.callId, step);
      return { ...base, hook_event_name: 'PreToolUse', tool_name: step.tool, tool_input: step.input, tool_use_id: step.callId } as ClaudeAgentHookInput;
    case 'tool-result': {
      const call = calls.get(step.callId);
      const fields = { ...base, tool_name: call?.tool ?? 'Bash', tool_input: call?.input ?? {}, tool_use_id: step.callId };
      return (step.isError ? { ...fields, hook_event_name: 'PostToolUseFailure', error: step.output } : { ...fields, hook_event_name: 'PostToolUse', tool_response: step.output }) as ClaudeAgentHookInput;
    }
    default:
      return undefined;
  }
}

/** The hook path's timings: observing (per step observed) and checking proposed calls (per call). */
export interface HookTimings {
  /** UserPromptSubmit (one step) and PostToolUse / PostToolUseFailure (the call and its result: two steps), per step. */
  observe: PathTiming;
  /** PreToolUse (`beforeToolCall`), per proposed call. */
  check: PathTiming;
}

/** Times each hook invocation the steps cause (see the file comment), observing and checking apart. */
export async function timeClaudeAgentSdkHooks(stream: Trajectory): Promise<HookTimings> {
  const { hooks, session } = createWinkClaudeAgent({ sessionId: stream.session.id });
  const base = { session_id: stream.session.id, transcript_path: '/dev/null', cwd: '/work/project' };
  const calls = new Map<string, ToolCallStep>();
  const observe = new TimingSample();
  const check = new TimingSample();
  for (const step of stream.steps) {
    const input = hookInput(step, calls, base);
    if (!input) continue;
    const callback = hooks[input.hook_event_name as keyof ClaudeAgentHooks]?.[0].hooks[0];
    if (!callback) continue;
    const start = process.hrtime.bigint();
    await callback(input, typeof input.tool_use_id === 'string' ? input.tool_use_id : undefined, SIGNAL);
    const end = process.hrtime.bigint();
    if (input.hook_event_name === 'PreToolUse') check.add(start, end);
    else if (input.hook_event_name === 'UserPromptSubmit') observe.add(start, end);
    // A PostToolUse observes two steps (the call and its result): its time is counted per step.
    else observe.add(start, start + (end - start) / 2n);
  }
  await session.close();
  return {
    observe: { path: 'claude-agent-sdk: UserPromptSubmit / PostToolUse hooks, per step', ...observe.summary() },
    check: { path: 'claude-agent-sdk: PreToolUse hook, per proposed call', ...check.summary() },
  };
}

/** The timings on one generated run of `stepCount` steps (at least 1,000), after a short warm-up. */
export async function measureClaudeAgentSdkOverhead(stepCount = 10_000): Promise<{ baseline: PathTiming; hooks: HookTimings; overhead: number }> {
  const warmUp = generateStepStream(200, 3);
  timeBareObserver(warmUp);
  await timeClaudeAgentSdkHooks(warmUp);
  const stream = generateStepStream(Math.max(1_000, stepCount));
  const baseline = timeBareObserver(stream);
  const hooks = await timeClaudeAgentSdkHooks(stream);
  return { baseline, hooks, overhead: hooks.observe.median - baseline.median };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const length of [1_000, 10_000]) {
    const timings = await measureClaudeAgentSdkOverhead(length);
    for (const timing of [timings.baseline, timings.hooks.observe, timings.hooks.check]) process.stdout.write(`${length} steps: ${timing.path}: median ${timing.median.toFixed(1)} µs, p99 ${timing.p99.toFixed(1)} µs\n`);
    process.stdout.write(`${length} steps: observing through the hooks, beyond the detectors: ${timings.overhead.toFixed(1)} µs per step\n`);
  }
}
