/** End-to-end tests of `inspect`, `analyze`, `report` and `episodes` on SpecStory histories: spawns the built CLI (`npm run build` first). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { fixture, repositoryPath } from '../support/shared-data.js';

const CLI = repositoryPath('dist/cli/main.js');
const histories = fixture('specstory');
const project = fixture('specstory/project-a');
const cursorHistory = fixture('specstory/project-a/.specstory/history/2025-10-14_22-20Z-corrigir-os-testes.md');
/** A Claude Code session with a finding: the CLI side of the mix. */
const cliSession = fixture('claude-code/timezone-fix.jsonl');

function wink(argumentsList: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...argumentsList], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, cwd: tmpdir() });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function json<T>(argumentsList: string[]): T {
  const result = wink([...argumentsList, '--json']);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as T;
}

interface EnvironmentRowJson {
  environment: string;
  basis: { sessions: number };
  withMisbehavior: { successes: number; trials: number };
}

interface ReportJson {
  environments: { rows: EnvironmentRowJson[]; sessionTest?: { degreesOfFreedom: number; pValue: number } };
  persistence: { repositories: number; pairs: number; basis: { sessions: number } };
  diagnostics: unknown[];
}

describe.skipIf(!existsSync(CLI))('SpecStory histories in the CLI', () => {
  it('inspect shows an IDE session with its turns, tool calls and the model', () => {
    const document = json<{ format: string; summary: Record<string, number>; diagnostics: unknown[]; trajectory: { session: Record<string, unknown> } }>(['inspect', cursorHistory]);
    expect(document).toMatchObject({ format: 'specstory', summary: { userMessages: 4, toolCalls: 8, toolResults: 4 }, diagnostics: [] });
    expect(document.trajectory.session).toMatchObject({ agent: 'cursor', environment: 'ide', repository: project, model: 'claude-4.5-sonnet-thinking' });
  });

  it('analyze reads every history of a project folder, with no diagnostics and no unread file', () => {
    const document = json<{ trajectories: { format: string }[]; diagnostics: unknown[]; errors: unknown[] }>(['analyze', histories]);
    expect(document.trajectories.map((trajectory) => trajectory.format)).toEqual(['specstory', 'specstory', 'specstory', 'specstory']);
    expect(document.diagnostics).toEqual([]);
    expect(document.errors).toEqual([]);
  });

  it('report splits IDE and CLI sessions with the chi-square, and pairs the adjacent sessions of the project', () => {
    const document = json<ReportJson>(['report', histories, cliSession]);
    const rows = Object.fromEntries(document.environments.rows.map((row) => [row.environment, row]));
    // Three Cursor / Copilot histories are IDE sessions; the CLI's Markdown of a Claude Code session and the Claude Code log are CLI sessions.
    expect(rows.ide).toMatchObject({ basis: { sessions: 3 }, withMisbehavior: { successes: 0, trials: 3 } });
    expect(rows.cli).toMatchObject({ basis: { sessions: 2 }, withMisbehavior: { trials: 2 } });
    expect(rows.cli.withMisbehavior.successes).toBeGreaterThan(0);
    expect(document.environments.sessionTest).toMatchObject({ degreesOfFreedom: 1, pValue: expect.any(Number) });
    // The four histories of one project, consecutive by start time: three pairs (the Claude Code log has no project folder here).
    expect(document.persistence).toMatchObject({ pairs: 3 });
    expect(document.diagnostics).toEqual([]);
  });

  it('episodes runs the pushback pre-filter on the histories without a model', () => {
    const document = json<{ model: null; totals: { sessions: number }; sessions: { source: string; pushbackSignals: number; status: string }[] }>(['episodes', histories]);
    expect(document.model).toBeNull();
    expect(document.totals.sessions).toBe(4);
    const signals = Object.fromEntries(document.sessions.map((session) => [session.source.slice(session.source.lastIndexOf('/') + 1), session.pushbackSignals]));
    // Cursor's Cancelled is the developer interrupting; "it still shows the old colour" is not in the pre-filter's wordings.
    expect(signals).toMatchObject({ '2025-10-14_22-20Z-corrigir-os-testes.md': 1, '2024-08-29_styling-the-title.md': 0 });
    expect(document.sessions.every((session) => session.status === 'skipped')).toBe(true);
  });
});
