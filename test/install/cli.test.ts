/** `wink install` / `wink uninstall` as a process: output, `--json`, exit codes. Runs the TypeScript entry through tsx. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPOSITORY = join(import.meta.dirname, '..', '..');
const ENTRY = join(REPOSITORY, 'src', 'cli', 'main.ts');
/** tsx by URL, so the command also starts from folders outside the repository. */
const TSX = import.meta.resolve('tsx');
const ROOT = mkdtempSync(join(tmpdir(), 'wink-install-cli-'));

afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

function wink(argumentsList: string[], home: string, cwd = REPOSITORY): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', TSX, ENTRY, ...argumentsList], { cwd, encoding: 'utf8', env: { ...process.env, HOME: home, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A project folder with wink as a dependency (this checkout linked in, as `npm link` or a workspace would). */
function projectWithWink(name: string): string {
  const project = join(ROOT, name);
  mkdirSync(join(project, 'node_modules'), { recursive: true });
  symlinkSync(REPOSITORY, join(project, 'node_modules', 'agent-wink'));
  return project;
}

describe('wink install (process)', () => {
  it('prints a summary, then one JSON document with --json; exit 0', () => {
    const project = projectWithWink('summary');
    const human = wink(['install', 'claude-code', '--project', project], ROOT);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain(`wink install claude-code (Claude Code, project scope): ${join(project, '.claude', 'settings.json')}`);
    expect(human.stdout).toContain('+ Stop: node "$CLAUDE_PROJECT_DIR/node_modules/agent-wink/dist/hook.cjs" claude-code');
    const again = wink(['install', 'claude-code', '--project', project, '--json'], ROOT);
    expect(again.status).toBe(0);
    const report = JSON.parse(again.stdout) as { changes: unknown[]; outcome: string; written: boolean };
    expect(report).toMatchObject({ changes: [], outcome: 'unchanged', written: false });
  });

  it('user scope follows HOME; uninstall --dry-run writes nothing', () => {
    const home = join(ROOT, 'home');
    mkdirSync(home);
    expect(wink(['install', 'gemini-cli', '--scope', 'user'], home).status).toBe(0);
    const file = join(home, '.gemini', 'settings.json');
    const before = readFileSync(file, 'utf8');
    const dry = wink(['uninstall', 'gemini-cli', '--scope', 'user', '--dry-run', '--json'], home);
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ action: 'uninstall', dryRun: true, written: false });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('malformed settings: exit 2, the file named on stderr, nothing on stdout, file untouched', () => {
    const project = projectWithWink('malformed');
    mkdirSync(join(project, '.codex'), { recursive: true });
    const file = join(project, '.codex', 'hooks.json');
    writeFileSync(file, '{"hooks": ');
    const result = wink(['install', 'codex', '--project', project, '--json'], ROOT);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${file}: is not valid JSON`);
    expect(readFileSync(file, 'utf8')).toBe('{"hooks": ');
  });

  it('from a subfolder of a repository, without --project: the settings go to the repository root', () => {
    const project = projectWithWink('monorepo');
    mkdirSync(join(project, '.git'));
    const subfolder = join(project, 'packages', 'api');
    mkdirSync(subfolder, { recursive: true });
    const result = wink(['install', 'gemini-cli', '--json'], ROOT, subfolder);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ file: join(project, '.gemini', 'settings.json'), written: true });
    expect(existsSync(join(subfolder, '.gemini'))).toBe(false);
  });

  it('project scope without wink as a dependency: exit 2 with the fix on stderr, nothing written', () => {
    const project = join(ROOT, 'no-dependency');
    mkdirSync(project);
    const result = wink(['install', 'codex', '--project', project], ROOT);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('npm install --save-dev agent-wink');
    expect(existsSync(join(project, '.codex'))).toBe(false);
  });

  it('unknown agent or scope: exit 2', () => {
    expect(wink(['install', 'cursor'], ROOT).status).toBe(2);
    expect(wink(['install', 'codex', '--scope', 'system'], ROOT).status).toBe(2);
  });
});
