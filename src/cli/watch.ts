/**
 * `wink watch <session file>`: tails a live session log of any line-oriented format (Claude Code, Codex,
 * Gemini CLI JSONL) and prints each step as it arrives, with the findings and the guidance wink would
 * inject at that step. Nothing is injected: this is a window onto what the observer sees.
 *
 * How it reads: new bytes are taken from the last offset; only complete lines are kept (a partial last line
 * waits in a buffer until its newline arrives) and appended to a private mirror file, which the ordinary
 * reader reads again; steps already observed are skipped by position. The newest step is held back until
 * more lines arrive or the file stays quiet, because a reader may still merge the next line into it (Claude
 * Code writes one content block per line). It wakes on `fs.watch` events and, as a fallback, on a timer.
 * `--once` processes what is there, ends the session (end-of-session findings) and exits.
 *
 * Nothing is dropped silently: each reader diagnostic (a malformed line, a last line cut off) is reported
 * once, with the watched file and its line, and `--strict` turns any into exit code 2 when the watch ends.
 */
import { watch as watchFile, type FSWatcher } from 'node:fs';
import { appendFile, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pc from 'picocolors';
import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { streamFile } from '../formats/read.js';
import type { Diagnostic, FormatId } from '../formats/reader.js';
import { ReplaySession, type ReplayEntry, type ReplayEnding, type ReplayOptions } from '../observer/replay.js';
import type { SessionMetadata } from '../trajectory/session.js';
import type { Step } from '../trajectory/step.js';
import { entryLines, findingJson, findingLines, guidanceFormatFor, hasNews, recoveryLine, replayOptionsFor, stepEventJson, stopLines } from './demo.js';
import { diagnosticLine, MAXIMUM_LISTED_DIAGNOSTICS, STRICT_OPTION_HELP } from './input-problems.js';
import { EXIT_USAGE, printError } from './output.js';
import { renderStep } from './timeline.js';

/** Fallback polling interval when file-system events are missed (network drives, some editors). */
export const POLL_INTERVAL_MS = 500;
/** The held-back newest step is observed once the file has been quiet this long. */
export const QUIET_FLUSH_MS = 1000;
/** Largest read from the session file at once. */
const READ_CHUNK_BYTES = 4 * 1024 * 1024;

/** Options of one watch. */
export interface WatchOptions {
  replay: ReplayOptions;
  /** Force a reader instead of detecting one. */
  format?: FormatId;
  /** Called for every step observed (with what happened at it). */
  onEntry(entry: ReplayEntry, session: SessionMetadata): void;
  /** Called when a session is first seen. */
  onSession?(session: SessionMetadata, format: FormatId): void;
  /** Called once for each reader diagnostic, with the watched file's path and line. */
  onDiagnostic?(diagnostic: Diagnostic): void;
}

/** One trajectory of the watched file. */
interface WatchedTrajectory {
  replay: ReplaySession;
  /** Steps observed so far. */
  observed: number;
}

/** Tails one session file; `poll()` takes in what is new, `finish()` ends the sessions. */
export class SessionTail {
  private offset = 0;
  private partialLine = Buffer.alloc(0);
  private mirrorFile: string | undefined;
  private mirrorDirectory: string | undefined;
  private format: FormatId | undefined;
  private readonly trajectories: WatchedTrajectory[] = [];
  private heldBack: { position: number; ordinal: number; step: Step; session: SessionMetadata } | undefined;
  private lastGrowth = Date.now();
  /** Diagnostics already reported (the mirror is read again on each poll), by line and message. */
  private readonly reportedDiagnostics = new Set<string>();

  constructor(
    readonly file: string,
    private readonly options: WatchOptions,
  ) {
    this.format = options.format;
  }

  /** Reads what is new in the file and observes the steps it completes. Returns true when the file grew. */
  async poll(): Promise<boolean> {
    const size = (await stat(this.file)).size;
    if (size < this.offset) throw new InputError(this.file, 'the file shrank (rewritten or truncated); restart wink watch');
    if (size === this.offset) {
      if (this.heldBack && Date.now() - this.lastGrowth >= QUIET_FLUSH_MS) this.releaseHeldBack();
      return false;
    }
    const complete = await this.readCompleteLines(size);
    this.lastGrowth = Date.now();
    if (complete.length === 0) return true;
    await appendFile(await this.mirror(), complete);
    await this.observeMirror();
    return true;
  }

  /**
   * Observes everything left and ends every session: a last line without its newline is read too (a
   * finished file need not end with a newline; a line cut off mid-write becomes a diagnostic), then the
   * held-back step.
   */
  async finish(): Promise<Array<{ session: SessionMetadata; ending: ReplayEnding }>> {
    if (this.partialLine.toString('utf8').trim().length > 0) {
      await appendFile(await this.mirror(), Buffer.concat([this.partialLine, Buffer.from('\n')]));
      this.partialLine = Buffer.alloc(0);
      await this.observeMirror();
    }
    this.releaseHeldBack();
    return this.trajectories.map((trajectory) => ({ session: trajectory.replay.session, ending: trajectory.replay.end() }));
  }

  /** Removes the private mirror file. */
  async close(): Promise<void> {
    if (this.mirrorDirectory) await rm(this.mirrorDirectory, { recursive: true, force: true });
  }

  private async mirror(): Promise<string> {
    if (!this.mirrorFile) {
      this.mirrorDirectory = await mkdtemp(join(tmpdir(), 'wink-watch-'));
      this.mirrorFile = join(this.mirrorDirectory, basename(this.file));
    }
    return this.mirrorFile;
  }

  /** New bytes up to the last newline; the rest waits for its newline. */
  private async readCompleteLines(size: number): Promise<Buffer> {
    const handle = await open(this.file, 'r');
    const parts: Buffer[] = [this.partialLine];
    try {
      while (this.offset < size) {
        const length = Math.min(READ_CHUNK_BYTES, size - this.offset);
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, this.offset);
        if (bytesRead === 0) break;
        parts.push(buffer.subarray(0, bytesRead));
        this.offset += bytesRead;
      }
    } finally {
      await handle.close();
    }
    const pending = Buffer.concat(parts);
    const lastNewline = pending.lastIndexOf(0x0a);
    this.partialLine = Buffer.from(pending.subarray(lastNewline + 1));
    return pending.subarray(0, lastNewline + 1);
  }

  private async observeMirror(): Promise<void> {
    const mirror = await this.mirror();
    const fresh: Array<{ position: number; ordinal: number; step: Step; session: SessionMetadata }> = [];
    let ordinal = -1;
    let position = 0;
    let result;
    try {
      result = await streamFile(
        mirror,
        {
          onTrajectoryStart: () => {
            ordinal++;
            position = 0;
          },
          onStep: (step, session) => {
            const known = this.trajectories[ordinal]?.observed ?? 0;
            if (position >= known) fresh.push({ position, ordinal, step, session: { ...session, sourceFile: this.file } });
            position++;
          },
        },
        { format: this.format },
      );
    } catch (error) {
      // Too little of the file to recognise its format yet: wait for more lines.
      if (this.format === undefined && error instanceof Error && error.name === 'UnknownFormatError') return;
      throw error;
    }
    this.format = result.format;
    this.heldBack = fresh.pop();
    for (const item of fresh) this.observe(item);
    this.reportDiagnostics(result.diagnostics);
  }

  /** Reports the diagnostics not reported yet, with the watched file in place of the mirror. */
  private reportDiagnostics(diagnostics: readonly Diagnostic[]): void {
    for (const diagnostic of diagnostics) {
      const key = `${diagnostic.line}\n${diagnostic.message}`;
      if (this.reportedDiagnostics.has(key)) continue;
      this.reportedDiagnostics.add(key);
      this.options.onDiagnostic?.({ ...diagnostic, file: this.file });
    }
  }

  private releaseHeldBack(): void {
    const held = this.heldBack;
    this.heldBack = undefined;
    if (held) this.observe(held);
  }

  private observe(item: { position: number; ordinal: number; step: Step; session: SessionMetadata }): void {
    let trajectory = this.trajectories[item.ordinal];
    if (!trajectory) {
      trajectory = { replay: new ReplaySession(item.session, { ...this.options.replay, guidanceFormat: this.options.replay.guidanceFormat ?? guidanceFormatFor(item.session.agent) }), observed: 0 };
      this.trajectories[item.ordinal] = trajectory;
      this.options.onSession?.(item.session, this.format ?? (item.session.format as FormatId));
    }
    if (item.position !== trajectory.observed) return;
    trajectory.observed++;
    this.options.onEntry(trajectory.replay.observe(item.step), trajectory.replay.session);
  }
}

interface WatchCommandOptions {
  once?: boolean;
  json?: boolean;
  config?: string;
  format?: string;
  interval?: string;
  strict?: boolean;
}

function printLine(text: string): void {
  process.stdout.write(text + '\n');
}

function endingOutput(json: boolean, session: SessionMetadata, ending: ReplayEnding): void {
  if (json) {
    printLine(JSON.stringify({ event: 'end', sessionId: session.id, findings: ending.findings.map(findingJson), stopBlocked: ending.stopBlocked, stopReason: ending.stopReason, recoveries: ending.recoveries }));
    return;
  }
  printLine(pc.dim('      ── end of what was written ──'));
  for (const line of ending.findings.flatMap(findingLines)) printLine(line);
  if (ending.stopBlocked) printLine(`         ${pc.yellow(pc.bold('→ a Stop hook would block once'))}: ${ending.stopReason.split('\n').join(' ')}`);
  for (const recovery of ending.recoveries) printLine(recoveryLine(recovery));
}

export function registerWatch(program: Command): void {
  program
    .command('watch <session-file>')
    .description('tail a live session log (Claude Code, Codex, Gemini CLI JSONL) and print findings and the would-be guidance as lines arrive')
    .option('--once', 'process what is in the file now, end the session and exit')
    .option('--json', 'print one JSON object per line for each event')
    .option('--config <file>', 'configuration file (default: wink.config.* or .wink/config.json, searched upwards)')
    .option('--format <id>', 'reader to use instead of detecting the format')
    .option('--interval <ms>', 'fallback polling interval in milliseconds', String(POLL_INTERVAL_MS))
    .option('--strict', STRICT_OPTION_HELP)
    .action(async (file: string, commandOptions: WatchCommandOptions) => {
      const interval = Number(commandOptions.interval);
      if (!Number.isFinite(interval) || interval < 10) throw new UsageError(`--interval must be a number of milliseconds ≥ 10, got ${commandOptions.interval}`);
      try {
        await stat(file);
      } catch (error) {
        throw new InputError(file, 'no such file', { cause: error });
      }
      const json = commandOptions.json === true;
      const { options: replay, problems } = await replayOptionsFor(commandOptions.config);
      for (const problem of problems) process.stderr.write(`wink: config: ${problem} (ignored)\n`);
      let diagnosticCount = 0;
      const tail = new SessionTail(file, {
        replay,
        format: commandOptions.format as FormatId | undefined,
        onSession(session, format) {
          if (json) printLine(JSON.stringify({ event: 'session', file, format, agent: session.agent, sessionId: session.id }));
          else printLine(pc.bold(`wink watch: ${file} [${format}] ${session.agent}`) + pc.dim(commandOptions.once ? '' : ' — Ctrl-C to stop'));
        },
        onEntry(entry) {
          if (json) {
            if (hasNews(entry)) printLine(JSON.stringify({ event: 'step', ...stepEventJson(entry) }));
            return;
          }
          for (const line of stopLines(entry)) printLine(line);
          printLine(renderStep(entry.step));
          for (const line of entryLines(entry, true)) printLine(line);
        },
        onDiagnostic(diagnostic) {
          diagnosticCount++;
          if (json) printLine(JSON.stringify({ event: 'diagnostic', ...diagnostic }));
          else if (diagnosticCount <= MAXIMUM_LISTED_DIAGNOSTICS) process.stderr.write(`wink: ${diagnosticLine(diagnostic)}\n`);
        },
      });
      const summariseDiagnostics = (): void => {
        const unlisted = diagnosticCount - MAXIMUM_LISTED_DIAGNOSTICS;
        if (!json && unlisted > 0) process.stderr.write(`wink: … and ${unlisted} more diagnostic${unlisted === 1 ? '' : 's'} in ${file}\n`);
        if (commandOptions.strict && diagnosticCount > 0 && !process.exitCode) process.exitCode = EXIT_USAGE;
      };
      try {
        if (commandOptions.once) {
          await tail.poll();
          for (const { session, ending } of await tail.finish()) endingOutput(json, session, ending);
          return;
        }
        await followUntilInterrupted(tail, interval);
      } finally {
        summariseDiagnostics();
        await tail.close();
      }
    });
}

/** Polls on file-system events and on a timer until SIGINT or SIGTERM. */
async function followUntilInterrupted(tail: SessionTail, interval: number): Promise<void> {
  let running = false;
  let again = false;
  let failure: unknown;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const tick = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await tail.poll();
      } while (again);
    } catch (error) {
      failure = error;
      stop();
    } finally {
      running = false;
    }
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watchFile(tail.file, () => void tick());
    watcher.on('error', () => undefined);
  } catch {
    watcher = undefined; // the timer alone keeps up
  }
  const timer = setInterval(() => void tick(), interval);
  const onSignal = () => stop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  await tick();
  await stopped;
  clearInterval(timer);
  watcher?.close();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (failure) {
    printError(failure);
    process.exitCode = 2;
  }
}
