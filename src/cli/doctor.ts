/** `wink doctor [agent]`: whether wink's hooks will run and answer, one check a line; exit 1 when a check fails. */
import type { Command } from 'commander';
import { doctorLines, runDoctor } from '../integrations/doctor/index.js';
import { INSTALL_AGENTS, isInstallAgent } from '../integrations/install/index.js';
import { UsageError } from '../errors.js';
import { printJson } from './output.js';

interface DoctorCommandOptions {
  project?: string;
  json?: boolean;
}

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description("check that wink's hooks will run and answer: settings, hook command, a synthetic event, the store, Node.js; exit 1 when a check fails")
    .argument('[agent]', `${INSTALL_AGENTS.join(' | ')} (default: every agent wink is installed for)`)
    .option('--project <dir>', 'project folder (default: the repository root above the current directory)')
    .option('--json', 'print one JSON document: {ok, checks: [{status, agent?, place?, check, message}]}')
    .action(async (agent: string | undefined, options: DoctorCommandOptions) => {
      if (agent !== undefined && !isInstallAgent(agent)) throw new UsageError(`unknown agent "${agent}" (known: ${INSTALL_AGENTS.join(', ')})`);
      const report = await runDoctor({ agents: agent === undefined ? undefined : [agent], project: options.project });
      if (options.json) printJson(report);
      else process.stdout.write(doctorLines(report).join('\n') + '\n');
      if (!report.ok) process.exitCode = 1;
    });
}
