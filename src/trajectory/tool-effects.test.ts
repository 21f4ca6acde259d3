import { describe, expect, it } from 'vitest';
import { deriveToolEffects, type ToolAction } from './tool-effects.js';

describe('deriveToolEffects knows the tools of current Codex versions', () => {
  it.each<{ tool: string; input: unknown; action: ToolAction; filesRead?: string[]; filesEdited?: string[]; commands?: string[] }>([
    { tool: 'shell_command', input: { command: "sed -i 's/a/b/' setup.cfg", workdir: '/w' }, action: 'shell', filesEdited: ['setup.cfg'], commands: ["sed -i 's/a/b/' setup.cfg"] },
    { tool: 'exec_command', input: { cmd: 'git status', yield_time_ms: 1000 }, action: 'shell', commands: ['git status'] },
    { tool: 'shell', input: { command: ['bash', '-lc', 'cat README.md'] }, action: 'shell', filesRead: ['README.md'], commands: ['cat README.md'] },
    { tool: 'read_file', input: { file_path: 'src/a.ts', offset: 10, limit: 20 }, action: 'read', filesRead: ['src/a.ts'] },
    { tool: 'view_image', input: { path: 'docs/screen.png' }, action: 'read', filesRead: ['docs/screen.png'] },
    { tool: 'grep_files', input: { pattern: 'TODO', path: 'src' }, action: 'search' },
    { tool: 'list_dir', input: { dir_path: 'src', depth: 2 }, action: 'list' },
  ])('$tool', ({ tool, input, action, filesRead, filesEdited, commands }) => {
    const effects = deriveToolEffects(tool, input);
    expect(effects.action).toBe(action);
    if (filesRead) expect(effects.filesRead).toEqual(filesRead);
    if (filesEdited) expect(effects.filesEdited).toEqual(filesEdited);
    if (commands) expect(effects.commands).toEqual(commands);
  });
});
