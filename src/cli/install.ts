/** `wink install <agent>` and `wink uninstall <agent>`: add or remove wink's hooks in the agent's settings file. */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { INSTALL_AGENTS, INSTALL_SCOPES, install, isInstallAgent, isInstallScope, summaryLines, uninstall, type InstallOptions } from '../integrations/install/index.js';
import { printJson } from './output.js';

/** Options both commands take. */
interface InstallCommandOptions {
  scope: string;
  project?: string;
  dryRun?: boolean;
  json?: boolean;
}

function installOptions(agent: string, options: InstallCommandOptions): InstallOptions {
  if (!isInstallAgent(agent)) throw new UsageError(`unknown agent "${agent}" (known: ${INSTALL_AGENTS.join(', ')})`);
  if (!isInstallScope(options.scope)) throw new UsageError(`unknown scope "${options.scope}" (known: ${INSTALL_SCOPES.join(', ')})`);
  return { agent, scope: options.scope, project: options.project, dryRun: options.dryRun };
}

function register(program: Command, name: 'install' | 'uninstall', description: string, action: typeof install): void {
  program
    .command(name)
    .description(description)
    .argument('<agent>', INSTALL_AGENTS.join(' | '))
    .option('--scope <scope>', `settings file to edit (${INSTALL_SCOPES.join(' | ')})`, 'project')
    .option('--project <dir>', 'project folder for the project scope (default: the repository root above the current directory)')
    .option('--dry-run', 'show what would change, write nothing')
    .option('--json', 'print one JSON document describing the change')
    .action(async (agent: string, options: InstallCommandOptions) => {
      const report = await action(installOptions(agent, options));
      if (options.json) printJson(report);
      else process.stdout.write(summaryLines(report).join('\n') + '\n');
    });
}

export function registerInstall(program: Command): void {
  register(program, 'install', "add wink's hooks to an agent's settings (idempotent; other hooks and settings are kept)", install);
  register(program, 'uninstall', "remove wink's hooks, and only them, from an agent's settings", uninstall);
}
