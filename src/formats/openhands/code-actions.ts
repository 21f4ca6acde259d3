/**
 * OpenHands' IPython actions (`run_ipython` in the V0 event stream, the `execute_ipython_cell` tool of the
 * CodeAct agent): their input is a Python cell whose `agentskills` functions are the tools it calls.
 */
import type { CodeInput } from '../assembler.js';
import { OPENHANDS_AGENT_SKILLS } from '../../trajectory/code-action.js';

/** Action and tool names whose input is an IPython cell. */
export const IPYTHON_ACTIONS: ReadonlySet<string> = new Set(['run_ipython', 'execute_ipython_cell', 'ipython']);

/** The code action of an OpenHands action, or undefined when it does not run a cell. */
export function codeOfAction(action: string, tool: string, input: unknown): CodeInput | undefined {
  if (!IPYTHON_ACTIONS.has(action) && !IPYTHON_ACTIONS.has(tool)) return undefined;
  if (input === null || typeof input !== 'object') return undefined;
  const code = (input as Record<string, unknown>).code;
  if (typeof code !== 'string') return undefined;
  return { language: 'python', code, tools: OPENHANDS_AGENT_SKILLS };
}
