/**
 * Facts every detector may need, maintained once per step by the engine: pending calls (to find the call
 * of a result), file versions (has a file changed since it was read?), the number of changes so far, and
 * the last user prompt. Its state is plain JSON so it can be snapshotted with the detectors'.
 */
import type { TrajectoryFacts } from '../detectors/define.js';
import { InstructionsTracker, type InstructionsView } from '../instructions/tracker.js';
import { initialInstructionsState, type InstructionsState, type InstructionText } from '../instructions/types.js';
import { detachedCopy } from '../trajectory/bounded-text.js';
import { addUnique } from '../trajectory/effect-lists.js';
import { normalizePath, pathInFolder } from '../trajectory/paths.js';
import type { SessionMetadata } from '../trajectory/session.js';
import { branchSwitchedTo } from '../detectors/constraints/commands.js';
import { changesNothing, type ScriptChanges, type ScriptKind, type ScriptRun } from '../trajectory/script-runs.js';
import { isReadOnlyCommand, shellCommandEffects } from '../trajectory/shell-effects.js';
import type { Step, ToolCallStep, ToolResultStep } from '../trajectory/step.js';
import type { ToolEffects } from '../trajectory/tool-effects.js';

/** Most paths whose normal form is remembered (the memo is emptied when full). */
const MAXIMUM_REMEMBERED_PATHS = 512;
/** Longest path whose normal form is remembered (longer ones are normalised each time, and not kept alive). */
const MAXIMUM_REMEMBERED_PATH_CHARACTERS = 1024;

/** Most pending calls kept (calls whose result never comes are dropped oldest first). */
export const MAXIMUM_PENDING_CALLS = 256;
/** Most scripts whose changes are remembered for a later run (the oldest written is forgotten first). */
export const MAXIMUM_REMEMBERED_SCRIPTS = 32;

/** A script written whole earlier in the session, and what running it changes. */
export interface RememberedScript {
  kind: ScriptKind;
  changes: ScriptChanges;
}

export interface FactsState {
  stepIndex: number;
  pendingCalls: Record<string, ToolCallStep>;
  pendingOrder: string[];
  /** Change count when each pending call was made, before its own effects (by call id). */
  changeCountAtCall: Record<string, number>;
  fileVersions: Record<string, number>;
  changeCount: number;
  opaqueCommandCount: number;
  lastPromptIndex: number;
  taskText: string;
  /** The instructions in force (every source: prompts, rule files, hook context, summaries, fetched tasks). */
  instructions: InstructionsState;
  /** The branch checked out, once a `git switch` / `git checkout` changed it from the one the log first named. */
  gitBranch?: string;
  /** Scripts written whole with known text, by normal path (see `script-runs.ts`), and the order they were written in. */
  scripts: Record<string, RememberedScript>;
  scriptOrder: string[];
}

export function initialFactsState(): FactsState {
  return {
    stepIndex: -1,
    pendingCalls: {},
    pendingOrder: [],
    changeCountAtCall: {},
    fileVersions: {},
    changeCount: 0,
    opaqueCommandCount: 0,
    lastPromptIndex: -1,
    taskText: '',
    instructions: initialInstructionsState(),
    scripts: {},
    scriptOrder: [],
  };
}

export class FactsTracker implements TrajectoryFacts {
  /** The instructions in force, read by every detector. */
  readonly instructions: InstructionsView;
  private readonly instructionsTracker: InstructionsTracker;
  /**
   * Normal forms of paths seen lately: every detector normalises the paths of the same calls, and the working
   * directory does not change, so each path is normalised once (not part of the state: it is only a cache).
   */
  private readonly normalizedPaths = new Map<string, string>();
  /** The working directory the remembered normal forms were made for. */
  private normalizedPathsDirectory: string | undefined;

  constructor(
    readonly session: SessionMetadata,
    readonly state: FactsState,
  ) {
    // Snapshots saved before these fields existed restore without them.
    state.changeCountAtCall ??= {};
    state.instructions ??= initialInstructionsState();
    state.scripts ??= {};
    state.scriptOrder ??= [];
    this.instructionsTracker = new InstructionsTracker(state.instructions, session.workingDirectory);
    this.instructions = this.instructionsTracker;
  }

  /** Takes in instruction documents given outside the trajectory (rule files a hook read from disk); read once each. */
  addInstructionDocuments(documents: readonly InstructionText[]): void {
    for (const document of documents) this.instructionsTracker.addDocument(document);
  }

  get stepIndex(): number {
    return this.state.stepIndex;
  }
  get changeCount(): number {
    return this.state.changeCount;
  }
  get opaqueCommandCount(): number {
    return this.state.opaqueCommandCount;
  }
  get lastPromptIndex(): number {
    return this.state.lastPromptIndex;
  }
  get taskText(): string {
    return this.state.taskText;
  }
  get gitBranch(): string | undefined {
    return this.state.gitBranch ?? this.session.gitBranch;
  }

  callFor(result: ToolResultStep): ToolCallStep | undefined {
    return this.state.pendingCalls[result.callId];
  }

  changeCountBeforeCall(result: ToolResultStep): number {
    return this.state.changeCountAtCall[result.callId] ?? this.state.changeCount;
  }

  normalizePath(path: string): string {
    const workingDirectory = this.session.workingDirectory;
    if (path.length > MAXIMUM_REMEMBERED_PATH_CHARACTERS) return normalizePath(path, workingDirectory);
    // A reader may learn the working directory after the session started: the normal forms made before are dropped.
    if (workingDirectory !== this.normalizedPathsDirectory) {
      this.normalizedPaths.clear();
      this.normalizedPathsDirectory = workingDirectory;
    }
    let normalized = this.normalizedPaths.get(path);
    if (normalized === undefined) {
      normalized = normalizePath(path, workingDirectory);
      if (this.normalizedPaths.size >= MAXIMUM_REMEMBERED_PATHS) this.normalizedPaths.clear();
      // Copies: a path cut from a huge command line must not keep that text alive.
      this.normalizedPaths.set(detachedCopy(path), detachedCopy(normalized));
    }
    return normalized;
  }

  fileVersion(path: string): number {
    return this.state.fileVersions[this.normalizePath(path)] ?? 0;
  }

  /**
   * Called before detectors see the step: `step` is what they see (bounded, see bounded-step.ts), `original` the
   * step as logged, from which the instructions tracker reads prompts and rule files up to its own bound.
   */
  before(step: Step, original: Step = step): void {
    this.state.stepIndex = step.index;
    if (step.kind === 'user' && step.origin === 'prompt' && step.sidechain === undefined) {
      this.state.lastPromptIndex = step.index;
      if (this.state.taskText.length === 0) this.state.taskText = step.text;
    }
    this.instructionsTracker.observe(original, step.kind === 'tool-result' ? this.state.pendingCalls[step.callId] : undefined);
    if (step.kind === 'tool-call') {
      this.state.pendingCalls[step.callId] = step;
      this.state.changeCountAtCall[step.callId] = this.state.changeCount;
      this.state.pendingOrder.push(step.callId);
      if (this.state.pendingOrder.length > MAXIMUM_PENDING_CALLS) {
        const dropped = this.state.pendingOrder.shift() as string;
        delete this.state.pendingCalls[dropped];
        delete this.state.changeCountAtCall[dropped];
      }
    }
  }

  /**
   * The step with what the scripts it runs change added to its effects (`python fix.py` after a call wrote
   * `fix.py` whole): a new step object when a script it runs is known to change files, else the step itself.
   */
  withScriptRuns(step: Step): Step {
    if (step.kind !== 'tool-call' || step.effects.scriptsRun === undefined) return step;
    let effects: ToolEffects | undefined;
    for (const run of step.effects.scriptsRun) {
      const script = this.scriptRunBy(run);
      if (script === undefined || script.kind !== run.kind || changesNothing(script.changes)) continue;
      effects ??= { ...step.effects, filesWritten: [...step.effects.filesWritten], filesEdited: [...step.effects.filesEdited], filesDeleted: [...step.effects.filesDeleted] };
      for (const file of script.changes.filesWritten) addUnique(effects.filesWritten, pathInFolder(file, run.folder));
      for (const file of script.changes.filesEdited) addUnique(effects.filesEdited, pathInFolder(file, run.folder));
      for (const file of script.changes.filesDeleted) addUnique(effects.filesDeleted, pathInFolder(file, run.folder));
    }
    return effects === undefined ? step : { ...step, effects };
  }

  /**
   * The script a run names, remembered from an earlier call. (A script the same line wrote before running it was
   * read by the line's own reader; one it writes after the run is not the text that ran.)
   */
  private scriptRunBy(run: ScriptRun): RememberedScript | undefined {
    const key = this.normalizePath(run.file);
    return Object.hasOwn(this.state.scripts, key) ? this.state.scripts[key] : undefined;
  }

  /** Remembers the scripts a call wrote whole, and forgets those it changed in another way. */
  private rememberScripts(step: ToolCallStep): void {
    const { effects } = step;
    // A script made executable (`chmod +x fix.sh`) keeps its text; one edited, appended to or deleted does not.
    const changedText = (file: string) => !effects.filesModeChanged?.includes(file);
    if (this.state.scriptOrder.length > 0) {
      for (const file of effects.filesWritten) this.forgetScript(this.normalizePath(file));
      for (const file of effects.filesDeleted) this.forgetScript(this.normalizePath(file));
      for (const file of effects.filesEdited) if (changedText(file)) this.forgetScript(this.normalizePath(file));
    }
    for (const script of effects.scriptsWritten ?? []) {
      // Written, then changed again by the same call (`cat > fix.py <<'EOF' … EOF && sed -i … fix.py`): its text is unknown.
      if (effects.filesDeleted.includes(script.file) || (effects.filesEdited.includes(script.file) && changedText(script.file))) continue;
      const key = detachedCopy(this.normalizePath(script.file));
      this.forgetScript(key);
      // Running a script that changes nothing wink can name adds nothing: it takes no place among the remembered.
      if (changesNothing(script.changes)) continue;
      const copy = (files: string[]) => files.map((file) => detachedCopy(file));
      this.state.scripts[key] = { kind: script.kind, changes: { filesWritten: copy(script.changes.filesWritten), filesEdited: copy(script.changes.filesEdited), filesDeleted: copy(script.changes.filesDeleted) } };
      this.state.scriptOrder.push(key);
      if (this.state.scriptOrder.length > MAXIMUM_REMEMBERED_SCRIPTS) this.forgetScript(this.state.scriptOrder[0]);
    }
  }

  private forgetScript(key: string): void {
    if (!Object.hasOwn(this.state.scripts, key)) return;
    delete this.state.scripts[key];
    this.state.scriptOrder.splice(this.state.scriptOrder.indexOf(key), 1);
  }

  /** One more version of a changed file; true (the step changed a file). */
  private countVersion(file: string): true {
    const key = this.normalizePath(file);
    this.state.fileVersions[key] = (this.state.fileVersions[key] ?? 0) + 1;
    return true;
  }

  /** Called after detectors saw the step. */
  after(step: Step): void {
    if (step.kind === 'tool-call') {
      const effects = step.effects;
      this.rememberScripts(step);
      let changed = false;
      for (const file of effects.filesWritten) changed = this.countVersion(file);
      for (const file of effects.filesEdited) changed = this.countVersion(file);
      for (const file of effects.filesDeleted) changed = this.countVersion(file);
      for (const commandLine of effects.commands) {
        if (!commandLine.includes('git ')) continue;
        for (const simple of shellCommandEffects(commandLine).simpleCommands) {
          const branch = branchSwitchedTo(simple);
          if (branch !== undefined) this.state.gitBranch = branch;
        }
      }
      if (!changed && effects.action === 'shell') {
        const readOnly = effects.commands.every((command) => isReadOnlyCommand(command));
        if (!readOnly) {
          this.state.opaqueCommandCount++;
          changed = true;
        }
      }
      if (changed) this.state.changeCount++;
    } else if (step.kind === 'tool-result') {
      // A write tool that failed ("File has not been read yet") left no script behind. (A shell line that fails may
      // well have written its heredoc first: `cat > fix.py <<'EOF' … EOF && python fix.py` failing in the script.)
      const call = step.isError ? this.state.pendingCalls[step.callId] : undefined;
      const written = call !== undefined && call.effects.action !== 'shell' ? call.effects.scriptsWritten : undefined;
      for (const script of written ?? []) this.forgetScript(this.normalizePath(script.file));
      if (this.state.pendingCalls[step.callId]) {
        delete this.state.pendingCalls[step.callId];
        delete this.state.changeCountAtCall[step.callId];
        const position = this.state.pendingOrder.indexOf(step.callId);
        if (position !== -1) this.state.pendingOrder.splice(position, 1);
      }
    }
  }
}
