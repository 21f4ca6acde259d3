/** Timing whole processes for the hook benchmarks: spawn, write stdin, wait for the exit; percentiles. */
import { spawn } from 'node:child_process';

/** Runs `node <parameters>` with `stdin`; resolves with its wall time in milliseconds. */
export function timeProcess(parameters: string[], stdin: string, environment: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, parameters, { env: environment, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('close', () => resolvePromise(Number(process.hrtime.bigint() - started) / 1e6));
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}

/** Runs `sh -c <command>` in `cwd` with `stdin`, as the agents run hook commands; resolves with its wall time in milliseconds. */
export function timeShellCommand(command: string, stdin: string, environment: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('sh', ['-c', command], { cwd, env: environment, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('close', () => resolvePromise(Number(process.hrtime.bigint() - started) / 1e6));
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}

/** Bare `node -e 0`: the floor every hook round trip is compared with. */
export function timeBareNode(): Promise<number> {
  return timeProcess(['-e', '0'], '', process.env);
}

export function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

export interface Timing {
  p50: number;
  p95: number;
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((left, right) => left - right);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}
