/**
 * The LLM tier's cost, measured without a model: renders the checks a real session would get — one check
 * every k steps (the observer's `checkInterval`), the five classifiers per check, the first check of a session
 * full and every later one incremental (new steps plus the overlap, the instructions and the earlier verdicts,
 * as `runAsyncCheckJob` does) — and compares the tokens sent with the session's own recorded token usage
 * (Claude Code's `message.usage` of each response, counted once per `message.id`: input, cache writes, cache
 * reads, output). Target: at most 3% of the agent's own tokens.
 *
 * Tokens are counted like the budget's admission estimate (`classify` → `callStructured`): the JSON of the
 * messages at 4 characters a token. The system message (the category's prefix, with the cache marker) is
 * written to the provider's cache by the first check of each category in a session and read from it by the
 * later ones; the rest of each prompt is uncached. Output is the mean size of the classifiers' few-shot
 * answers (the budget reserves `maxOutputTokens` when admitting a call, then charges what the model used).
 *
 * Sessions: the Claude Code examples in `examples/`, wink's real-world Claude Code fixtures (modelled on real
 * sessions, with their usage), the real users' Claude Code sessions in the shared data when present, and
 * generated long sessions (`test/llm/long-claude-code-session.ts`). "Before" renders with the generic
 * oldest-first renderer (`renderTrajectory`), "after" with the per-question renderer. Runs under
 * `bench/run.ts` (`npm run bench llm-cost`) or alone: `npx tsx bench/llm-cost.bench.ts`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { listInputFiles } from '../src/engine/analyze-files.js';
import { readFileTrajectories } from '../src/formats/read.js';
import { incrementalFromStep, INCREMENTAL_OVERLAP_STEPS, MAXIMUM_EARLIER_VERDICTS } from '../src/llm/async-check.js';
import { classifierFor, CLASSIFIER_DEFINITIONS } from '../src/llm/classifiers/definitions.js';
import { classifierMessages, type EarlierVerdict } from '../src/llm/classifiers/prompt.js';
import { CLASSIFIED_CATEGORIES, type ClassifiedCategory } from '../src/llm/classifiers/schema.js';
import { renderForQuestion } from '../src/llm/render-for-question.js';
import { CHARACTERS_PER_TOKEN, renderTrajectory, type RenderedTrajectory } from '../src/llm/render-trajectory.js';
import { DEFAULT_LLM_SETTINGS } from '../src/llm/settings.js';
import { hasNewMaterial, sessionFacts } from '../src/llm/step-relevance.js';
import type { Step } from '../src/trajectory/step.js';
import { LONG_SESSION_MARKERS, longClaudeCodeSession, recordedUsage, type RecordedUsage } from '../test/llm/long-claude-code-session.js';
import { renderTable, type BenchmarkTable } from './table.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared', 'data', 'real-trajectories');

/** Check intervals measured (the observer's default is 5). */
export const CHECK_INTERVALS = [5, 10, 20, 50] as const;
/** Work iterations of the generated sessions (about 2.3 steps each). */
export const GENERATED_ITERATIONS = [160, 400] as const;
/** The target: wink's tokens at most this share of the agent's own. */
export const TARGET_RATIO = 0.03;

/** How checks are made: before (oldest-first rendering, every category every check), per-question rendering, and per-question rendering asking only categories with new material (what runAsyncCheckJob does). */
type Variant = 'before' | 'per-question' | 'after';
const VARIANTS: readonly Variant[] = ['before', 'per-question', 'after'];

/** Anthropic's price multiples of a token relative to an uncached input token (cache write, cache read, output). */
const PRICE_MULTIPLES = { cacheWrite: 1.25, cacheRead: 0.1, output: 5 } as const;

interface Session {
  steps: Step[];
  usage: RecordedUsage;
}

interface SessionSet {
  name: string;
  sessions: Session[];
}

/** Tokens sent over a session's checks. */
interface CheckCost {
  checks: number;
  calls: number;
  cacheWrite: number;
  cacheRead: number;
  uncached: number;
  output: number;
  /** False if a category's prefix changed between two checks of the session. */
  prefixStable: boolean;
}

function tokens(text: string): number {
  return Math.ceil(text.length / CHARACTERS_PER_TOKEN);
}

/** The mean size of a verdict: the few-shot answers of every classifier. */
function verdictTokens(): number {
  const answers = Object.values(CLASSIFIER_DEFINITIONS).flatMap((definition) => definition.examples.map((example) => ({ category: definition.category, ...example.answer })));
  return Math.round(answers.reduce((sum, answer) => sum + tokens(JSON.stringify(answer)), 0) / answers.length);
}

function agentTokens(usage: RecordedUsage): number {
  return usage.inputTokens + usage.cacheCreationInputTokens + usage.cacheReadInputTokens + usage.outputTokens;
}

/** The tokens of every check a session gets at interval k. */
export function sessionCost(steps: readonly Step[], interval: number, variant: Variant, outputTokens: number): CheckCost {
  const cost: CheckCost = { checks: 0, calls: 0, cacheWrite: 0, cacheRead: 0, uncached: 0, output: 0, prefixStable: true };
  const prefixes = new Map<ClassifiedCategory, string>();
  const earlier = new Map<ClassifiedCategory, EarlierVerdict[]>();
  let lastChecked = -1;
  for (let upTo = interval - 1; upTo < steps.length; upTo += interval) {
    const shown = steps.slice(0, upTo + 1);
    const incremental = lastChecked >= 0;
    cost.checks++;
    const facts = variant === 'before' ? undefined : sessionFacts(shown);
    const asked = variant === 'after' ? CLASSIFIED_CATEGORIES.filter((category) => hasNewMaterial(category, shown, lastChecked, undefined, facts)) : CLASSIFIED_CATEGORIES;
    for (const category of asked) {
      // Before: one overlap of 6 steps for every category; now: runAsyncCheckJob's per-category overlap.
      const fromStep = !incremental ? 0 : variant === 'before' ? Math.max(0, lastChecked + 1 - INCREMENTAL_OVERLAP_STEPS) : incrementalFromStep(category, lastChecked);
      const options = { tokenBudget: DEFAULT_LLM_SETTINGS.promptTokens, fromStep, facts };
      const rendered: RenderedTrajectory = variant === 'before' ? renderTrajectory(shown, options) : renderForQuestion(category, shown, options);
      const messages = classifierMessages(classifierFor(category), rendered, incremental ? (earlier.get(category) ?? []) : []);
      const prefix = String(messages[0].content);
      const prefixTokens = tokens(JSON.stringify(messages[0]));
      const total = tokens(JSON.stringify(messages));
      const known = prefixes.get(category);
      if (known === undefined) cost.cacheWrite += prefixTokens;
      else {
        cost.cacheRead += prefixTokens;
        if (known !== prefix) cost.prefixStable = false;
      }
      prefixes.set(category, prefix);
      cost.uncached += total - prefixTokens;
      cost.output += outputTokens;
      cost.calls++;
      // What the next check summarises: a negative verdict with a typical reasoning.
      const summary: EarlierVerdict = { upToStep: upTo, misbehaving: false, confidence: 0.8, evidenceSteps: [], reasoning: classifierFor(category).examples[0].answer.reasoning };
      earlier.set(category, [...(earlier.get(category) ?? []), summary].slice(-MAXIMUM_EARLIER_VERDICTS));
    }
    lastChecked = upTo;
  }
  return cost;
}

async function readSessions(paths: readonly string[]): Promise<Session[]> {
  const existing = paths.filter((path) => existsSync(path));
  if (existing.length === 0) return [];
  const sessions: Session[] = [];
  for (const file of await listInputFiles(existing)) {
    if (!file.endsWith('.jsonl')) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    const usage = recordedUsage(lines);
    if (usage.responses === 0) continue;
    const read = await readFileTrajectories(file).catch(() => undefined);
    const main = read?.trajectories[0];
    if (main && main.steps.length > 0) sessions.push({ steps: main.steps, usage });
  }
  return sessions;
}

async function generatedSession(iterations: number): Promise<Session> {
  const directory = mkdtempSync(join(tmpdir(), 'wink-llm-cost-'));
  try {
    const lines = longClaudeCodeSession({ iterations, seed: iterations });
    const file = join(directory, 'session.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const read = await readFileTrajectories(file);
    return { steps: read.trajectories[0].steps, usage: recordedUsage(lines) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function sessionSets(): Promise<SessionSet[]> {
  const sets: SessionSet[] = [
    { name: 'examples/ (Claude Code)', sessions: await readSessions([join(ROOT, 'examples')]) },
    { name: 'real-world fixtures (Claude Code)', sessions: await readSessions([join(ROOT, 'test', 'fixtures', 'real-world', 'claude-code')]) },
    { name: 'real users (Claude Code)', sessions: await readSessions([join(SHARED, 'real-users', 'claude')]) },
  ];
  for (const iterations of GENERATED_ITERATIONS) {
    const session = await generatedSession(iterations);
    sets.push({ name: `generated, ${session.steps.length} steps`, sessions: [session] });
  }
  return sets.filter((set) => set.sessions.length > 0);
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(2)}%`;
}

function perSession(value: number, sessions: number): number {
  return Math.round(value / sessions);
}

/** What each category's full check keeps of a generated long session, against the oldest-first rendering. */
function keptTable(session: Session): BenchmarkTable {
  const markers = Object.entries(LONG_SESSION_MARKERS);
  const kept = (text: string): string => `${markers.filter(([, marker]) => text.includes(marker)).length}/${markers.length}`;
  const missing = (text: string): string => markers.filter(([, marker]) => !text.includes(marker)).map(([name]) => name).join(', ') || '—';
  const options = { tokenBudget: DEFAULT_LLM_SETTINGS.promptTokens };
  const old = renderTrajectory(session.steps, options);
  const rows: (string | number)[][] = [['(before) every category', old.estimatedTokens, session.steps.length - old.omittedSteps.length, '—', old.omittedSteps.length, kept(old.text), missing(old.text)]];
  for (const category of CLASSIFIED_CATEGORIES) {
    const rendered = renderForQuestion(category, session.steps, options);
    const tiers = rendered.shownByTier;
    rows.push([category, rendered.estimatedTokens, rendered.shownSteps.length, `${tiers.instruction}/${tiers.evidence}/${tiers.supporting}/${tiers.context}/${tiers.other}`, rendered.omittedSteps.length, kept(rendered.text), missing(rendered.text)]);
  }
  return {
    title: `What a full check's prompt keeps of the generated ${session.steps.length}-step session (budget ${DEFAULT_LLM_SETTINGS.promptTokens} tokens)`,
    columns: ['question', 'tokens', 'steps shown', 'shown by tier (instr/evid/supp/ctx/other)', 'steps left out', 'markers kept', 'markers missing'],
    rows,
    notes: [
      'Markers: the request and its constraint, the CLAUDE.md rule, the second developer message, the failing test line and summary, the agent dismissing the failure, the unrequested package.json edit, the commit, the final claim and the end of the final summary.',
      'A category misses only markers that are not evidence for its question (a commit is not evidence of a tool failure).',
    ],
  };
}

function emptyCost(): CheckCost {
  return { checks: 0, calls: 0, cacheWrite: 0, cacheRead: 0, uncached: 0, output: 0, prefixStable: true };
}

function sent(cost: CheckCost): number {
  return cost.cacheWrite + cost.cacheRead + cost.uncached + cost.output;
}

export async function run(): Promise<BenchmarkTable[]> {
  const output = verdictTokens();
  const sets = await sessionSets();
  const detail: (string | number)[][] = [];
  const comparison: (string | number)[][] = [];
  let unstable = 0;
  for (const set of sets) {
    const count = set.sessions.length;
    const steps = set.sessions.reduce((sum, session) => sum + session.steps.length, 0);
    const agent = set.sessions.reduce((sum, session) => sum + agentTokens(session.usage), 0);
    const agentPriced = set.sessions.reduce((sum, { usage }) => sum + usage.inputTokens + PRICE_MULTIPLES.cacheWrite * usage.cacheCreationInputTokens + PRICE_MULTIPLES.cacheRead * usage.cacheReadInputTokens + PRICE_MULTIPLES.output * usage.outputTokens, 0);
    for (const interval of CHECK_INTERVALS) {
      const totals = { before: emptyCost(), 'per-question': emptyCost(), after: emptyCost() } satisfies Record<Variant, CheckCost>;
      for (const session of set.sessions) {
        for (const variant of VARIANTS) {
          const cost = sessionCost(session.steps, interval, variant, output);
          const total = totals[variant];
          total.checks += cost.checks;
          total.calls += cost.calls;
          total.cacheWrite += cost.cacheWrite;
          total.cacheRead += cost.cacheRead;
          total.uncached += cost.uncached;
          total.output += cost.output;
          if (!cost.prefixStable) unstable++;
        }
      }
      const after = totals.after;
      const priced = PRICE_MULTIPLES.cacheWrite * after.cacheWrite + PRICE_MULTIPLES.cacheRead * after.cacheRead + after.uncached + PRICE_MULTIPLES.output * after.output;
      detail.push([
        set.name,
        count,
        perSession(steps, count),
        interval,
        perSession(after.checks, count),
        perSession(after.calls, count),
        perSession(after.cacheRead, count),
        perSession(after.cacheWrite + after.uncached, count),
        perSession(after.output, count),
        perSession(agent, count),
        percent(sent(after), agent),
        percent(after.cacheWrite + after.uncached + after.output, agent),
        percent(priced, agentPriced),
      ]);
      const perCall = (cost: CheckCost): string | number => (cost.calls === 0 ? '—' : Math.round(sent(cost) / cost.calls));
      comparison.push([set.name, interval, perCall(totals.before), perCall(totals['per-question']), percent(sent(totals.before), agent), percent(sent(totals['per-question']), agent), percent(sent(after), agent)]);
    }
  }
  const longest = sets.filter((set) => set.name.startsWith('generated'))[0]?.sessions[0];
  return [
    ...(longest ? [keptTable(longest)] : []),
    {
      title: `LLM tier cost per session: tokens wink sends for its checks against the agent's own recorded tokens (target ≤ ${TARGET_RATIO * 100}%)`,
      columns: ['set', 'sessions', 'steps', 'k', 'checks', 'calls', 'cache reads', 'uncached in', 'output', 'agent tokens', 'ratio', 'ratio uncached', 'cost ratio'],
      rows: detail,
      notes: [
        'Per session (means). A check every k steps asks only the categories with material for their question (since the last check); the first check of a session renders it whole, later ones are incremental (new steps + an overlap of 6 steps for loops and 2 for the others, the instructions, the latest evidence, earlier verdicts).',
        `Tokens: JSON of the messages at ${CHARACTERS_PER_TOKEN} characters a token (the budget's admission estimate); output: ${output} tokens a call (mean few-shot answer). Cache reads: the category's system prefix after its first call in the session; uncached in: the rest, plus the prefix's first (cache-writing) call.`,
        "Agent tokens: message.usage of each response once (input + cache writes + cache reads + output). Ratio: all of wink's tokens over all of the agent's; ratio uncached: wink's tokens other than cache reads over all of the agent's.",
        `Cost ratio: both priced at Anthropic's multiples of the input price (cache write ${PRICE_MULTIPLES.cacheWrite}, cache read ${PRICE_MULTIPLES.cacheRead}, output ${PRICE_MULTIPLES.output}), as if wink used the agent's model; a smaller model divides wink's side further.`,
        `Prefix byte-stable across every check of every session: ${unstable === 0 ? 'yes' : `no (${unstable} session runs changed it)`}.`,
      ],
    },
    {
      title: 'LLM tier cost before and after: oldest-first rendering, per-question rendering, and per-question rendering asking only categories with new material',
      columns: ['set', 'k', 'tokens/call before', 'tokens/call per-question', 'ratio before', 'ratio per-question', 'ratio per-question + skip'],
      rows: comparison,
      notes: ['Same check points, prefix and earlier verdicts. Before: renderTrajectory, every category at every check, 6 steps of overlap. Per-question: the per-question rendering and overlaps (6 for loops, 2 for the others), every category. + skip: only the categories with material for their question (what runAsyncCheckJob does).'],
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) for (const table of await run()) process.stdout.write(`\n${renderTable(table)}\n`);
