/**
 * `wink serve`: the local dashboard over the store (`--store`, default `$WINK_HOME/wink.db`), or with
 * `--demo` over a temporary store filled from the bundled example sessions replayed through the observer,
 * one of them replayed slowly as a session in progress. Binds 127.0.0.1 unless told otherwise; any other
 * host needs a token (`--token` or WINK_TOKEN). The server itself lives in src/server/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { listTrajectoryFiles, readFileTrajectories } from '../formats/read.js';
import { DEFAULT_LIVE_STEP_INTERVAL_MS, recordReplay, startLiveReplay, type LiveReplay } from '../server/demo-store.js';
import { TOKEN_VARIABLE } from '../server/auth.js';
import { DEFAULT_HOST, DEFAULT_PORT, startDashboard } from '../server/server.js';
import { openStore } from '../store/open.js';
import { DEMO_RECOVERY_WINDOW, examplesDirectory, guidanceFormatFor, replayDirectory, replayOptionsFor } from './demo.js';

/** Suffix of the demo session that is replayed slowly, as if in progress. */
export const LIVE_SESSION_SUFFIX = '-live';

interface ServeOptions {
  store?: string;
  host: string;
  port: string;
  token?: string;
  demo?: boolean;
  examples?: string;
}

/** Fills a store from the example sessions; returns the slow replay of the first one. */
async function fillDemoStore(store: Awaited<ReturnType<typeof openStore>>, directory: string): Promise<LiveReplay | undefined> {
  const { options } = await replayOptionsFor(undefined, { recoveryWindow: DEMO_RECOVERY_WINDOW });
  for (const replay of await replayDirectory(directory, options)) await recordReplay(store, replay.result, replay.result.session.id, replay.diagnosticCount);
  const [first] = await listTrajectoryFiles(directory);
  const read = first ? await readFileTrajectories(first) : undefined;
  const trajectory = read?.trajectories[0];
  if (!read || !trajectory) return undefined;
  const liveOptions = { ...options, guidanceFormat: guidanceFormatFor(trajectory.session.agent) };
  return startLiveReplay(store, trajectory, liveOptions, `${trajectory.session.id}${LIVE_SESSION_SUFFIX}`, DEFAULT_LIVE_STEP_INTERVAL_MS, read.diagnostics.length);
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the local dashboard: overview charts, sessions, timelines with findings and guidance, live updates')
    .option('--store <file>', 'SQLite store to show (default: $WINK_HOME/wink.db)')
    .option('--host <host>', 'address to bind (anything but loopback needs --token)', DEFAULT_HOST)
    .option('--port <port>', 'port (0 picks a free one)', String(DEFAULT_PORT))
    .option('--token <token>', `token every request must carry (default: $${TOKEN_VARIABLE})`)
    .option('--demo', 'serve a temporary store filled from the bundled example sessions')
    .option('--examples <dir>', 'with --demo: folder of sessions to use instead of the bundled examples')
    .action(async (options: ServeOptions) => {
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port: expected 0 to 65535, got ${options.port}`);
      if (options.demo && options.store) throw new UsageError('--demo uses a temporary store: leave out --store');
      const token = options.token ?? process.env[TOKEN_VARIABLE];
      const temporary = options.demo ? mkdtempSync(join(tmpdir(), 'wink-serve-demo-')) : undefined;
      const store = await openStore({ file: temporary ? join(temporary, 'wink.db') : options.store });
      let live: LiveReplay | undefined;
      const cleanUp = async (): Promise<void> => {
        live?.stop();
        await store.close();
        if (temporary) rmSync(temporary, { recursive: true, force: true });
      };
      try {
        if (options.demo) live = await fillDemoStore(store, options.examples ?? examplesDirectory());
        const server = await startDashboard({ store, host: options.host, port, token });
        process.stdout.write(`wink serve: dashboard at ${server.url}/${options.demo ? ' (demo data)' : ''}\n`);
        const stop = async (): Promise<void> => {
          await server.close();
          await cleanUp();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      } catch (error) {
        await cleanUp();
        throw error;
      }
    });
}
