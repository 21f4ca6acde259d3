/** wink's configuration: finding, loading and validating `wink.config.*` / `.wink/config.json`. */
export { ConfigError } from './config-error.js';
export { isPlainObject, mergeOptions } from './merge-options.js';
export { CONFIG_FILE_NAMES, findConfigFile, loadConfig, loadConfigFile, type LoadConfigOptions, type LoadedConfig } from './load.js';
export { emptyConfig, validateConfig, type GuidanceOverride, type WinkConfig } from './schema.js';
