/**
 * OpenHands event logs. Three layouts: a JSON array of events (runtime replay trajectories, saved
 * conversations), a JSONL file of evaluation records each holding one run's `history` (benchmark and
 * resolver outputs; one trajectory per line), and a JSONL file of single events. Events are V0
 * (`action`/`observation`, see event-mapper.ts) or V1 SDK (`kind`, see sdk-event-mapper.ts).
 */
import type { TrajectoryAssembler } from '../assembler.js';
import { isRecord, readJsonDocument, topLevelElementLines } from '../json-document.js';
import { forEachLine, skippedLinesReportedTo } from '../line-reader.js';
import type { FileSample, FormatReader, ReaderOutput, SessionSeed } from '../reader.js';
import { evaluationRecordSeed, isEvaluationRecord } from './evaluation-record.js';
import { OpenHandsEventMapper } from './event-mapper.js';
import { isSdkEvent, OpenHandsSdkEventMapper, SDK_EVENT_KINDS } from './sdk-event-mapper.js';

/** The exit status of a run that ended with a `finish` action and no error. */
export const FINISHED_STATUS = 'finished';

/** Session seed of an event list that says nothing about where it ran: a conversation driven through OpenHands itself. */
const EVENT_LIST_SEED: SessionSeed = { agent: 'openhands', environment: 'sdk' };

/** V0 action names that only OpenHands writes. */
const V0_ACTION = /"action"\s*:\s*"(?:message|system|run|run_ipython|read|write|edit|browse|browse_interactive|think|finish|recall|call_tool_mcp|change_agent_state|delegate|condensation)"/;
/** V0 observation fields. */
const V0_OBSERVATION = /"observation"\s*:\s*"[a-z_]+"/;
/** A V1 SDK event class name. */
export const SDK_KIND = new RegExp(`"kind"\\s*:\\s*"(?:${SDK_EVENT_KINDS.join('|')})"`);

/** One trajectory being read: its assembler and the mappers for both event generations. */
class OpenHandsTrajectory {
  private readonly legacy: OpenHandsEventMapper;
  private readonly sdk: OpenHandsSdkEventMapper;
  private position = 0;

  constructor(readonly assembler: TrajectoryAssembler) {
    this.legacy = new OpenHandsEventMapper(assembler);
    this.sdk = new OpenHandsSdkEventMapper(assembler);
  }

  /** Maps one event; anything that is not an event object becomes a diagnostic. */
  add(event: unknown, line: number, output: ReaderOutput): void {
    const position = this.position++;
    if (!isRecord(event)) {
      output.diagnostic(line, `event ${position} is not a JSON object; skipped`);
      return;
    }
    if (isSdkEvent(event)) this.sdk.map(event, line, position);
    else if (typeof event.action === 'string' || typeof event.observation === 'string') this.legacy.map(event, line, position);
    else output.diagnostic(line, `event ${position} has neither "action", "observation" nor "kind"; skipped`);
  }

  /** Fills in what is only known at the end. */
  finish(): void {
    if (!this.assembler.session.exitStatus && (this.legacy.finished || this.sdk.finished)) this.assembler.session.exitStatus = FINISHED_STATUS;
  }
}

/** Reads a single-document JSON file: an array of events, or one evaluation record. */
async function readDocument(file: string, output: ReaderOutput): Promise<void> {
  const document = await readJsonDocument(file);
  if (!document.ok) {
    output.diagnostic(document.line, document.message);
    return;
  }
  const value = document.value;
  if (isRecord(value) && isEvaluationRecord(value)) {
    readRecord(value, 1, output);
    return;
  }
  if (!Array.isArray(value)) {
    output.diagnostic(1, 'not an OpenHands log: expected an array of events or a record with "history"');
    return;
  }
  const lines = topLevelElementLines(document.text);
  const trajectory = new OpenHandsTrajectory(output.begin({ ...EVENT_LIST_SEED }));
  value.forEach((event, position) => trajectory.add(event, lines[position] ?? 1, output));
  trajectory.finish();
}

/** Reads one evaluation record as one trajectory; its events are all on `line`. */
function readRecord(record: Record<string, unknown>, line: number, output: ReaderOutput): void {
  const trajectory = new OpenHandsTrajectory(output.begin(evaluationRecordSeed(record)));
  for (const event of record.history as unknown[]) trajectory.add(event, line, output);
  trajectory.finish();
}

/** Reads a JSONL file of evaluation records or of single events. */
async function readLines(file: string, output: ReaderOutput): Promise<void> {
  let eventStream: OpenHandsTrajectory | undefined;
  await forEachLine(file, (text, line) => {
    if (text.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      output.diagnostic(line, `invalid JSON: ${(error as Error).message}`);
      return;
    }
    if (isRecord(value) && isEvaluationRecord(value)) {
      eventStream?.finish();
      eventStream = undefined;
      readRecord(value, line, output);
      return;
    }
    eventStream ??= new OpenHandsTrajectory(output.begin({ ...EVENT_LIST_SEED }));
    eventStream.add(value, line, output);
  }, skippedLinesReportedTo(output));
  eventStream?.finish();
}

/** How sure we are that a sample is an OpenHands log. */
function sniffOpenHands(sample: FileSample): number {
  const head = sample.head;
  const first = sample.firstLines[0]?.trimStart() ?? '';
  if (/\.traj$/i.test(sample.path) || /"trajectory"\s*:\s*\[/.test(head)) return 0;
  if (/"schema_version"\s*:\s*"ATIF/.test(head) || /"spans"\s*:\s*\[/.test(head)) return 0;
  const v0Events = V0_ACTION.test(head) && (V0_OBSERVATION.test(head) || /"(?:source|tool_call_metadata|cause)"\s*:/.test(head) || /"action_risk"\s*:/.test(head));
  const sdkEvents = SDK_KIND.test(head) && /"(?:tool_call_id|llm_message|system_prompt)"\s*:/.test(head);
  if (!v0Events && !sdkEvents) return 0;
  // A JSON array of events, or one record per line with its "history".
  if (/^\s*\[/.test(head)) return 0.9;
  if (first.startsWith('{') && /"history"\s*:\s*\[/.test(first)) return 0.9;
  if (first.startsWith('{') && (/^\{\s*"(?:id|timestamp|source|action|observation|kind)"/.test(first) || v0Events)) return 0.8;
  return 0;
}

const reader: FormatReader = {
  id: 'openhands',
  description: 'OpenHands events: JSON event lists, evaluation output.jsonl records with "history", JSONL events (V0 and V1 SDK)',
  sniff: sniffOpenHands,
  async read(file, output) {
    if (/\.jsonl$/i.test(file)) {
      await readLines(file, output);
      return;
    }
    await readDocument(file, output);
  },
};

export default reader;
