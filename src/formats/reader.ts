/** The contract every format reader implements. */
import type { SessionMetadata } from '../trajectory/session.js';
import type { Step } from '../trajectory/step.js';
import type { Trajectory } from '../trajectory/trajectory.js';
import type { TrajectoryAssembler } from './assembler.js';

/** Ids of the readers wink ships. */
export type FormatId =
  | 'claude-code'
  | 'codex'
  | 'gemini-cli'
  | 'openhands'
  | 'swe-agent'
  | 'mini-swe-agent'
  | 'atif'
  | 'otel'
  | 'openai-messages'
  | 'anthropic-messages'
  | 'specstory';

/** A problem found while reading: the file and 1-based line it is on, and what is wrong. */
export interface Diagnostic {
  file: string;
  line: number;
  message: string;
}

/** What a reader sees of a file when wink decides which reader to use. */
export interface FileSample {
  /** Path of the file. */
  path: string;
  /**
   * For a JSON file (a document or JSON Lines): its outline, one compact line per top-level value, with
   * every top-level key wherever it falls in the file and long strings cut (see `json-outline.ts`). For any
   * other file: up to its first 64 KiB, decoded as UTF-8.
   */
  head: string;
  /**
   * For a JSON file: the outlines of its first complete values (at most 5), each valid JSON — for JSON
   * Lines, the first records that parse. For any other file: the first non-empty lines of `head` (at most 5).
   */
  firstLines: string[];
}

/** The session metadata a reader knows when a trajectory begins; the rest is filled in as it reads. */
export type SessionSeed = Partial<SessionMetadata> & Pick<SessionMetadata, 'agent' | 'environment'>;

/** Where a reader sends what it reads. */
export interface ReaderOutput {
  /** Starts a new trajectory (a file may hold several); steps are added through the returned assembler. */
  begin(session: SessionSeed): TrajectoryAssembler;
  /** Records a problem at a line of the file being read; reading goes on. */
  diagnostic(line: number, message: string): void;
}

/** A reader for one log format. */
export interface FormatReader {
  /** Stable id, used in `--json` output and `--format`. */
  readonly id: FormatId;
  /** One line saying what the format is. */
  readonly description: string;
  /**
   * How sure the reader is that the sample is its format: 0 (not mine) to 1 (certainly mine). The
   * reader with the highest score above zero wins.
   */
  sniff(sample: FileSample): number;
  /** Reads the whole file, sending trajectories and diagnostics to `output`. Throws only on I/O errors. */
  read(file: string, output: ReaderOutput): Promise<void>;
}

/** Everything read from one file. */
export interface ReadResult {
  /** Path of the file. */
  file: string;
  /** Id of the reader used. */
  format: FormatId;
  /** The trajectories in the file (most formats hold one). */
  trajectories: Trajectory[];
  /** Problems found; everything else was still read. */
  diagnostics: Diagnostic[];
}

/** Receives steps as they are read, for streaming consumers that must not hold whole trajectories. */
export interface StepListener {
  /** Called when a trajectory starts. */
  onTrajectoryStart?(session: SessionMetadata): void;
  /** Called for every step, in order. */
  onStep(step: Step, session: SessionMetadata): void;
  /** Called when a trajectory ends, with its final metadata and step count. */
  onTrajectoryEnd?(session: SessionMetadata, stepCount: number): void;
}
