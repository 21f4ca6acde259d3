/**
 * A readable way to write test trajectories:
 *
 *   trajectory().user('fix the slug bug').run('npm test', 'FAIL 1 test', { exitCode: 1 }).edit('src/slug.ts', 'a', 'b').build()
 *
 * Calls and results go through the same assembler readers use, so effects and links are real.
 */
import { TrajectoryAssembler } from '../formats/assembler.js';
import type { SessionMetadata } from '../trajectory/session.js';
import type { InjectedContext, SystemEventType, TokenUsage, UserMessageOrigin } from '../trajectory/step.js';
import type { Trajectory } from '../trajectory/trajectory.js';

/** Options of a tool result. */
export interface ResultOptions {
  /** Marks the result as a failure (defaults to true when exitCode is non-zero). */
  error?: boolean;
  exitCode?: number;
  rejected?: boolean;
  interrupted?: boolean;
  /** A hook refused the call before it ran (the result is then no failure). */
  refusedByHook?: boolean;
  /** False when the log has no error flag for the result: its outcome is then read from the text. */
  hasErrorFlag?: boolean;
}

export class TrajectoryBuilder {
  private readonly assembler: TrajectoryAssembler;
  private readonly diagnostics: string[] = [];
  private callCounter = 0;
  private readonly unanswered: string[] = [];
  private lastCodeCallId: string | undefined;

  constructor(session: Partial<SessionMetadata> = {}) {
    this.assembler = new TrajectoryAssembler(
      { id: 'test-session', agent: 'claude-code', environment: 'cli', format: 'test', ...session },
      { file: 'test', format: 'test', keepSteps: true, holdCallsForResults: true, diagnostic: (line, message) => this.diagnostics.push(`${line}: ${message}`) },
    );
  }

  /** A real user prompt (or another origin). */
  user(text: string, origin: UserMessageOrigin = 'prompt', fields: { sidechain?: string; timestamp?: string } = {}): this {
    this.assembler.user({ text, origin, ...fields });
    return this;
  }

  /** A prompt the developer typed while the agent worked (queued, delivered mid-turn). */
  queued(text: string): this {
    this.assembler.user({ text, origin: 'prompt', queued: true });
    return this;
  }

  /** The developer interrupts. */
  interrupt(text = '[Request interrupted by user]'): this {
    return this.user(text, 'interrupt');
  }

  /** An assistant message. */
  assistant(text: string, fields: { reasoning?: string; usage?: TokenUsage; model?: string; sidechain?: string } = {}): this {
    this.assembler.assistant({ text, ...fields });
    return this;
  }

  /** A tool call; its result comes with {@link result}. */
  call(tool: string, input: unknown, callId?: string): this {
    const id = callId ?? `call_${++this.callCounter}`;
    this.assembler.toolCall({ callId: id, tool, input });
    this.unanswered.push(id);
    return this;
  }

  /** The result of the oldest unanswered call (or of `callId`). */
  result(output: string, options: ResultOptions & { callId?: string } = {}): this {
    const callId = options.callId ?? this.unanswered[0];
    if (callId === undefined) throw new Error('result() without a call');
    const position = this.unanswered.indexOf(callId);
    if (position !== -1) this.unanswered.splice(position, 1);
    this.assembler.toolResult({
      callId,
      output,
      isError: options.error ?? (options.exitCode !== undefined && options.exitCode !== 0) ?? false,
      exitCode: options.exitCode,
      rejected: options.rejected,
      interrupted: options.interrupted,
      refusedByHook: options.refusedByHook,
      hasErrorFlag: options.hasErrorFlag,
    });
    return this;
  }

  /**
   * A code action (smolagents CodeAgent's `python_interpreter`) whose code may call the declared `tools`; its
   * result comes with {@link result}, after any {@link calledFromCode} calls.
   */
  codeCall(code: string, tools: readonly string[] = [], tool = 'python_interpreter'): this {
    const id = `call_${++this.callCounter}`;
    this.assembler.toolCall({ callId: id, tool, input: { code }, code: { language: 'python', code, tools } });
    this.unanswered.push(id);
    this.lastCodeCallId = id;
    return this;
  }

  /** A tool the last code action called from inside its code, logged as a call and result of its own. */
  calledFromCode(tool: string, input: unknown, output: string, options: ResultOptions = {}): this {
    const id = `call_${++this.callCounter}`;
    this.assembler.toolCall({ callId: id, tool, input, calledFrom: this.lastCodeCallId });
    this.unanswered.push(id);
    return this.result(output, { ...options, callId: id });
  }

  /** A call and its result at once. */
  tool(tool: string, input: unknown, output: string, options: ResultOptions = {}): this {
    return this.call(tool, input).result(output, options);
  }

  /** A call and its result made by the sub-agent `sidechain` (a step of its lane), at `timestamp` when given. */
  subAgentTool(sidechain: string, tool: string, input: unknown, output: string, options: ResultOptions & { timestamp?: string } = {}): this {
    const id = `call_${++this.callCounter}`;
    const { timestamp } = options;
    this.assembler.toolCall({ callId: id, tool, input, sidechain, timestamp });
    this.assembler.toolResult({ callId: id, output, isError: options.error ?? false, sidechain, timestamp });
    return this;
  }

  /** A shell command (Claude Code's Bash tool) and its output. */
  run(command: string, output = '', options: ResultOptions = {}): this {
    const exitCode = options.exitCode;
    const text = exitCode !== undefined && exitCode !== 0 && !output.startsWith('Exit code') ? `Exit code ${exitCode}\n${output}` : output;
    return this.tool('Bash', { command }, text, options);
  }

  /** Reads a file (Claude Code's Read tool). */
  read(file: string, content = '', range: { offset?: number; limit?: number } = {}): this {
    return this.tool('Read', { file_path: file, ...range }, content);
  }

  /** Edits part of a file (Claude Code's Edit tool). */
  edit(file: string, oldText: string, newText: string, options: ResultOptions & { output?: string } = {}): this {
    return this.tool('Edit', { file_path: file, old_string: oldText, new_string: newText }, options.output ?? `The file ${file} has been updated.`, options);
  }

  /** Writes a whole file (Claude Code's Write tool). */
  write(file: string, content = '', options: ResultOptions = {}): this {
    return this.tool('Write', { file_path: file, content }, `File created successfully at: ${file}`, options);
  }

  /** A system event (`data` as a reader records it, e.g. a hook's `hookEvent`). */
  event(event: SystemEventType, text?: string, data?: Record<string, unknown>): this {
    this.assembler.event({ event, text, data });
    return this;
  }

  /** Context a hook added (Claude Code's `hook_additional_context` attachment). */
  hookContext(hookEvent: 'SessionStart' | 'UserPromptSubmit', text: string): this {
    return this.event('hook', text, { attachment: 'hook_additional_context', hookName: hookEvent === 'SessionStart' ? 'SessionStart:startup' : hookEvent, hookEvent });
  }

  /** Text the harness injected in the user role, with what it carries (a rule file, a summary, hook output). */
  injected(text: string, context?: InjectedContext): this {
    this.assembler.user({ text, origin: 'injected', context });
    return this;
  }

  /** The finished trajectory. */
  build(): Trajectory {
    const trajectory = this.assembler.end();
    if (!trajectory) throw new Error('assembler kept no steps');
    return trajectory;
  }
}

/** Starts a test trajectory. */
export function trajectory(session: Partial<SessionMetadata> = {}): TrajectoryBuilder {
  return new TrajectoryBuilder(session);
}
