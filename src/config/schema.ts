/**
 * The shape of a wink configuration and its validation, by hand (no schema library): every problem becomes
 * a {@link ConfigError} naming the file and the key.
 *
 * ```json
 * {
 *   "detectors": { "repeated-tool-call": { "threshold": 4 }, "some-detector": false, "unmentioned-change": "shadow" },
 *   "guidance": { "repeated": { "do": "Try a different approach", "dont": "Run the same command again" } },
 *   "observer": { }
 * }
 * ```
 */
import type { Detector } from '../detectors/define.js';
import type { DetectorSettings } from '../engine/engine.js';
import { ConfigError } from './config-error.js';

/** DO / DON'T wording that replaces the default guidance of one messageId. */
export interface GuidanceOverride {
  /** Replaces the one-line title naming the problem. */
  title?: string;
  do?: string;
  dont?: string;
}

/** A validated configuration. */
export interface WinkConfig {
  /** Options per detector id, or false to turn a detector off. */
  detectors: DetectorSettings;
  /** Guidance wording per messageId. */
  guidance: Record<string, GuidanceOverride>;
  /** Options of the asynchronous observer (validated by the observer itself). */
  observer: Record<string, unknown>;
  /** The LLM section: model, base URL, budgets (validated by `src/llm/settings.ts`). */
  llm?: Record<string, unknown>;
}

/** Keys allowed at the top level (`$schema` lets editors offer completion). */
const TOP_LEVEL_KEYS = ['detectors', 'guidance', 'observer', 'llm', '$schema'] as const;
/** The modes a detector can run in (`detectors.<id>.mode`, or the id set to `true`, `false` or `"shadow"`). */
const DETECTOR_MODES = ['on', 'shadow', 'off'] as const;
/** Keys allowed in one guidance entry. */
const GUIDANCE_KEYS = ['title', 'do', 'dont'] as const;

/** The configuration used when no file is found. */
export function emptyConfig(): WinkConfig {
  return { detectors: {}, guidance: {}, observer: {} };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Describes a value's type the way a person reads it (`array`, `null`, `string`, …). */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof RegExp) return 'regular expression';
  return typeof value;
}

function listOf(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.join(', ');
}

/**
 * Checks one option against the type of its default: same primitive type, arrays of the same element type,
 * plain objects for objects. Options whose default is undefined or null accept anything.
 */
function checkOptionType(file: string, key: string, value: unknown, defaultValue: unknown): void {
  if (defaultValue === undefined || defaultValue === null) return;
  const expected = typeName(defaultValue);
  const actual = typeName(value);
  if (expected !== actual) throw new ConfigError(file, key, `expected ${expected}, got ${actual}`);
  if (Array.isArray(defaultValue) && Array.isArray(value) && defaultValue.length > 0) {
    const elementType = typeName(defaultValue[0]);
    value.forEach((element, position) => {
      if (typeName(element) !== elementType) throw new ConfigError(file, `${key}[${position}]`, `expected ${elementType}, got ${typeName(element)}`);
    });
  }
  if (expected === 'number' && !Number.isFinite(value)) throw new ConfigError(file, key, 'expected a finite number');
}

function validateDetectors(file: string, value: unknown, detectors: readonly Detector<object>[]): DetectorSettings {
  if (!isPlainObject(value)) throw new ConfigError(file, 'detectors', `expected an object of detector ids, got ${typeName(value)}`);
  const known = new Map(detectors.map((detector) => [detector.id, detector]));
  const settings: DetectorSettings = {};
  for (const [id, setting] of Object.entries(value)) {
    const key = `detectors.${id}`;
    const detector = known.get(id);
    if (!detector) throw new ConfigError(file, key, `unknown detector id (known: ${listOf([...known.keys()])})`);
    if (setting === false || setting === true) {
      settings[id] = setting ? { mode: 'on' } : false;
      continue;
    }
    if (typeof setting === 'string') {
      if (!(DETECTOR_MODES as readonly string[]).includes(setting)) throw new ConfigError(file, key, `expected true, false, "shadow" or an options object, got "${setting}"`);
      settings[id] = setting === 'off' ? false : { mode: setting };
      continue;
    }
    if (!isPlainObject(setting)) throw new ConfigError(file, key, `expected true, false, "shadow" or an options object, got ${typeName(setting)}`);
    const defaults = detector.meta.defaultOptions as Record<string, unknown>;
    for (const [option, optionValue] of Object.entries(setting)) {
      if (option === 'mode') {
        if (!(DETECTOR_MODES as readonly unknown[]).includes(optionValue)) throw new ConfigError(file, `${key}.mode`, `expected one of ${listOf([...DETECTOR_MODES])}`);
        continue;
      }
      if (!(option in defaults)) throw new ConfigError(file, `${key}.${option}`, `unknown option (known: mode, ${listOf(Object.keys(defaults))})`);
      checkOptionType(file, `${key}.${option}`, optionValue, defaults[option]);
    }
    settings[id] = { ...setting };
  }
  return settings;
}

function validateGuidance(file: string, value: unknown, detectors: readonly Detector<object>[]): Record<string, GuidanceOverride> {
  if (!isPlainObject(value)) throw new ConfigError(file, 'guidance', `expected an object of messageIds, got ${typeName(value)}`);
  const messageIds = new Set(detectors.flatMap((detector) => Object.keys(detector.meta.messages)));
  const guidance: Record<string, GuidanceOverride> = {};
  for (const [messageId, entry] of Object.entries(value)) {
    const key = `guidance.${messageId}`;
    if (!messageIds.has(messageId)) throw new ConfigError(file, key, `unknown messageId (known: ${listOf([...messageIds].sort())})`);
    if (!isPlainObject(entry)) throw new ConfigError(file, key, `expected an object with "do" and/or "dont", got ${typeName(entry)}`);
    const override: GuidanceOverride = {};
    for (const [field, text] of Object.entries(entry)) {
      if (!(GUIDANCE_KEYS as readonly string[]).includes(field)) throw new ConfigError(file, `${key}.${field}`, `unknown key (known: ${GUIDANCE_KEYS.join(', ')})`);
      if (typeof text !== 'string') throw new ConfigError(file, `${key}.${field}`, `expected string, got ${typeName(text)}`);
      override[field as keyof GuidanceOverride] = text;
    }
    guidance[messageId] = override;
  }
  return guidance;
}

/**
 * Validates a parsed configuration against the detectors that exist. Throws a ConfigError naming the file
 * and the key on the first problem.
 */
export function validateConfig(value: unknown, file: string, detectors: readonly Detector<object>[]): WinkConfig {
  if (!isPlainObject(value)) throw new ConfigError(file, '', `expected a configuration object, got ${typeName(value)}`);
  for (const key of Object.keys(value)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) throw new ConfigError(file, key, `unknown key (known: detectors, guidance, observer, llm)`);
  }
  const config = emptyConfig();
  if (value.detectors !== undefined) config.detectors = validateDetectors(file, value.detectors, detectors);
  if (value.guidance !== undefined) config.guidance = validateGuidance(file, value.guidance, detectors);
  if (value.observer !== undefined) {
    if (!isPlainObject(value.observer)) throw new ConfigError(file, 'observer', `expected an object, got ${typeName(value.observer)}`);
    config.observer = { ...value.observer };
  }
  if (value.llm !== undefined) {
    if (!isPlainObject(value.llm)) throw new ConfigError(file, 'llm', `expected an object, got ${typeName(value.llm)}`);
    config.llm = { ...value.llm };
  }
  return config;
}
