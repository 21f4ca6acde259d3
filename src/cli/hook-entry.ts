#!/usr/bin/env node
/**
 * The hook's own small entry (`wink-hook <agent>`; also bundled into `dist/hook-bundle.cjs`, which the loader
 * `dist/hook.cjs` runs with a V8 code cache, see `hook-loader.ts`): it loads only what a hook needs — no
 * command-line framework, no other commands — because agents start it on every tool call.
 * Also runs `worker --job <id> [--checker <module>]` for asynchronous checks.
 *   wink-hook claude-code | codex | gemini-cli      (the same as `wink hook <agent>`)
 *   wink-hook worker --job <id> [--checker <module>]
 */
import { fileURLToPath } from 'node:url';
import { logHookError } from '../integrations/hook-log.js';
import { runHookProcess, runWorkerProcess } from '../integrations/hook-process.js';
import { loadIntegration } from '../integrations/registry.js';

/** Value following a flag in argv, or undefined. */
function flagValue(parameters: string[], flag: string): string | undefined {
  const position = parameters.indexOf(flag);
  return position === -1 ? undefined : parameters[position + 1];
}

/**
 * Runs the hook or worker named in `parameters` (argv after the script); `entryScript` starts workers.
 * Resolves with the hook event's name when stdin named one (the loader's code cache records it).
 */
export async function runHookEntry(parameters: string[], entryScript: string): Promise<string | undefined> {
  const [first, second] = parameters;
  const command = first === 'hook' ? second : first;
  if (command === 'worker' || (first === 'worker')) {
    const jobId = flagValue(parameters, '--job');
    if (jobId) await runWorkerProcess(jobId, flagValue(parameters, '--checker'));
    process.exitCode = 0;
    return undefined;
  }
  const integration = command ? await loadIntegration(command) : undefined;
  if (!integration) {
    logHookError('hook', new Error(`unknown agent "${command ?? ''}" (known: claude-code, codex, gemini-cli)`));
    process.exitCode = 0;
    return undefined;
  }
  return runHookProcess(integration, entryScript);
}

// Runs when started as a script (`node dist/cli/hook-entry.js …`); in the bundle, the loader (`hook-loader.ts`) calls runHookEntry.
const started = process.argv[1];
if (started && (started === fileURLToPath(import.meta.url) || started.endsWith('hook-entry.js'))) {
  void runHookEntry(process.argv.slice(2), started);
}
