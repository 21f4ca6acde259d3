/**
 * Overhead of the plain session API per step, beyond the detectors: the same generated steps fed to a bare
 * `Observer.observe` and to `createWinkSession` — as steps, and as the growing message history an agent loop
 * hands over at every model call — each followed by `guidance()`, as a loop does before its next request.
 */
import { allDetectors } from '../src/detectors/index.js';
import { TrajectoryAssembler } from '../src/formats/assembler.js';
import { Observer } from '../src/observer/observer.js';
import { createWinkSession, type ChatMessage } from '../src/session/index.js';
import type { Step } from '../src/trajectory/step.js';
import type { Trajectory } from '../src/trajectory/trajectory.js';
import { TimingSample } from './statistics.js';

/** Median and p99 of one path, in microseconds per step. */
export interface PathTiming {
  path: string;
  median: number;
  p99: number;
}

/** Times a bare observer over the steps: the detectors' own cost, the baseline of every integration. */
export function timeBareObserver(stream: Trajectory): PathTiming {
  const observer = new Observer({ session: stream.session, detectors: allDetectors });
  const sample = new TimingSample();
  for (const step of stream.steps) {
    const start = process.hrtime.bigint();
    observer.observe(step);
    sample.add(start, process.hrtime.bigint());
  }
  return { path: 'Observer.observe (baseline)', ...sample.summary() };
}

/**
 * Times the assembler building each step (canonical input, effects, outcome — what every reader does) and a bare
 * observer observing it: the cost of wink's evidence layer and detectors together, without any integration.
 */
export function timeReaderAndObserver(stream: Trajectory): PathTiming {
  const observer = new Observer({ session: stream.session, detectors: allDetectors });
  const assembler = new TrajectoryAssembler(stream.session, { file: 'bench', format: 'bench', keepSteps: false, diagnostic: () => undefined, onStep: (step) => observer.observe(step) });
  const sample = new TimingSample();
  for (const step of stream.steps) {
    const start = process.hrtime.bigint();
    if (step.kind === 'user') assembler.user({ text: step.text, origin: step.origin });
    else if (step.kind === 'assistant') assembler.assistant({ text: step.text });
    else if (step.kind === 'tool-call') assembler.toolCall({ callId: step.callId, tool: step.tool, input: step.input });
    else if (step.kind === 'tool-result') assembler.toolResult({ callId: step.callId, output: step.output, isError: step.isError });
    else assembler.event({ event: step.event, text: step.text });
    sample.add(start, process.hrtime.bigint());
  }
  return { path: 'steps built (as a reader does) + Observer.observe', ...sample.summary() };
}

/** One step as the chat message an OpenAI-style loop keeps. */
function asMessage(step: Step): ChatMessage {
  switch (step.kind) {
    case 'user':
      return { role: 'user', content: step.text };
    case 'assistant':
      return { role: 'assistant', content: step.text };
    case 'tool-call':
      return { role: 'assistant', content: null, tool_calls: [{ id: step.callId, type: 'function', function: { name: step.tool, arguments: step.canonicalInput } }] };
    case 'tool-result':
      return { role: 'tool', tool_call_id: step.callId, content: step.output };
    case 'event':
      return { role: 'system', content: step.text ?? step.event };
  }
}

/** Times `observe` + `guidance()` per step, the steps given one by one. */
export function timeSessionSteps(stream: Trajectory): PathTiming {
  const session = createWinkSession({ sessionId: stream.session.id });
  const sample = new TimingSample();
  for (const step of stream.steps) {
    const start = process.hrtime.bigint();
    session.observe(step);
    session.guidance();
    sample.add(start, process.hrtime.bigint());
  }
  void session.close();
  return { path: 'session: observe(step) + guidance()', ...sample.summary() };
}

/** Times `observe(history)` + `guidance()` per step, the whole growing history handed over each time. */
export function timeSessionHistory(stream: Trajectory): PathTiming {
  const session = createWinkSession({ sessionId: stream.session.id });
  const history: ChatMessage[] = [];
  const sample = new TimingSample();
  for (const step of stream.steps) {
    history.push(asMessage(step));
    const start = process.hrtime.bigint();
    session.observe(history);
    session.guidance();
    sample.add(start, process.hrtime.bigint());
  }
  void session.close();
  return { path: 'session: observe(whole history) + guidance()', ...sample.summary() };
}
