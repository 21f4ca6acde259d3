/**
 * `wink hook <agent>` and `wink worker --job <id>`: thin registrations; the work is in
 * src/integrations/ (loaded only when the command runs). Hooks always exit 0 and print only hook JSON.
 */
import type { Command } from 'commander';

export function registerHook(program: Command): void {
  program
    .command('hook')
    .description('Run as an agent hook: read the hook payload on stdin, answer with hook JSON (always exit 0)')
    .argument('<agent>', 'claude-code, codex or gemini-cli')
    .action(async (agent: string) => {
      const { runHookEntry } = await import('./hook-entry.js');
      await runHookEntry(['hook', agent], process.argv[1]);
    });
  program
    // Internal: started by a hook in the background, never by a person, so not listed in `wink --help`.
    .command('worker', { hidden: true })
    .description('Run one asynchronous check job (started by a hook in the background)')
    .requiredOption('--job <id>', 'job id')
    .option('--checker <module>', 'checker module (default export: async (job) => result)')
    .action(async (options: { job: string; checker?: string }) => {
      const { runHookEntry } = await import('./hook-entry.js');
      await runHookEntry(['worker', '--job', options.job, ...(options.checker ? ['--checker', options.checker] : [])], process.argv[1]);
    });
}
