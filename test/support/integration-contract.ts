/**
 * The contract every in-process integration passes (`agent-wink/session`, `/ai-sdk`, `/claude-agent-sdk`): one
 * scripted agent run, driven through the integration's own machinery by a driver, checked the same way for all.
 *
 * The scenario: the task forbids pushing; the scripted model runs `npm run build` three times (it fails the same
 * way each time), then tries `git push`, then answers. Checked:
 * - guidance is delivered, after the third identical failure, and each reminder reaches the model once;
 * - a refused call never runs, the model is told why, and no reminder speaks of it as if it had run;
 * - errors never reach the caller (a tool input that cannot be serialized, a store that throws, an error handler
 *   that throws): the run completes with every allowed call run;
 * - in `shadow` mode nothing is injected and nothing is refused.
 */
import { describe, expect, it } from 'vitest';
import type { WinkConfig } from '../../src/config/schema.js';
import type { WinkStore } from '../../src/store/types.js';

/** The developer's task. */
export const CONTRACT_TASK = 'Make `npm run build` pass. Do not run git push.';
/** The tool the scripted model calls (input `{ command }`). */
export const CONTRACT_TOOL = 'run_command';
/** The failing command, repeated. */
export const FAILING_COMMAND = 'npm run build';
/** What the failing command prints each time. */
export const FAILING_OUTPUT = "Error: Cannot find module 'typescript'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)";
/** The forbidden command. */
export const FORBIDDEN_COMMAND = 'git push origin main';
/** Times the failing command is run. */
export const REPEATS = 3;
/** The scripted model's commands, in order; after them it answers {@link FINAL_ANSWER}. */
export const CONTRACT_COMMANDS: readonly string[] = [...Array.from({ length: REPEATS }, () => FAILING_COMMAND), FORBIDDEN_COMMAND];
export const FINAL_ANSWER = 'I could not make the build pass: the typescript module is missing.';
/** Marks wink's guidance in what the model saw. */
export const GUIDANCE_MARK = 'wink (course correction)';

/** What the tool prints for a command (the failing build fails; anything else succeeds). */
export function contractToolOutput(command: string): { output: string; isError: boolean } {
  return command === FAILING_COMMAND ? { output: FAILING_OUTPUT, isError: true } : { output: `ran: ${command}`, isError: false };
}

/** How a driver is asked to run. */
export interface ContractRunOptions {
  config?: Partial<WinkConfig>;
  /**
   * Make wink's side fail: the tool input of the first call cannot be serialized (it holds a cycle), the store
   * throws on every write, and the error handler throws too.
   */
  sabotage?: boolean;
}

/** A store whose every write fails. */
const BROKEN_STORE = {
  withSession: () => Promise.reject(new Error('disk full')),
  close: () => Promise.resolve(),
} as unknown as WinkStore;

/**
 * The session options a driver passes for a run: its configuration, and under sabotage a store whose every write
 * fails and an error handler that throws too (the cyclic tool input is the driver's to make, through its SDK).
 */
export function contractSessionOptions(options: ContractRunOptions): { config?: Partial<WinkConfig>; store?: WinkStore; onError: () => void } {
  return {
    config: options.config,
    store: options.sabotage ? BROKEN_STORE : undefined,
    onError: options.sabotage
      ? () => {
          throw new Error('the error handler fails too');
        }
      : () => undefined,
  };
}

/** What a driver saw. */
export interface ContractRun {
  /** One entry per model request, in order: wink texts that reached the model for the first time in this request. */
  injectedPerRequest: string[][];
  /** Every text the model was given in each request (prompt, results, reminders), joined. */
  requestTexts: string[];
  /** Commands the tool really ran, in order. */
  executed: string[];
  /** Errors that reached the caller (the agent's code); must stay empty. */
  callerErrors: unknown[];
  /** The final answer the run ended with. */
  finalText: string;
}

export interface IntegrationDriver {
  run(options: ContractRunOptions): Promise<ContractRun>;
}

/** Registers the contract suite for one integration. */
export function runIntegrationContract(name: string, driver: IntegrationDriver, timeout = 30_000): void {
  describe(`integration contract: ${name}`, () => {
    it('delivers guidance after the third identical failure, each reminder once', async () => {
      const run = await driver.run({});
      expect(run.callerErrors).toEqual([]);
      const firstGuided = run.injectedPerRequest.findIndex((texts) => texts.some((text) => text.includes(GUIDANCE_MARK)));
      // Request 0 proposes the first build; requests 1-3 follow its 1st-3rd failures: the reminder comes with request 3.
      expect(firstGuided).toBe(3);
      const guided = run.injectedPerRequest[firstGuided].join('\n');
      expect(guided).toContain(FAILING_COMMAND);
      const all = run.injectedPerRequest.flat().filter((text) => text.includes(GUIDANCE_MARK));
      expect(new Set(all).size).toBe(all.length);
      // Ephemeral injections must not come back in later requests on their own.
      const deliveries = run.requestTexts.filter((text) => text.includes(guided)).length;
      expect(deliveries).toBeLessThanOrEqual(run.requestTexts.length - firstGuided);
      expect(run.injectedPerRequest.filter((texts) => texts.some((text) => text === guided)).length).toBe(1);
    }, timeout);

    it('never runs a refused call, and tells the model why', async () => {
      const run = await driver.run({});
      expect(run.executed).toEqual(Array.from({ length: REPEATS }, () => FAILING_COMMAND));
      expect(run.executed).not.toContain(FORBIDDEN_COMMAND);
      const last = run.requestTexts[run.requestTexts.length - 1];
      expect(last).toContain('wink refused this call before it ran');
      // The refusal is the call's answer; no reminder may then speak of the call as if it had run.
      expect(run.injectedPerRequest.flat().filter((text) => text.includes(FORBIDDEN_COMMAND))).toEqual([]);
      expect(run.finalText).toBe(FINAL_ANSWER);
    }, timeout);

    it('keeps every error from the caller: the run completes and every allowed call runs', async () => {
      const run = await driver.run({ sabotage: true });
      expect(run.callerErrors).toEqual([]);
      expect(run.executed.slice(0, REPEATS)).toEqual(Array.from({ length: REPEATS }, () => FAILING_COMMAND));
      expect(run.finalText).toBe(FINAL_ANSWER);
    }, timeout);

    it('injects and refuses nothing in shadow mode', async () => {
      const run = await driver.run({ config: { observer: { mode: 'shadow' } } });
      expect(run.callerErrors).toEqual([]);
      expect(run.injectedPerRequest.flat()).toEqual([]);
      expect(run.requestTexts.join('\n')).not.toContain(GUIDANCE_MARK);
      expect(run.executed).toEqual([...CONTRACT_COMMANDS]);
    }, timeout);
  });
}
