/**
 * `wink demo` (what `npm start` runs): replays the bundled example sessions step by step through the
 * observer, as if each agent were running with wink installed, and shows per session a compact timeline
 * around each finding, the exact guidance injected at that step with its escalation level, the recovery
 * outcomes, and at the end a small report over all the examples. `--json` prints the same as one document.
 * The presentation helpers here are shared with `wink watch`.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { allDetectors } from '../detectors/index.js';
import type { Finding } from '../detectors/define.js';
import { analyzeFileList, listInputFiles } from '../engine/analyze-files.js';
import { computePrevalence } from '../engine/prevalence.js';
import { sessionsFromAnalysis } from '../eval/from-analysis.js';
import { computeEvaluationViews } from '../eval/views/index.js';
import { listTrajectoryFiles, readFileTrajectories } from '../formats/read.js';
import type { GuidanceFormat } from '../guidance/render.js';
import { findingsOf, interventionsOf, recoveriesOf, replayOptionsFromConfiguration, replayTrajectory, type ReplayEntry, type ReplayOptions, type ReplayResult } from '../observer/replay.js';
import type { Intervention, RecoveryOutcome } from '../observer/types.js';
import { buildReportHtml } from '../report/build-report.js';
import type { SessionMetadata } from '../trajectory/session.js';
import type { Step } from '../trajectory/step.js';
import { oneLine, printJson } from './output.js';
import { renderStep } from './timeline.js';

/**
 * Recovery window of the demo, in steps. The example sessions are short (about 20 steps), so the observer's
 * default window (15) would leave every intervention `insufficient`; a configuration file's
 * `observer.recoveryWindow` still wins.
 */
export const DEMO_RECOVERY_WINDOW = 6;
/** Steps shown before each finding's step in the compact timeline. */
const STEPS_BEFORE_FINDING = 2;
/** Most evidence steps of one finding shown in the compact timeline. */
const MAXIMUM_EVIDENCE_SHOWN = 6;
/** Width of quoted text in the human output. */
const TEXT_WIDTH = 100;
/** Width of a finding's message: two lines' worth, so that what it names (e.g. the spellings of a call) is not cut. */
const FINDING_TEXT_WIDTH = 2 * TEXT_WIDTH;
/** Indentation of the blocks printed under a step. */
const BLOCK_INDENT = '         ';

/** The examples folder shipped with the package. */
export function examplesDirectory(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
}

/** How guidance is wrapped for an agent: Gemini CLI escapes `<` and `>`, so it gets plain text. */
export function guidanceFormatFor(agent: string): GuidanceFormat {
  return agent.toLowerCase().includes('gemini') ? 'plain' : 'system-reminder';
}

/** A finding as printed in JSON. */
export function findingJson(finding: Finding) {
  return {
    detector: finding.detector,
    category: finding.category,
    form: finding.form,
    messageId: finding.messageId,
    message: finding.message,
    steps: finding.steps,
    confidence: finding.confidence,
    signal: finding.signal === true,
  };
}

/** An intervention as printed in JSON. */
export function interventionJson(intervention: Intervention) {
  return {
    id: intervention.id,
    step: intervention.step,
    category: intervention.category,
    messageId: intervention.messageId,
    level: intervention.level,
    delivered: intervention.delivered,
    source: intervention.source,
    guidance: intervention.guidance,
  };
}

/**
 * Lines for one finding, indented under its step. A misbehavior is shown under its category; a signal
 * (developer pushback) is not a misbehavior, so it is shown under the label "signal" and its detector, never
 * under a misbehavior category.
 */
export function findingLines(finding: Finding): string[] {
  const confidence = `${pc.dim('·')} confidence ${finding.confidence.toFixed(2)}`;
  const head = finding.signal
    ? `${pc.blue('◆ signal')} ${pc.bold(finding.detector)} ${pc.dim('·')} ${finding.messageId} ${confidence}`
    : `${pc.red(pc.bold('▲ finding'))} ${pc.bold(finding.category)} ${pc.dim('·')} ${finding.detector}/${finding.messageId} ${confidence}`;
  return [`${BLOCK_INDENT}${head}`, `${BLOCK_INDENT}  ${oneLine(finding.message, FINDING_TEXT_WIDTH)}`];
}

/** Lines for the interventions decided at one step and the guidance injected (or recorded in shadow mode). */
export function interventionLines(interventions: Intervention[], guidance: string | undefined, wouldBe = false): string[] {
  const lines: string[] = [];
  for (const intervention of interventions) {
    const how = !intervention.delivered ? 'recorded, not delivered (shadow or control arm)' : wouldBe ? 'would be injected' : 'injected';
    lines.push(`${BLOCK_INDENT}${pc.yellow(pc.bold('→ guidance'))} level ${intervention.level} for ${intervention.messageId}: ${how}`);
    if (!intervention.delivered) lines.push(...quoteBlock(intervention.guidance));
  }
  if (guidance !== undefined) {
    lines.push(`${BLOCK_INDENT}${pc.yellow(wouldBe ? '  the agent would receive after this step:' : '  the agent receives after this step:')}`);
    lines.push(...quoteBlock(guidance));
  }
  return lines;
}

function quoteBlock(text: string): string[] {
  return text.split('\n').map((line) => `${BLOCK_INDENT}  ${pc.dim('│')} ${line}`);
}

/** One line for a recovery outcome. */
export function recoveryLine(recovery: RecoveryOutcome): string {
  const label = recovery.outcome === 'recovered' ? pc.green('✓ recovered') : recovery.outcome === 'not-recovered' ? pc.red('✗ not recovered') : pc.dim('… insufficient');
  return `${BLOCK_INDENT}${label} ${recovery.category} (intervention ${interventionStep(recovery.interventionId)}): ${recovery.reason}`;
}

/** The step an intervention id names (`session#step#sequence`). */
function interventionStep(interventionId: string): string {
  const parts = interventionId.split('#');
  return parts.length >= 3 ? `at step ${parts[parts.length - 2]}` : interventionId;
}

/** Everything printed under one step (findings, guidance, recoveries). */
export function entryLines(entry: ReplayEntry, wouldBe = false): string[] {
  return [...entry.findings.flatMap(findingLines), ...interventionLines(entry.interventions, entry.guidance, wouldBe), ...entry.recoveries.map(recoveryLine)];
}

export function hasNews(entry: ReplayEntry): boolean {
  return entry.findings.length > 0 || entry.interventions.length > 0 || entry.recoveries.length > 0 || entry.stop?.blocked === true;
}

/** Lines for the Stop check that ran when the agent stopped before this prompt (only when it blocked). */
export function stopLines(entry: ReplayEntry): string[] {
  if (!entry.stop?.blocked) return [];
  return [pc.dim('      ── the agent stops ──'), `${BLOCK_INDENT}${pc.yellow(pc.bold('→ stop blocked once'))}, the agent is told:`, ...quoteBlock(entry.stop.reason)];
}

/** Indices of the steps worth showing: the first prompt, and the steps leading to each finding or recovery. */
function visibleSteps(result: ReplayResult): Set<number> {
  const visible = new Set<number>();
  const firstPrompt = result.entries.find((entry) => entry.step.kind === 'user' && entry.step.origin === 'prompt');
  if (firstPrompt) visible.add(firstPrompt.step.index);
  const showAround = (index: number, evidence: number[]) => {
    for (let offset = STEPS_BEFORE_FINDING; offset >= 0; offset--) visible.add(index - offset);
    for (const step of evidence.slice(-MAXIMUM_EVIDENCE_SHOWN)) visible.add(step);
  };
  for (const entry of result.entries) {
    if (!hasNews(entry)) continue;
    showAround(entry.step.index, entry.findings.flatMap((finding) => finding.steps));
  }
  const last = result.entries[result.entries.length - 1];
  if (last && result.ending.findings.length > 0) showAround(last.step.index, result.ending.findings.flatMap((finding) => finding.steps));
  return visible;
}

/** The human timeline of one replayed session. */
export function renderSession(result: ReplayResult, label: string): string[] {
  const lines = [`${pc.bold(pc.underline(label))} ${pc.dim(`[${result.session.format}] ${result.session.agent}, ${result.entries.length} steps`)}`];
  const visible = visibleSteps(result);
  let hidden = 0;
  const flushHidden = () => {
    if (hidden > 0) lines.push(pc.dim(`      ⋮ ${hidden} step${hidden === 1 ? '' : 's'}`));
    hidden = 0;
  };
  for (const entry of result.entries) {
    if (!visible.has(entry.step.index)) {
      hidden++;
      continue;
    }
    flushHidden();
    lines.push(...stopLines(entry));
    lines.push(renderStep(entry.step));
    lines.push(...entryLines(entry));
  }
  flushHidden();
  const ending = result.ending;
  if (ending.findings.length > 0 || ending.recoveries.length > 0 || ending.stopBlocked) {
    lines.push(pc.dim('      ── session ends ──'));
    lines.push(...ending.findings.flatMap(findingLines));
    if (ending.stopBlocked) {
      lines.push(`${BLOCK_INDENT}${pc.yellow(pc.bold('→ stop blocked once'))}, the agent is told:`);
      lines.push(...quoteBlock(ending.stopReason));
    }
    lines.push(...ending.recoveries.map(recoveryLine));
  }
  const findings = findingsOf(result).filter((finding) => !finding.signal).length;
  const stopBlocks = result.entries.filter((entry) => entry.stop?.blocked).length + (result.ending.stopBlocked ? 1 : 0);
  const blocks = stopBlocks > 0 ? `, ${stopBlocks} stop block${stopBlocks === 1 ? '' : 's'}` : '';
  lines.push(pc.dim(`      ${findings} finding${findings === 1 ? '' : 's'}, ${interventionsOf(result).filter((intervention) => intervention.delivered).length} guidance injected${blocks}`));
  return lines;
}

/** A replayed session as printed in JSON. */
export function sessionJson(result: ReplayResult, file: string) {
  return {
    file,
    format: result.session.format,
    agent: result.session.agent,
    sessionId: result.session.id,
    mode: result.mode,
    arm: result.arm,
    steps: result.entries.length,
    timeline: result.entries.filter(hasNews).map((entry) => stepEventJson(entry)),
    ending: {
      findings: result.ending.findings.map(findingJson),
      stopBlocked: result.ending.stopBlocked,
      stopReason: result.ending.stopReason,
      recoveries: result.ending.recoveries,
    },
  };
}

/** One step with what happened at it, as JSON. */
export function stepEventJson(entry: ReplayEntry) {
  return {
    step: entry.step.index,
    kind: entry.step.kind,
    summary: stepSummary(entry.step),
    findings: entry.findings.map(findingJson),
    interventions: entry.interventions.map(interventionJson),
    guidance: entry.guidance ?? null,
    recoveries: entry.recoveries,
    stop: entry.stop ? { blocked: entry.stop.blocked, reason: entry.stop.reason, findings: entry.stop.findings.map(findingJson) } : null,
  };
}

/** A one-line plain description of a step. */
export function stepSummary(step: Step): string {
  switch (step.kind) {
    case 'user':
    case 'assistant':
      return oneLine(step.text, TEXT_WIDTH);
    case 'tool-call':
      return oneLine(`${step.tool} ${typeof step.input === 'string' ? step.input : JSON.stringify(step.input)}`, TEXT_WIDTH);
    case 'tool-result':
      return oneLine(`${step.isError ? 'error: ' : ''}${step.output}`, TEXT_WIDTH);
    case 'event':
      return oneLine(`${step.event} ${step.text ?? ''}`, TEXT_WIDTH);
  }
}

/** The report over all replayed sessions. */
export function demoReport(results: readonly ReplayResult[]) {
  const table = computePrevalence(results.map((result) => {
    const findings = findingsOf(result);
    return { findings: findings.filter((finding) => !finding.signal), signals: findings.filter((finding) => finding.signal) };
  }));
  const interventions = results.flatMap(interventionsOf);
  const recoveries = results.flatMap(recoveriesOf);
  const count = (outcome: RecoveryOutcome['outcome']) => recoveries.filter((recovery) => recovery.outcome === outcome).length;
  return {
    sessions: table.trajectoryCount,
    prevalence: table.prevalence.map((row) => ({ category: row.category, name: row.name, trajectories: row.trajectories, share: row.share })),
    total: table.total,
    totalShare: table.totalShare,
    signals: table.signals,
    interventions: {
      decided: interventions.length,
      delivered: interventions.filter((intervention) => intervention.delivered).length,
      byLevel: { 1: interventions.filter((intervention) => intervention.level === 1).length, 2: interventions.filter((intervention) => intervention.level === 2).length, 3: interventions.filter((intervention) => intervention.level === 3).length },
    },
    recovery: { recovered: count('recovered'), notRecovered: count('not-recovered'), insufficient: count('insufficient') },
  };
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The report as text. */
export function renderReport(report: ReturnType<typeof demoReport>, recoveryWindow: number): string[] {
  const lines = [pc.bold(`Report over ${report.sessions} example sessions`), `  ${'category'.padEnd(30)} ${'sessions'.padStart(8)}  prevalence`];
  for (const row of report.prevalence) lines.push(`  ${row.category.padEnd(30)} ${String(row.trajectories).padStart(8)}  ${percent(row.share).padStart(10)}`);
  lines.push(`  ${'any misbehavior'.padEnd(30)} ${String(report.total).padStart(8)}  ${percent(report.totalShare).padStart(10)}`);
  for (const signal of report.signals) lines.push(pc.dim(`  ${`${signal.detector} (signal)`.padEnd(30)} ${String(signal.trajectories).padStart(8)}  ${percent(signal.share).padStart(10)}`));
  const levels = report.interventions.byLevel;
  lines.push(`  interventions: ${report.interventions.delivered} delivered of ${report.interventions.decided} decided (level 1: ${levels[1]}, level 2: ${levels[2]}, level 3: ${levels[3]})`);
  const recovery = report.recovery;
  lines.push(`  recovery (window ${recoveryWindow} steps): ${recovery.recovered} recovered, ${recovery.notRecovered} not recovered, ${recovery.insufficient} insufficient (session ended first)`);
  return lines;
}

/** Loads the configuration (if any) into replay options; configuration problems are returned to show. */
export async function replayOptionsFor(configFile: string | undefined, overrides: Partial<ReplayOptions['settings']> = {}): Promise<{ options: ReplayOptions; file?: string; problems: string[] }> {
  const loaded = await loadConfig({ configFile });
  const { options, problems } = replayOptionsFromConfiguration(loaded.config, allDetectors);
  options.settings = { ...overrides, ...options.settings };
  return { options, file: loaded.file, problems };
}

/** Replays every session under a directory. */
/** One replayed session of a directory, with the diagnostics of its file (counted on the file's first session). */
export interface DirectoryReplay {
  file: string;
  session: SessionMetadata;
  result: ReplayResult;
  diagnosticCount: number;
}

export async function replayDirectory(directory: string, options: ReplayOptions): Promise<DirectoryReplay[]> {
  const replays: DirectoryReplay[] = [];
  for (const file of await listTrajectoryFiles(directory)) {
    const read = await readFileTrajectories(file);
    read.trajectories.forEach((trajectory, position) => {
      const result = replayTrajectory(trajectory, { ...options, guidanceFormat: options.guidanceFormat ?? guidanceFormatFor(trajectory.session.agent) });
      replays.push({ file: relative(directory, file) || file, session: trajectory.session, result, diagnosticCount: position === 0 ? read.diagnostics.length : 0 });
    });
  }
  return replays;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('replay the bundled example sessions through the observer and show each finding and the guidance injected')
    .option('--examples <dir>', 'folder of sessions to use instead of the bundled examples')
    .option('--config <file>', 'configuration file (default: wink.config.* or .wink/config.json, searched upwards)')
    .option('--json', 'print one JSON document')
    .action(async (commandOptions: { examples?: string; config?: string; json?: boolean }) => {
      const directory = commandOptions.examples ?? examplesDirectory();
      const { options, file: configFile, problems } = await replayOptionsFor(commandOptions.config, { recoveryWindow: DEMO_RECOVERY_WINDOW });
      const replays = await replayDirectory(directory, options);
      const report = demoReport(replays.map((replay) => replay.result));
      const recoveryWindow = options.settings?.recoveryWindow ?? DEMO_RECOVERY_WINDOW;
      if (commandOptions.json) {
        printJson({ examples: directory, config: configFile ?? null, configProblems: problems, recoveryWindow, sessions: replays.map((replay) => sessionJson(replay.result, replay.file)), report });
        return;
      }
      const out: string[] = [pc.bold(`wink demo: ${replays.length} example sessions replayed step by step through the observer (all ${allDetectors.length} detectors)`)];
      out.push(pc.dim(`examples: ${directory}`), pc.dim(`config: ${configFile ?? 'none found, defaults'}; recovery window ${recoveryWindow} steps`));
      for (const problem of problems) out.push(pc.yellow(`config: ${problem} (ignored)`));
      out.push('');
      for (const replay of replays) out.push(...renderSession(replay.result, replay.file), '');
      out.push(...renderReport(report, recoveryWindow));
      const htmlReport = await writeDemoHtmlReport(directory);
      out.push('', `HTML report of the same sessions (the paper's tables and charts, opens offline): ${htmlReport}`);
      out.push(pc.dim('next: `wink serve --demo` for the dashboard; to guide your own agent, in its project: `npm install --save-dev agent-wink`, then `npx wink install claude-code` (docs/install.md)'));
      out.push(pc.dim('      in an agent loop you build: `agent-wink/session`, `agent-wink/ai-sdk`, `agent-wink/claude-agent-sdk` (docs/integrations.md)'));
      process.stdout.write(out.join('\n') + '\n');
    });
}

/** Where the demo writes its HTML report. */
export const DEMO_REPORT_FILE = join(tmpdir(), 'wink-demo-report.html');

/** Analyses the example sessions and writes the `wink report` HTML for them; returns the file. */
async function writeDemoHtmlReport(directory: string): Promise<string> {
  const analysis = await analyzeFileList(await listInputFiles([directory]), { jobs: 1 });
  const views = computeEvaluationViews(sessionsFromAnalysis(analysis), { source: 'logs' });
  await writeFile(DEMO_REPORT_FILE, buildReportHtml(views, { generatedAt: new Date().toISOString(), inputs: [directory] }));
  return DEMO_REPORT_FILE;
}
