/** `wink doctor`: checks that wink's hooks will run and answer for each agent. */
export { claudePluginDataFolder, doctorLines, MINIMUM_NODE_MAJOR, runDoctor, type CheckStatus, type DoctorCheck, type DoctorOptions, type DoctorReport } from './doctor.js';
export { MAXIMUM_COMMAND_CHARACTERS, resolveCommand, type ResolvedCommand } from './resolve-command.js';
export { hookRoundTrip, ROUND_TRIP_TIMEOUT_MILLISECONDS, type RoundTrip } from './round-trip.js';
export { HOOK_SURFACES, type HookSurface } from './surfaces.js';
