/**
 * Overhead of wink's Claude Agent SDK hooks per step, beyond the detectors: the same generated steps fed to a
 * bare `Observer.observe`, and played through the hook callbacks as the SDK would call them — a prompt through
 * UserPromptSubmit, a tool call through PreToolUse, its result through PostToolUse or PostToolUseFailure (which
 * observes the call and the result, then takes the guidance). Assistant text reaches no hook (the SDK hands hooks
 * only the final message, at Stop), so its steps are not timed on the hook path.
 *
 * Alone: `npx tsx bench/integration-overhead-claude-agent-sdk.ts`.
 */
import { pathToFileURL } from 'node:url';
import { createWinkClaudeAgent, type ClaudeAgentHookInput, type ClaudeAgentHooks } from '../src/claude-agent-sdk/index.js';
import { allDetectors } from '../src/detectors/index.js';
import { Observer } from '../src/observer/observer.js';
import type { Step, ToolCallStep } from '../src/trajectory/step.js';
import type { Trajectory } from '../src/trajectory/trajectory.js';
import { TimingSample } from './statistics.js';
import { generateStepStream } from './step-stream.js';

/** Median and p99 of one path, in microseconds per step. */
export interface PathTiming {
  path: string;
  median: number;
  p99: number;
}

const SIGNAL = { signal: new AbortController().signal };

/** Times a bare observer over the steps: the detectors' own cost. */
export function timeBareObserverSteps(stream: Trajectory): PathTiming {
  const observer = new Observer({ session: stream.session, detectors: allDetectors });
  const sample = new TimingSample();
  for (const step of stream.steps) {
    const start = process.hrtime.bigint();
    observer.observe(step);
    sample.add(start, process.hrtime.bigint());
  }
  return { path: 'Observer.observe (baseline)', ...sample.summary() };
}

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

/** Times each hook invocation the steps cause (see the file comment). */
export async function timeClaudeAgentSdkHooks(stream: Trajectory): Promise<PathTiming> {
  const { hooks, session } = createWinkClaudeAgent({ sessionId: stream.session.id });
  const base = { session_id: stream.session.id, transcript_path: '/dev/null', cwd: '/work/project' };
  const calls = new Map<string, ToolCallStep>();
  const sample = new TimingSample();
  for (const step of stream.steps) {
    const input = hookInput(step, calls, base);
    if (!input) continue;
    const callback = hooks[input.hook_event_name as keyof ClaudeAgentHooks]?.[0].hooks[0];
    if (!callback) continue;
    const start = process.hrtime.bigint();
    await callback(input, typeof input.tool_use_id === 'string' ? input.tool_use_id : undefined, SIGNAL);
    sample.add(start, process.hrtime.bigint());
  }
  await session.close();
  return { path: 'claude-agent-sdk hooks: one hook call per prompt, call and result', ...sample.summary() };
}

/**
 * Times the same session calls the hooks make, made directly (beforeToolCall at a call; observe of the call and its
 * result, then guidance(), at a result; observe at a prompt): the session's own cost, so that the hooks' thin
 * translation is the difference between this path and the hook path.
 */
export function timeDirectSessionCalls(stream: Trajectory): PathTiming {
  const { session } = createWinkClaudeAgent({ sessionId: stream.session.id });
  const sample = new TimingSample();
  for (const step of stream.steps) {
    if (step.kind === 'assistant' || step.kind === 'event') continue;
    const start = process.hrtime.bigint();
    if (step.kind === 'user') session.observe({ kind: 'user', text: step.text });
    else if (step.kind === 'tool-call') session.beforeToolCall({ tool: step.tool, input: step.input, callId: step.callId });
    else {
      session.observe({ kind: 'tool-result', callId: step.callId, output: step.output, isError: step.isError });
      session.guidance();
    }
    sample.add(start, process.hrtime.bigint());
  }
  void session.close();
  return { path: 'the same session calls, made directly', ...sample.summary() };
}

/** Both timings on one generated run of `stepCount` steps (at least 1,000), after a short warm-up. */
export async function measureClaudeAgentSdkOverhead(stepCount = 10_000): Promise<{ baseline: PathTiming; session: PathTiming; hooks: PathTiming; overhead: number }> {
  const warmUp = generateStepStream(200, 3);
  timeBareObserverSteps(warmUp);
  timeDirectSessionCalls(warmUp);
  await timeClaudeAgentSdkHooks(warmUp);
  const stream = generateStepStream(Math.max(1_000, stepCount));
  const baseline = timeBareObserverSteps(stream);
  const session = timeDirectSessionCalls(stream);
  const hooks = await timeClaudeAgentSdkHooks(stream);
  return { baseline, session, hooks, overhead: hooks.median - baseline.median };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const length of [1_000, 10_000]) {
    const timings = await measureClaudeAgentSdkOverhead(length);
    for (const timing of [timings.baseline, timings.session, timings.hooks]) process.stdout.write(`${length} steps: ${timing.path}: median ${timing.median.toFixed(1)} µs, p99 ${timing.p99.toFixed(1)} µs\n`);
    process.stdout.write(`${length} steps: hooks beyond the detectors ${timings.overhead.toFixed(1)} µs; beyond the direct session calls ${(timings.hooks.median - timings.session.median).toFixed(1)} µs\n`);
  }
}
