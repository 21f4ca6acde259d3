/** Renders a trajectory as a readable, coloured timeline for a terminal. */
import pc from 'picocolors';
import type { Step } from '../trajectory/step.js';
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
    case 'tool-call':
      return `${index}${side} ${pc.yellow('call     ')} ${pc.bold(step.tool)} ${oneLine(shortInput(step.tool, step.input), TEXT_WIDTH - step.tool.length)}`;
    case 'tool-result': {
      const mark = step.refusedByHook ? pc.yellow('⊘ refused by a hook') : step.rejected ? pc.red('✗ rejected') : step.isError ? pc.red(`✗ error${step.exitCode !== undefined ? ` (exit ${step.exitCode})` : ''}`) : pc.green('✓');
      return `${index}${side} ${pc.magenta('result   ')} ${mark} ${pc.dim(oneLine(step.output, TEXT_WIDTH - 12))}`;
    }
    case 'event':
      return `${index}${side} ${pc.blue('event    ')} ${step.event}${step.text ? ' ' + pc.dim(oneLine(step.text, TEXT_WIDTH - step.event.length)) : ''}`;
  }
}
