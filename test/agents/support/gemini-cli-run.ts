/**
 * Running the real Gemini CLI (`gemini -p`, headless) against the scripted local Gemini API server, with a private
 * HOME: folder trust switched on in the user settings and the project trusted in `~/.gemini/trustedFolders.json`
 * (`TRUST_FOLDER`, what the trust dialog writes), so project hooks load without a dialog; API-key authentication
 * with a dummy `GEMINI_API_KEY`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAgent, type AgentRun } from './run-agent.js';

/** How long a whole Gemini CLI run may take. */
export const GEMINI_RUN_TIMEOUT_MILLISECONDS = 180_000;
/** A model named explicitly, so Gemini CLI does not ask a router model which one to use. */
const MODEL = 'gemini-2.5-pro';

/** `~/.gemini/settings.json`: API-key auth, no telemetry, usage statistics or update checks, folder trust on. */
const USER_SETTINGS = {
  security: { auth: { selectedType: 'gemini-api-key' }, folderTrust: { enabled: true } },
  privacy: { usageStatisticsEnabled: false },
  telemetry: { enabled: false },
  general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
};

/** Variables not passed on: the user's own agent and wink settings, and the `npm run` environment of this suite. */
const WITHHELD_VARIABLES = /^(?:GEMINI_|GOOGLE_|WINK_|OTEL_|CLOUD_SHELL$|npm_|VITEST|NODE_OPTIONS$)/i;

/** Writes the user settings and trusts `project` under `home`. */
export function prepareGeminiHome(home: string, project: string): void {
  const geminiFolder = join(home, '.gemini');
  mkdirSync(geminiFolder, { recursive: true });
  writeFileSync(join(geminiFolder, 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  writeFileSync(join(geminiFolder, 'trustedFolders.json'), JSON.stringify({ [project]: 'TRUST_FOLDER' }, null, 2));
}

export function geminiEnvironment(home: string, serverUrl: string, winkHome: string): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !WITHHELD_VARIABLES.test(key)));
  return {
    ...inherited,
    HOME: home,
    WINK_HOME: winkHome,
    GEMINI_API_KEY: 'wink-test-dummy-key',
    GOOGLE_GEMINI_BASE_URL: serverUrl,
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    NO_COLOR: '1',
  };
}

/** Runs `gemini -p <prompt>` to the end; the fake server lives in this process, so the child must not block it. */
export function runGemini(script: string, cwd: string, environment: NodeJS.ProcessEnv, prompt: string): Promise<AgentRun> {
  const argumentsList = [script, '--model', MODEL, '--approval-mode', 'yolo', '--output-format', 'stream-json', '--prompt', prompt];
  return runAgent(process.execPath, argumentsList, cwd, environment, GEMINI_RUN_TIMEOUT_MILLISECONDS);
}
