/**
 * Pure edits of a parsed settings document: add wink's hook handlers, update them, or remove them, never touching
 * any other hook or setting. Every hooks file of the three agents nests the same way:
 * `{"hooks": {"<Event>": [{"matcher"?: "…", "hooks": [{"type": "command", "command": "…", …}]}]}}`.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AgentTarget } from './agent-targets.js';
import { SettingsShapeError } from './errors.js';
import { isWinkHandler } from './hook-command.js';

/** A JSON object as parsed from a settings file. */
export type JsonObject = Record<string, unknown>;

/** One change made to a settings document, as `wink install` reports it. */
export interface SettingsChange {
  /** `add`: new wink handler; `update`: wink handler replaced; `remove`: wink handler removed; `set`: a setting wink needs. */
  action: 'add' | 'update' | 'remove' | 'set';
  /** Hook event (for handler changes) or dotted setting path (for `set`). */
  target: string;
  /** Matcher of wink's group, when it has one. */
  matcher?: string;
  /** The handler's command (handler changes) . */
  command?: string;
  /** The new value (`set`). */
  value?: unknown;
}

/** Key of the hooks table in every settings file. */
const HOOKS_KEY = 'hooks';

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The hooks table of a document, checked: an object of arrays of groups, each with a `hooks` array. */
export function hooksTable(document: JsonObject): JsonObject | undefined {
  const table = document[HOOKS_KEY];
  if (table === undefined) return undefined;
  if (!isJsonObject(table)) throw new SettingsShapeError(`"${HOOKS_KEY}" must be an object of events`);
  for (const [event, groups] of Object.entries(table)) {
    if (!Array.isArray(groups)) throw new SettingsShapeError(`"${HOOKS_KEY}.${event}" must be an array of matcher groups`);
    groups.forEach((group, index) => {
      if (!isJsonObject(group) || !Array.isArray(group.hooks)) throw new SettingsShapeError(`"${HOOKS_KEY}.${event}[${index}]" must be an object with a "hooks" array`);
    });
  }
  return table;
}

/** One handler of a hooks table, with its event and its group's matcher. */
export interface HookHandlerEntry {
  event: string;
  matcher?: string;
  handler: unknown;
}

/** Every handler of a document's hooks table, in file order (the table's shape checked, see {@link hooksTable}). */
export function hookHandlers(document: JsonObject): HookHandlerEntry[] {
  return Object.entries(hooksTable(document) ?? {}).flatMap(([event, groups]) =>
    (groups as JsonObject[]).flatMap((group) => (group.hooks as unknown[]).map((handler) => ({ event, matcher: typeof group.matcher === 'string' ? group.matcher : undefined, handler }))),
  );
}

/** Removes wink's handlers from one event's groups; groups emptied by the removal go too. Returns the commands removed. */
function removeWinkHandlers(groups: JsonObject[]): { kept: JsonObject[]; removed: { matcher?: string; command: string; handler: unknown }[] } {
  const kept: JsonObject[] = [];
  const removed: { matcher?: string; command: string; handler: unknown }[] = [];
  for (const group of groups) {
    const handlers = group.hooks as unknown[];
    const others = handlers.filter((handler) => !isWinkHandler(handler));
    if (others.length === handlers.length) {
      kept.push(group);
      continue;
    }
    for (const handler of handlers) {
      if (isWinkHandler(handler)) removed.push({ matcher: typeof group.matcher === 'string' ? group.matcher : undefined, command: (handler as { command: string }).command, handler });
    }
    if (others.length > 0) kept.push({ ...group, hooks: others });
  }
  return { kept, removed };
}

/** wink's handler for a target. */
export function winkHandler(target: AgentTarget, command: string): JsonObject {
  return { ...target.handlerPrefix, type: 'command', command, timeout: target.timeout };
}

function winkGroup(matcher: string | undefined, handler: JsonObject): JsonObject {
  return matcher === undefined ? { hooks: [handler] } : { matcher, hooks: [handler] };
}

/** Reads a dotted path (`hooksConfig.enabled`) from a document. */
function readPath(document: JsonObject, path: string): unknown {
  let value: unknown = document;
  for (const key of path.split('.')) value = isJsonObject(value) ? value[key] : undefined;
  return value;
}

/** Writes a dotted path, creating intermediate objects; refuses to overwrite a non-object on the way. */
function writePath(document: JsonObject, path: string, value: unknown): void {
  const keys = path.split('.');
  let parent = document;
  for (const key of keys.slice(0, -1)) {
    const next = parent[key];
    if (next === undefined) parent = parent[key] = {};
    else if (isJsonObject(next)) parent = next;
    else throw new SettingsShapeError(`"${key}" must be an object to set "${path}"`);
  }
  parent[keys[keys.length - 1]] = value;
}

/**
 * Adds or refreshes wink's handlers for every event of the target; removes wink handlers left on events it no
 * longer uses; sets the settings the agent needs for hooks to run. Returns the new document and the changes
 * (none when wink is already installed with the same command).
 */
export function installHooks(document: JsonObject, target: AgentTarget, command: string): { document: JsonObject; changes: SettingsChange[] } {
  const result: JsonObject = structuredClone(document);
  const changes: SettingsChange[] = [];
  for (const [path, value] of Object.entries(target.requiredSettings)) {
    if (isDeepStrictEqual(readPath(result, path), value)) continue;
    writePath(result, path, value);
    changes.push({ action: 'set', target: path, value });
  }
  const existing = hooksTable(result);
  const table: JsonObject = existing ?? {};
  const wanted = new Map(target.events.map((spec) => [spec.event, spec]));
  for (const [event, groups] of Object.entries(table)) {
    if (wanted.has(event)) continue;
    const { kept, removed } = removeWinkHandlers(groups as JsonObject[]);
    if (removed.length === 0) continue;
    for (const entry of removed) changes.push({ action: 'remove', target: event, matcher: entry.matcher, command: entry.command });
    if (kept.length > 0) table[event] = kept;
    else delete table[event];
  }
  const handler = winkHandler(target, command);
  for (const spec of target.events) {
    const groups = (table[spec.event] as JsonObject[] | undefined) ?? [];
    const { kept, removed } = removeWinkHandlers(groups);
    const upToDate = removed.length === 1 && removed[0].matcher === spec.matcher && isDeepStrictEqual(removed[0].handler, handler);
    if (upToDate) continue;
    table[spec.event] = [...kept, winkGroup(spec.matcher, handler)];
    changes.push({ action: removed.length === 0 ? 'add' : 'update', target: spec.event, matcher: spec.matcher, command });
  }
  if (changes.length > 0 && existing === undefined) result[HOOKS_KEY] = table;
  return { document: changes.length > 0 ? result : document, changes };
}

/**
 * Removes every wink handler, and the groups and events its removal leaves empty (the `hooks` table too when it
 * ends up empty). Settings set on install (`requiredSettings`) stay: other hooks may rely on them.
 */
export function uninstallHooks(document: JsonObject): { document: JsonObject; changes: SettingsChange[] } {
  const result: JsonObject = structuredClone(document);
  const table = hooksTable(result);
  const changes: SettingsChange[] = [];
  if (table === undefined) return { document, changes };
  for (const [event, groups] of Object.entries(table)) {
    const { kept, removed } = removeWinkHandlers(groups as JsonObject[]);
    if (removed.length === 0) continue;
    for (const entry of removed) changes.push({ action: 'remove', target: event, matcher: entry.matcher, command: entry.command });
    if (kept.length > 0) table[event] = kept;
    else delete table[event];
  }
  if (changes.length === 0) return { document, changes };
  if (Object.keys(table).length === 0) delete result[HOOKS_KEY];
  return { document: result, changes };
}
