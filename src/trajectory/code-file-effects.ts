/**
 * Files a code cell changes: the Python an agent runs as its action (OpenHands' IPython cells, smolagents'
 * `python_interpreter`, a `python` tool). The Python itself (`open(f, 'w')`, `Path(f).write_text(…)`,
 * `os.remove(f)`: see {@link pythonFileEffects}), the shell it runs — IPython's `!sed -i …` lines and `%%bash`
 * cells, and a command given as one string literal to `os.system(…)` or `subprocess.run(…, shell=True)` — each
 * resolved like any shell line. A command built at run time is left out.
 */
import { addUnique } from './effect-lists.js';
import { pythonFileEffects } from './python-file-effects.js';
import { shellCommandEffects, type ShellCommandEffects } from './shell-effects.js';

/** Most characters of a cell read (the head: a cell longer than this is a pasted file, not an action). */
export const MAXIMUM_CELL_CHARACTERS = 20_000;
/** An IPython shell escape: a line starting with `!` (not `!=`). */
const SHELL_ESCAPE = /^[ \t]*!(?!=)(.+)$/gm;
/** A cell magic that runs the rest of the cell in a shell. */
const SHELL_CELL = /^[ \t]*%%(?:bash|sh|script (?:bash|sh))[ \t]*\n/;
/** `os.system('…')`, `subprocess.run("…"` and the like, with the command as one string literal. */
const SYSTEM_CALL = /\b(?:os\.system|os\.popen|subprocess\.(?:run|call|check_call|check_output|Popen))\(\s*(?:"([^"\n]{1,2000})"|'([^'\n]{1,2000})')/g;

/** Files a code cell writes, edits or deletes, and the shell lines it runs. */
export interface CodeFileEffects extends Pick<ShellCommandEffects, 'filesWritten' | 'filesEdited' | 'filesDeleted'> {
  /** Shell command lines the cell runs (escapes, a shell cell, `os.system` literals). */
  shellLines: string[];
}

function addAll(target: string[], items: readonly string[]): void {
  for (const item of items) addUnique(target, item);
}

/** Effects of a code cell ({@link MAXIMUM_CELL_CHARACTERS} at most are read). */
export function codeFileEffects(code: string): CodeFileEffects {
  const text = code.length > MAXIMUM_CELL_CHARACTERS ? code.slice(0, MAXIMUM_CELL_CHARACTERS) : code;
  const effects: CodeFileEffects = { filesWritten: [], filesEdited: [], filesDeleted: [], shellLines: [] };
  const shellCell = SHELL_CELL.exec(text);
  if (shellCell) {
    effects.shellLines.push(text.slice(shellCell[0].length));
  } else {
    const python = pythonFileEffects(text);
    addAll(effects.filesWritten, python.filesWritten);
    addAll(effects.filesEdited, python.filesEdited);
    addAll(effects.filesDeleted, python.filesDeleted);
    for (const match of text.matchAll(SHELL_ESCAPE)) effects.shellLines.push(match[1]);
    for (const match of text.matchAll(SYSTEM_CALL)) effects.shellLines.push(match[1] ?? match[2]);
  }
  for (const line of effects.shellLines) {
    const shell = shellCommandEffects(line);
    addAll(effects.filesWritten, shell.filesWritten);
    addAll(effects.filesEdited, [...shell.filesEdited, ...shell.filesRestored, ...shell.filesModeChanged]);
    addAll(effects.filesDeleted, shell.filesDeleted);
  }
  return effects;
}
