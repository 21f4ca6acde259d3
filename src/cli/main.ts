#!/usr/bin/env node
/** The `wink` command line. Each command lives in its own file and registers itself here. */
import { Command, CommanderError } from 'commander';
import { registerAnalyze } from './analyze.js';
import { registerConvert } from './convert.js';
import { registerDemo } from './demo.js';
import { registerHook } from './hook.js';
import { registerInspect } from './inspect.js';
import { registerWatch } from './watch.js';
import { registerServe } from './serve.js';
import { registerDoctor } from './doctor.js';
import { registerInstall } from './install.js';
import { registerReport } from './report.js';
import { registerEval } from './eval.js';
import { registerEpisodes } from './episodes.js';
import { EXIT_USAGE, printError } from './output.js';
import { readPackageVersion } from './version.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('wink')
    .description('Detects coding-agent misbehaviors and injects course-correction guidance.')
    .version(readPackageVersion(), '-V, --version', 'print the version of wink')
    .showHelpAfterError()
    .exitOverride();
  registerInspect(program);
  registerDemo(program);
  registerConvert(program);
  registerAnalyze(program);
  registerWatch(program);
  registerServe(program);
  registerHook(program);
  registerInstall(program);
  registerDoctor(program);
  registerReport(program);
  registerEval(program);
  registerEpisodes(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    printError(error);
    process.exitCode = EXIT_USAGE;
  }
}

await main(process.argv);
