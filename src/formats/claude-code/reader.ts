/**
 * Claude Code session transcripts (`~/.claude/projects/<project>/<sessionId>.jsonl`): one JSON object a
 * line — user, assistant (one content block a line), system, attachment, and bookkeeping lines. The file
 * is streamed; its sub-agent transcripts (`<sessionId>/subagents/agent-<id>.jsonl`, or older
 * `agent-<id>.jsonl` beside it) are read after it and their steps appended as sidechain steps, ordered
 * by when the session's Task results name them (see subagents.ts). Mapping details: docs/formats.md.
 */
import { basename } from 'node:path';
import type { TrajectoryAssembler } from '../assembler.js';
import { forEachLine, skippedLinesReportedTo } from '../line-reader.js';
import type { FileSample, FormatReader, ReaderOutput } from '../reader.js';
import type { TranscriptLineBase } from './line-types.js';
import { findSubagentTranscripts, orderSubagents } from './subagents.js';
import { TranscriptReader, type TranscriptContext } from './transcript-reader.js';

/** Line types only Claude Code transcripts have. */
const TRANSCRIPT_LINE_TYPES = new Set(['user', 'assistant', 'system', 'summary', 'attachment', 'queue-operation', 'file-history-snapshot', 'progress', 'ai-title', 'custom-title', 'last-prompt', 'permission-mode']);
/** Keys that mark a Claude Code transcript line in a sample whose first line is too long to parse. */
const TRANSCRIPT_MARKERS = /"(?:parentUuid|leafUuid|isSidechain)"\s*:/;

function sniffLine(line: string): number {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 0;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 0;
  const record = value as Record<string, unknown>;
  if (typeof record.type !== 'string' || !TRANSCRIPT_LINE_TYPES.has(record.type)) return 0;
  if ('parentUuid' in record && 'sessionId' in record) return 0.95;
  if (record.type === 'summary' && 'leafUuid' in record) return 0.9;
  if (record.type === 'file-history-snapshot' && 'snapshot' in record) return 0.9;
  if (record.type === 'queue-operation' && 'sessionId' in record) return 0.85;
  return 0;
}

function sniff(sample: FileSample): number {
  let best = 0;
  for (const line of sample.firstLines) best = Math.max(best, sniffLine(line));
  if (best > 0) return best;
  // A first line longer than the sample cannot be parsed; fall back to the keys only Claude Code writes.
  return sample.path.endsWith('.jsonl') && TRANSCRIPT_MARKERS.test(sample.head) && sample.head.includes('"sessionId"') ? 0.6 : 0;
}

async function read(file: string, output: ReaderOutput): Promise<void> {
  let assembler: TrajectoryAssembler | undefined;
  let sessionId: string | undefined;
  const beginOrComplete = (line: TranscriptLineBase): TrajectoryAssembler => {
    if (!assembler) {
      sessionId = typeof line.sessionId === 'string' ? line.sessionId : undefined;
      assembler = output.begin({
        id: sessionId,
        agent: 'claude-code',
        environment: 'cli',
        agentVersion: typeof line.version === 'string' ? line.version : undefined,
        workingDirectory: typeof line.cwd === 'string' ? line.cwd : undefined,
        gitBranch: typeof line.gitBranch === 'string' && line.gitBranch.length > 0 ? line.gitBranch : undefined,
      });
      return assembler;
    }
    const session = assembler.session;
    if (session.agentVersion === undefined && typeof line.version === 'string') session.agentVersion = line.version;
    if (session.workingDirectory === undefined && typeof line.cwd === 'string') session.workingDirectory = line.cwd;
    if (session.gitBranch === undefined && typeof line.gitBranch === 'string' && line.gitBranch.length > 0) session.gitBranch = line.gitBranch;
    return assembler;
  };

  const main = new TranscriptReader({ assembler: beginOrComplete, diagnostic: (line, message) => output.diagnostic(line, message) });
  await forEachLine(file, (text, lineNumber) => main.readLine(text, lineNumber), skippedLinesReportedTo(output));
  main.finish();

  const subagents = orderSubagents(await findSubagentTranscripts(file, sessionId), main.spawnedAgents);
  for (const subagent of subagents) {
    const name = basename(subagent.file);
    const context: TranscriptContext = {
      assembler: beginOrComplete,
      diagnostic: (line, message) => output.diagnostic(line, `${name} line ${line}: ${message}`),
    };
    const transcript = new TranscriptReader(context, { file: subagent.file, sidechain: subagent.agentId });
    await forEachLine(subagent.file, (text, lineNumber) => transcript.readLine(text, lineNumber), skippedLinesReportedTo(context));
    transcript.finish();
  }
}

/** The Claude Code transcript reader. */
const reader: FormatReader = {
  id: 'claude-code',
  description: 'Claude Code session transcript (~/.claude/projects/…/<session>.jsonl) with its sub-agent transcripts',
  sniff,
  read,
};

export default reader;
