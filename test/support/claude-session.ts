/**
 * Writes Claude Code transcripts line by line, shaped like the real ones (uuid chain, session id, cwd,
 * version, branch, timestamps, one content block per assistant line, `toolUseResult`, attachments, queue
 * operations, compaction, sub-agent files), so tests and the real-world fixtures go through the real reader.
 *
 *   const session = claudeSession({ cwd: '/home/dev/shop' });
 *   session.prompt('fix the cart total').bash('npm test', 'Exit code 1\n1 failed', { isError: true }).say('Done.');
 *   session.lines(); // JSONL lines
 */

/** Options of a session. */
export interface ClaudeSessionOptions {
  sessionId?: string;
  cwd?: string;
  version?: string;
  gitBranch?: string;
  model?: string;
  /** Time of the first line (ISO); each later line is a few seconds after the previous one. */
  start?: string;
}

/** Options of a tool result. */
export interface ClaudeResultOptions {
  isError?: boolean;
  /** Structured output Claude Code records beside the text (`toolUseResult`). */
  toolUseResult?: unknown;
}

type Line = Record<string, unknown>;

/** Seconds between two consecutive lines. */
const SECONDS_BETWEEN_LINES = 3;

export class ClaudeSessionWriter {
  readonly sessionId: string;
  private readonly cwd: string;
  private readonly version: string;
  private readonly gitBranch: string;
  private readonly model: string;
  private readonly output: Line[] = [];
  private readonly subagents = new Map<string, ClaudeSessionWriter>();
  private time: number;
  private parent: string | null = null;
  private counter = 0;
  private readonly sidechain: string | undefined;

  constructor(options: ClaudeSessionOptions = {}, sidechain?: string) {
    this.sessionId = options.sessionId ?? '5f0c9d1e-7a2b-4c3d-8e9f-0a1b2c3d4e5f';
    this.cwd = options.cwd ?? '/home/dev/project';
    this.version = options.version ?? '2.1.101';
    this.gitBranch = options.gitBranch ?? 'main';
    this.model = options.model ?? 'claude-sonnet-4-5-20250929';
    this.time = Date.parse(options.start ?? '2026-03-02T10:00:00.000Z');
    this.sidechain = sidechain;
  }

  private nextId(prefix: string): string {
    this.counter++;
    const number = this.counter.toString(16).padStart(12, '0');
    const scope = this.sidechain ? this.sidechain.slice(0, 4).padEnd(4, '0') : '0000';
    return `${prefix}-${scope}-4000-8000-${number}`;
  }

  private base(type: string): Line {
    this.time += SECONDS_BETWEEN_LINES * 1000;
    const uuid = this.nextId(type === 'assistant' ? 'a0000000' : 'b0000000');
    const line: Line = {
      parentUuid: this.parent,
      isSidechain: this.sidechain !== undefined,
      userType: 'external',
      cwd: this.cwd,
      sessionId: this.sessionId,
      version: this.version,
      gitBranch: this.gitBranch,
      type,
      uuid,
      timestamp: new Date(this.time).toISOString(),
    };
    if (this.sidechain) line.agentId = this.sidechain;
    this.parent = uuid;
    return line;
  }

  /** A line as given (for shapes this writer has no method for). */
  raw(line: Line): this {
    this.output.push(line);
    return this;
  }

  /** A prompt the developer typed. */
  prompt(text: string): this {
    this.output.push({ ...this.base('user'), message: { role: 'user', content: text } });
    return this;
  }

  /** Text Claude Code injected in the user role (`isMeta`). */
  meta(text: string): this {
    this.output.push({ ...this.base('user'), isMeta: true, message: { role: 'user', content: text } });
    return this;
  }

  /** The summary Claude Code writes after a compaction, with the boundary line before it. */
  compaction(summary: string): this {
    this.output.push({ ...this.base('system'), subtype: 'compact_boundary', content: 'Conversation compacted', level: 'info', compactMetadata: { trigger: 'auto', preTokens: 160000 } });
    this.output.push({ ...this.base('user'), isCompactSummary: true, isVisibleInTranscriptOnly: true, message: { role: 'user', content: summary } });
    return this;
  }

  /** What a hook added to the context (`hook_additional_context`, or `hook_success` with plain stdout). */
  hookContext(hookEvent: 'SessionStart' | 'UserPromptSubmit' | 'PostToolUse' | 'PostToolUseFailure', content: string, options: { hookName?: string; plainStdout?: boolean; toolUseID?: string } = {}): this {
    const hookName = options.hookName ?? (hookEvent === 'SessionStart' ? 'SessionStart:startup' : hookEvent);
    const attachment: Line = options.plainStdout
      ? { type: 'hook_success', hookName, hookEvent, content, stdout: content, stderr: '', exitCode: 0, command: 'node .claude/hooks/context.mjs', durationMs: 40 }
      : { type: 'hook_additional_context', hookName, hookEvent, content: [content] };
    if (options.toolUseID) attachment.toolUseID = options.toolUseID;
    this.output.push({ ...this.base('attachment'), attachment });
    return this;
  }

  /** A rule file Claude Code loaded (`nested_memory` attachment). */
  ruleFile(path: string, content: string): this {
    this.output.push({ ...this.base('attachment'), attachment: { type: 'nested_memory', path, content: { path, content } } });
    return this;
  }

  /** A prompt typed while the agent works: `enqueue`, then `remove` (handed over mid-turn) or `dequeue` (a user line later). */
  queued(text: string, delivery: 'mid-turn' | 'attachment' | 'next-turn'): this {
    const queueLine = (operation: string, content?: string): Line => {
      this.time += 1000;
      const line: Line = { type: 'queue-operation', operation, timestamp: new Date(this.time).toISOString(), sessionId: this.sessionId };
      if (content !== undefined) line.content = content;
      return line;
    };
    this.output.push(queueLine('enqueue', text));
    if (delivery === 'mid-turn') this.output.push(queueLine('remove'));
    else if (delivery === 'attachment') this.output.push({ ...this.base('attachment'), attachment: { type: 'queued_command', prompt: text } });
    else {
      this.output.push(queueLine('dequeue'));
      this.prompt(text);
    }
    return this;
  }

  /** An assistant text message. */
  say(text: string, thinking?: string): this {
    const messageId = this.nextId('msg');
    if (thinking) this.output.push({ ...this.base('assistant'), message: this.message(messageId, [{ type: 'thinking', thinking, signature: 'sig' }]) });
    this.output.push({ ...this.base('assistant'), message: this.message(messageId, [{ type: 'text', text }]) });
    return this;
  }

  private message(id: string, content: unknown[]): Line {
    return { id, type: 'message', role: 'assistant', model: this.model, content, stop_reason: null, usage: { input_tokens: 12, output_tokens: 40, cache_read_input_tokens: 9000, cache_creation_input_tokens: 300 } };
  }

  /** A new tool call id. */
  private newCallId(): string {
    // "01", the sidechain scope and the counter: cutting the id at a fixed length would drop the counter and repeat ids.
    const id = this.nextId('01').replace(/-/g, '');
    return `toolu_${id.slice(0, 6)}${id.slice(-12)}`;
  }

  private resultLine(callId: string, output: string, options: ClaudeResultOptions): Line {
    const result: Line = { ...this.base('user'), message: { role: 'user', content: [{ tool_use_id: callId, type: 'tool_result', content: output, is_error: options.isError === true }] } };
    result.toolUseResult = options.toolUseResult ?? (options.isError ? `Error: ${output}` : { stdout: output, stderr: '', interrupted: false, isImage: false });
    return result;
  }

  /** A tool call and its result; returns the call id through `onCallId` when the caller needs it. */
  tool(name: string, input: unknown, output: string, options: ClaudeResultOptions = {}, onCallId?: (callId: string) => void): this {
    const callId = this.newCallId();
    onCallId?.(callId);
    this.output.push({ ...this.base('assistant'), message: this.message(this.nextId('msg'), [{ type: 'tool_use', id: callId, name, input }]) });
    this.output.push(this.resultLine(callId, output, options));
    return this;
  }

  /** Time passing with nothing written (a long command, the developer away). */
  pause(seconds: number): this {
    this.time += seconds * 1000;
    return this;
  }

  /** A Bash call; a failure is written as Claude Code writes it (`Exit code N` and the output). */
  bash(command: string, output: string, options: { exitCode?: number } = {}): this {
    const exitCode = options.exitCode ?? 0;
    if (exitCode === 0) return this.tool('Bash', { command, description: command.slice(0, 40) }, output);
    return this.tool('Bash', { command, description: command.slice(0, 40) }, `Exit code ${exitCode}\n${output}`, { isError: true });
  }

  /** A Bash call a PreToolUse hook refused (the call never ran). */
  refusedBash(command: string, reason: string): this {
    return this.tool('Bash', { command, description: command.slice(0, 40) }, `PreToolUse:Bash hook error: ${reason}`, { isError: true, toolUseResult: `Error: PreToolUse:Bash hook error: ${reason}` });
  }

  /** A Read call. */
  read(file: string, content: string): this {
    return this.tool('Read', { file_path: file }, content, { toolUseResult: { type: 'text', file: { filePath: file, content, numLines: content.split('\n').length, startLine: 1, totalLines: content.split('\n').length } } });
  }

  /** An Edit call. */
  edit(file: string, oldText: string, newText: string): this {
    return this.tool('Edit', { file_path: file, old_string: oldText, new_string: newText }, `The file ${file} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\n     1\t${newText.split('\n')[0]}`);
  }

  /** A Write call. */
  write(file: string, content: string): this {
    return this.tool('Write', { file_path: file, content }, `File created successfully at: ${file}`);
  }

  /** A TodoWrite call with the given items and statuses. */
  todos(items: Array<[string, 'pending' | 'in_progress' | 'completed']>): this {
    const todos = items.map(([content, status]) => ({ content, status, activeForm: content }));
    return this.tool('TodoWrite', { todos }, 'Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress. Please proceed with the current tasks if applicable');
  }

  /** A sub-agent given `prompt` at `start`, its transcript written by `build`; kept for {@link subagentFiles}. */
  private runSubagent(prompt: string, build: (subagent: ClaudeSessionWriter) => void, start: number): ClaudeSessionWriter {
    const agentId = `${(this.subagents.size + 10).toString(16)}c0ffee`;
    const subagent = new ClaudeSessionWriter({ sessionId: this.sessionId, cwd: this.cwd, version: this.version, gitBranch: this.gitBranch, model: this.model, start: new Date(start).toISOString() }, agentId);
    subagent.prompt(prompt);
    build(subagent);
    this.subagents.set(agentId, subagent);
    return subagent;
  }

  /** A Task call that runs a sub-agent; `build` writes the sub-agent's own transcript. */
  task(description: string, prompt: string, report: string, build: (subagent: ClaudeSessionWriter) => void): this {
    const agentId = this.runSubagent(prompt, build, this.time).sidechain as string;
    return this.tool('Task', { description, prompt, subagent_type: 'general-purpose' }, report, { toolUseResult: { status: 'completed', agentId, content: [{ type: 'text', text: report }], totalDurationMs: 42000, totalTokens: 18000, totalToolUseCount: 6 } });
  }

  /**
   * Task calls in one assistant message: their sub-agents run side by side from the same moment, and the results
   * come when the last is done (each assistant line holds one content block, as Claude Code writes them).
   */
  parallelTasks(tasks: ReadonlyArray<{ description: string; prompt: string; report: string; build: (subagent: ClaudeSessionWriter) => void }>): this {
    const messageId = this.nextId('msg');
    const callIds = tasks.map((task) => {
      const callId = this.newCallId();
      this.output.push({ ...this.base('assistant'), message: this.message(messageId, [{ type: 'tool_use', id: callId, name: 'Task', input: { description: task.description, prompt: task.prompt, subagent_type: 'Explore' } }]) });
      return callId;
    });
    const start = this.time;
    const subagents = tasks.map((task) => this.runSubagent(task.prompt, task.build, start));
    this.time = Math.max(start, ...subagents.map((subagent) => subagent.time));
    const agentIds = subagents.map((subagent) => subagent.sidechain as string);
    tasks.forEach((task, position) => {
      const agentId = agentIds[position];
      this.output.push(this.resultLine(callIds[position], task.report, { toolUseResult: { status: 'completed', agentId, content: [{ type: 'text', text: task.report }], totalDurationMs: 30000, totalTokens: 12000, totalToolUseCount: 3 } }));
    });
    return this;
  }

  /** A Read of a file that is not there, as Claude Code reports it. */
  missingRead(file: string): this {
    const message = `File does not exist. Note: your current working directory is ${this.cwd}.`;
    return this.tool('Read', { file_path: file }, `<tool_use_error>${message}</tool_use_error>`, { isError: true, toolUseResult: `Error: ${message}` });
  }

  /** An `[Request interrupted by user]` line. */
  interrupt(): this {
    this.output.push({ ...this.base('user'), message: { role: 'user', content: [{ type: 'text', text: '[Request interrupted by user]' }] } });
    return this;
  }

  /** The transcript's lines as JSON text. */
  lines(): string[] {
    return this.output.map((line) => JSON.stringify(line));
  }

  /** The sub-agent transcripts, by agent id. */
  subagentFiles(): Map<string, string[]> {
    return new Map([...this.subagents].map(([agentId, writer]) => [agentId, writer.lines()]));
  }
}

/** Starts a Claude Code transcript. */
export function claudeSession(options: ClaudeSessionOptions = {}): ClaudeSessionWriter {
  return new ClaudeSessionWriter(options);
}

/** Writes the transcript (and its sub-agent files, in Claude Code's layout) into a folder; returns the main file. */
export async function writeClaudeSession(directory: string, writer: ClaudeSessionWriter): Promise<string> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  await mkdir(directory, { recursive: true });
  const file = join(directory, `${writer.sessionId}.jsonl`);
  await writeFile(file, `${writer.lines().join('\n')}\n`);
  const subagents = writer.subagentFiles();
  if (subagents.size > 0) {
    const folder = join(directory, writer.sessionId, 'subagents');
    await mkdir(folder, { recursive: true });
    for (const [agentId, lines] of subagents) await writeFile(join(folder, `agent-${agentId}.jsonl`), `${lines.join('\n')}\n`);
  }
  return file;
}
