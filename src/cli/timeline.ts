/** Renders a trajectory as a readable, coloured timeline for a terminal. */
import pc from 'picocolors';
import type { Step, ToolResultStep } from '../trajectory/step.js';
import { commandLineOf } from '../trajectory/tool-effects.js';
import { oneLine } from './output.js';

/** Width of the text shown for each step. */
const TEXT_WIDTH = 100;

/** A short, human description of a tool call's input. */
export function shortInput(tool: string, input: unknown): string {
  const command = commandLineOf(input);
  if (command !== undefined && typeof input === 'object' && input !== null && ('command' in input || 'cmd' in input)) return command;
  if (typeof input === 'string') return input;
  if (input && typeof input === 'object') {
    const record = input as Record<string, unknown>;
    for (const key of ['file_path', 'absolute_path', 'path', 'pattern', 'query', 'url', 'description', 'prompt']) {
      if (typeof record[key] === 'string') return `${key}=${record[key] as string}`;
    }
    return JSON.stringify(input);
  }
  return tool;
}

/** One line for one step. */
export function renderStep(step: Step): string {
  const index = pc.dim(String(step.index).padStart(5));
  const side = step.sidechain ? pc.dim(' ↳') : '  ';
  switch (step.kind) {
    case 'user': {
      const label = step.origin === 'prompt' ? pc.bold(pc.cyan('user     ')) : step.origin === 'interrupt' ? pc.bold(pc.red('interrupt')) : pc.dim('injected ');
      return `${index}${side} ${label} ${oneLine(step.text, TEXT_WIDTH)}`;
    }
    case 'assistant': {
      const text = step.text.length > 0 ? step.text : step.reasoning ? pc.dim(`(reasoning) ${step.reasoning}`) : '';
      return `${index}${side} ${pc.green('assistant')} ${oneLine(text, TEXT_WIDTH)}`;
    }
    case 'tool-call': {
      // A code action shows the tools its code calls.
      const calls = step.code ? ` ${pc.dim(`→ ${step.code.calls.length > 0 ? step.code.calls.map((call) => call.tool).join(', ') : 'no tool'}`)}` : '';
      return `${index}${side} ${pc.yellow('call     ')} ${pc.bold(step.tool)}${calls} ${oneLine(shortInput(step.tool, step.input), TEXT_WIDTH - step.tool.length)}`;
    }
    case 'tool-result':
      return `${index}${side} ${pc.magenta('result   ')} ${resultMark(step)} ${pc.dim(oneLine(step.output, TEXT_WIDTH - 12))}`;
    case 'event':
      return `${index}${side} ${pc.blue('event    ')} ${step.event}${step.text ? ' ' + pc.dim(oneLine(step.text, TEXT_WIDTH - step.event.length)) : ''}`;
  }
}

/** How a result went: its flags, and the outcome read from its text (tool-outcome.ts) where it says more. */
function resultMark(step: ToolResultStep): string {
  if (step.refusedByHook) return pc.yellow('⊘ refused by a hook');
  if (step.rejected) return pc.red('✗ rejected');
  const outcome = step.outcome;
  const kind = outcome?.kind !== undefined ? ` ${outcome.kind}` : '';
  if (outcome?.status === 'tests-failed') return pc.red(`✗ tests failed${step.exitCode !== undefined ? ` (exit ${step.exitCode})` : ''}`);
  if (step.isError) return pc.red(`✗ error${step.exitCode !== undefined ? ` (exit ${step.exitCode})` : ''}${kind}`);
  if (outcome?.status === 'error') return pc.red(`✗ error (from its text)${kind}`);
  return pc.green('✓');
}
