/**
 * Finding and loading the configuration file: `wink.config.json`, `wink.config.js`, `wink.config.mjs`
 * (default export) or `.wink/config.json`, searched from the working directory upwards; the first found
 * wins. An explicit file (`--config <file>`) overrides the search.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allDetectors } from '../detectors/index.js';
import type { Detector } from '../detectors/define.js';
import { ConfigError } from './config-error.js';
import { importModule } from './import-module.js';
import { emptyConfig, validateConfig, type WinkConfig } from './schema.js';

/** File names looked for in each directory, in order of preference. */
export const CONFIG_FILE_NAMES = ['wink.config.json', 'wink.config.js', 'wink.config.mjs', join('.wink', 'config.json')] as const;

/** Options for {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Where the upward search starts (defaults to the process's working directory). */
  workingDirectory?: string;
  /** An explicit configuration file; the search is skipped. */
  configFile?: string;
  /** Detectors the configuration may name (defaults to all of wink's). */
  detectors?: readonly Detector<object>[];
}

/** A loaded configuration and the file it came from (undefined when none was found). */
export interface LoadedConfig {
  config: WinkConfig;
  file?: string;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first configuration file found from `startDirectory` upwards, or undefined. */
export function findConfigFile(startDirectory: string): string | undefined {
  let directory = resolve(startDirectory);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(directory, name);
      if (isFile(candidate)) return candidate;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** Reads a configuration file's raw value: JSON, or a JavaScript module's default export. */
async function readConfigValue(file: string): Promise<unknown> {
  if (/\.(?:m?js|cjs)$/.test(file)) {
    let module: { default?: unknown };
    try {
      module = (await importModule(pathToFileURL(file).href)) as { default?: unknown };
    } catch (error) {
      throw new ConfigError(file, '', `cannot load module (${(error as Error).message})`, { cause: error });
    }
    if (module.default === undefined) throw new ConfigError(file, '', 'the module has no default export');
    return module.default;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, '', `cannot read file (${(error as Error).message})`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(file, '', `invalid JSON (${(error as Error).message})`, { cause: error });
  }
}

/** Loads and validates a configuration file. */
export async function loadConfigFile(file: string, detectors: readonly Detector<object>[] = allDetectors): Promise<WinkConfig> {
  const absolute = resolve(file);
  if (!existsSync(absolute)) throw new ConfigError(file, '', 'no such file');
  return validateConfig(await readConfigValue(absolute), file, detectors);
}

/** Finds (or takes) the configuration file and loads it; the empty configuration when there is none. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const detectors = options.detectors ?? allDetectors;
  if (options.configFile) return { config: await loadConfigFile(options.configFile, detectors), file: options.configFile };
  const found = findConfigFile(options.workingDirectory ?? process.cwd());
  if (!found) return { config: emptyConfig() };
  return { config: await loadConfigFile(found, detectors), file: found };
}
