/** `wink inspect <path>`: the normalized timeline of a log file or directory. */
import pc from 'picocolors';
import type { Command } from 'commander';
import { skipReasonOf } from '../engine/analyze-file.js';
import { listTrajectoryFiles, readFileTrajectories } from '../formats/read.js';
import type { Diagnostic, FormatId, ReadResult } from '../formats/reader.js';
import { summarize, type TrajectorySummary } from '../trajectory/summary.js';
import type { Trajectory } from '../trajectory/trajectory.js';
import { failsStrict, STRICT_OPTION_HELP } from './input-problems.js';
import { EXIT_USAGE, printFileErrors, printJson, type SkippedFile } from './output.js';
import { renderStep } from './timeline.js';

/** The JSON document `wink inspect --json` prints for one trajectory. */
export interface InspectDocument {
  format: FormatId;
  summary: TrajectorySummary;
  diagnostics: Diagnostic[];
  trajectory: Trajectory | null;
}

/** Turns a read result into inspect documents (one per trajectory; one with a null trajectory when none). */
export function inspectDocuments(result: ReadResult): InspectDocument[] {
  if (result.trajectories.length === 0) {
    return [{ format: result.format, summary: summarize([]), diagnostics: result.diagnostics, trajectory: null }];
  }
  return result.trajectories.map((trajectory, position) => ({
    format: result.format,
    summary: summarize(trajectory.steps),
    diagnostics: position === 0 ? result.diagnostics : [],
    trajectory,
  }));
}

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('show the normalized timeline of an agent log (file or directory)')
    .argument('<path>', 'log file or directory')
    .option('--json', 'print one JSON document (an array for a directory or a multi-session file)')
    .option('--format <id>', 'force a reader instead of detecting the format')
    .option('--strict', STRICT_OPTION_HELP)
    .action(async (path: string, options: { json?: boolean; format?: FormatId; strict?: boolean }) => {
      const files = await listTrajectoryFiles(path);
      const documents: InspectDocument[] = [];
      const errors: SkippedFile[] = [];
      let failures = 0;
      let diagnosticCount = 0;
      for (const file of files) {
        let result: ReadResult;
        try {
          result = await readFileTrajectories(file, { format: options.format });
        } catch (error) {
          failures++;
          if (files.length === 1) throw error;
          errors.push({ file, message: error instanceof Error ? error.message : String(error), kind: skipReasonOf(error) });
          continue;
        }
        diagnosticCount += result.diagnostics.length;
        const fileDocuments = inspectDocuments(result);
        documents.push(...fileDocuments);
        if (!options.json) printHuman(file, result, fileDocuments);
      }
      printFileErrors(errors);
      if (options.json) {
        const single = files.length === 1 && documents.length === 1;
        printJson(single ? documents[0] : documents);
      }
      if (failures > 0 && documents.length === 0) process.exitCode = EXIT_USAGE;
      else if (options.strict && failsStrict({ diagnosticCount, errors })) process.exitCode = EXIT_USAGE;
    });
}

function printHuman(file: string, result: ReadResult, documents: InspectDocument[]): void {
  for (const document of documents) {
    const trajectory = document.trajectory;
    process.stdout.write(`${pc.bold(file)} ${pc.dim(`[${result.format}]`)}\n`);
    if (trajectory) {
      const session = trajectory.session;
      const facts = [session.agent, session.model, session.environment, session.workingDirectory].filter(Boolean).join(' · ');
      process.stdout.write(pc.dim(`  session ${session.id} · ${facts}\n`));
      for (const step of trajectory.steps) process.stdout.write(renderStep(step) + '\n');
    }
    const summary = document.summary;
    process.stdout.write(
      pc.dim(
        `  ${summary.userMessages} user · ${summary.assistantMessages} assistant · ${summary.toolCalls} calls · ${summary.toolResults} results · `,
      ) + (summary.toolErrors > 0 ? pc.red(`${summary.toolErrors} errors`) : pc.dim('0 errors')) + '\n',
    );
  }
  for (const diagnostic of result.diagnostics) {
    process.stdout.write(pc.yellow(`  ${diagnostic.file}:${diagnostic.line}: ${diagnostic.message}\n`));
  }
}
