/** Installing wink's hooks into the agents' settings files. */
export { AGENT_TARGETS, HOOK_TIMEOUT_MILLISECONDS, HOOK_TIMEOUT_SECONDS, INSTALL_AGENTS, INSTALL_SCOPES, isInstallAgent, isInstallScope, type AgentTarget, type InstallAgent, type InstallScope } from './agent-targets.js';
export { SettingsFileError } from './errors.js';
export { defaultHookEntry, hookCommand, isWinkHandler, PROJECT_ROOT_EXPRESSION, projectHookCommand, type HookCommandOptions } from './hook-command.js';
export { installHooks, uninstallHooks, type JsonObject, type SettingsChange } from './hook-entries.js';
export { install, installCommand, projectFolder, uninstall, type InstallOptions, type InstallReport } from './install.js';
export { findProjectRoot, installedPackage, NotPortableError, PACKAGE_HOOK_ENTRY, portableHookEntry } from './project-location.js';
export { summaryLines } from './summary.js';
