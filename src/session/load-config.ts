/** The project's configuration for a session, found as the hooks find it. */
import { loadConfig } from '../config/load.js';
import type { WinkConfig } from '../config/schema.js';

/**
 * Reads `wink.config.*` or `.wink/config.json` from `workingDirectory` (default: the current one) upwards; wink's
 * defaults when there is none. Throws a `ConfigError` naming the file and key when the file is invalid: call it
 * once at start-up, not in the agent's loop.
 */
export async function loadWinkConfig(workingDirectory?: string): Promise<WinkConfig> {
  return (await loadConfig({ workingDirectory })).config;
}
