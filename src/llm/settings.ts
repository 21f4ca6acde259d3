/**
 * LLM settings: which model (`<provider>:<model-id>`), where (base URL), with which key, and the limits of a
 * check (timeout, retries, output tokens, prompt budget, token and cost budgets). Resolved in this order,
 * later wins: defaults, the configuration file's `llm` section, environment variables, command-line options.
 *
 * ```json
 * { "llm": { "model": "anthropic:claude-sonnet-4-5", "baseUrl": "https://gateway.example/v1",
 *            "timeoutMs": 60000, "maxRetries": 3, "promptTokens": 12000,
 *            "budget": { "sessionTokens": 200000, "runTokens": 2000000, "runCostUsd": 5 },
 *            "prices": { "inputPerMillionUsd": 3, "outputPerMillionUsd": 15, "cachedInputPerMillionUsd": 0.3 } } }
 * ```
 */
import { mergeOptions } from '../config/merge-options.js';
import { LlmSettingsError, ModelSpecError } from './errors.js';

/** Providers wink can talk to. */
export const PROVIDER_IDS = ['anthropic', 'openai', 'openai-compatible'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** Environment variable holding each provider's API key (optional for openai-compatible). */
export const API_KEY_VARIABLES: Record<ProviderId, string> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
  'openai-compatible': 'WINK_LLM_API_KEY',
};

/** Environment variable overriding the base URL of any provider. */
export const BASE_URL_VARIABLE = 'WINK_LLM_BASE_URL';
/** Environment variable naming the model (`<provider>:<model-id>`), between the configuration and `--model`. */
export const MODEL_VARIABLE = 'WINK_LLM_MODEL';

/** Token and cost limits; an absent limit is no limit. */
export interface LlmBudgetLimits {
  /** Tokens (input + output) one session may spend on checks. */
  sessionTokens?: number;
  /** Tokens one run (one `wink analyze`, one worker process) may spend. */
  runTokens?: number;
  /** US dollars one session may spend (needs `prices`). */
  sessionCostUsd?: number;
  /** US dollars one run may spend (needs `prices`). */
  runCostUsd?: number;
}

/** Prices used to turn tokens into dollars. */
export interface LlmPrices {
  inputPerMillionUsd: number;
  outputPerMillionUsd: number;
  /** Price of cache reads; defaults to the input price. */
  cachedInputPerMillionUsd?: number;
}

/** Everything a model call needs. */
export interface LlmSettings {
  provider: ProviderId;
  modelId: string;
  /** Base URL of the API (the provider's default when absent). */
  baseUrl?: string;
  /** API key (from the environment when absent). */
  apiKey?: string;
  /** One HTTP attempt is aborted after this many milliseconds. */
  timeoutMs: number;
  /** Retries on 429, 5xx and network errors (so at most `maxRetries + 1` attempts). */
  maxRetries: number;
  /** First backoff delay; doubled at each retry, with jitter, unless the server says `retry-after`. */
  retryBaseDelayMs: number;
  /** Longest wait between two attempts, `retry-after` included. */
  retryMaxDelayMs: number;
  /** Most tokens the model may write per answer. */
  maxOutputTokens: number;
  /** Tokens the rendered trajectory may take in a prompt (estimated at 4 characters a token). */
  promptTokens: number;
  /** Token and cost limits. */
  budget: LlmBudgetLimits;
  /** Prices, for cost accounting and cost budgets. */
  prices?: LlmPrices;
  /** openai-compatible only: the server accepts `response_format: json_schema` (default true; false sends `json_object`). */
  structuredOutputs: boolean;
}

/** Defaults of everything but the model. */
export const DEFAULT_LLM_SETTINGS: Omit<LlmSettings, 'provider' | 'modelId'> = {
  timeoutMs: 60_000,
  maxRetries: 3,
  retryBaseDelayMs: 1_000,
  retryMaxDelayMs: 30_000,
  maxOutputTokens: 1_024,
  promptTokens: 12_000,
  budget: {},
  structuredOutputs: true,
};

/** A parsed `--model` value. */
export interface ModelSpecification {
  provider: ProviderId;
  modelId: string;
}

/** Parses `<provider>:<model-id>`; the model id may itself contain colons (`openai-compatible:llama3.1:8b`). */
export function parseModelSpecification(value: string): ModelSpecification {
  const separator = value.indexOf(':');
  if (separator <= 0) throw new ModelSpecError(value, `expected <provider>:<model-id> with provider one of ${PROVIDER_IDS.join(', ')}`);
  const provider = value.slice(0, separator);
  const modelId = value.slice(separator + 1).trim();
  if (!(PROVIDER_IDS as readonly string[]).includes(provider)) throw new ModelSpecError(value, `unknown provider "${provider}" (known: ${PROVIDER_IDS.join(', ')})`);
  if (modelId.length === 0) throw new ModelSpecError(value, 'the model id is empty');
  return { provider: provider as ProviderId, modelId };
}

/** Where settings come from, in increasing priority after the configuration. */
export interface LlmSettingsSources {
  /** The configuration file's `llm` section (unvalidated). */
  config?: Record<string, unknown>;
  /** The process environment (defaults to `process.env`). */
  environment?: Record<string, string | undefined>;
  /** `--model`. */
  model?: string;
  /** `--llm-base-url`. */
  baseUrl?: string;
  /** Anything else set in code (tests, library users). */
  overrides?: Partial<LlmSettings>;
}

/** Keys allowed in the configuration's `llm` section. */
const CONFIG_KEYS = ['model', 'baseUrl', 'timeoutMs', 'maxRetries', 'retryBaseDelayMs', 'retryMaxDelayMs', 'maxOutputTokens', 'promptTokens', 'budget', 'prices', 'structuredOutputs', 'checkInterval'] as const;
const NUMBER_KEYS = ['timeoutMs', 'maxRetries', 'retryBaseDelayMs', 'retryMaxDelayMs', 'maxOutputTokens', 'promptTokens'] as const;
const BUDGET_KEYS = ['sessionTokens', 'runTokens', 'sessionCostUsd', 'runCostUsd'] as const;
const PRICE_KEYS = ['inputPerMillionUsd', 'outputPerMillionUsd', 'cachedInputPerMillionUsd'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function nonNegativeNumber(key: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new LlmSettingsError(key, `expected a number ≥ 0, got ${JSON.stringify(value)}`);
  return value;
}

function numberRecord<Key extends string>(key: string, value: unknown, keys: readonly Key[]): Partial<Record<Key, number>> {
  if (!isPlainObject(value)) throw new LlmSettingsError(key, 'expected an object');
  const result: Partial<Record<Key, number>> = {};
  for (const [name, entry] of Object.entries(value)) {
    if (!(keys as readonly string[]).includes(name)) throw new LlmSettingsError(`${key}.${name}`, `unknown key (known: ${keys.join(', ')})`);
    result[name as Key] = nonNegativeNumber(`${key}.${name}`, entry);
  }
  return result;
}

/** Validates the configuration's `llm` section; throws an {@link LlmSettingsError} naming the key. */
export function validateLlmConfig(section: Record<string, unknown>): Partial<LlmSettings> & { model?: string; checkInterval?: number } {
  const result: Partial<LlmSettings> & { model?: string; checkInterval?: number } = {};
  for (const [key, value] of Object.entries(section)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) throw new LlmSettingsError(key, `unknown key (known: ${CONFIG_KEYS.join(', ')})`);
    if (key === 'model' || key === 'baseUrl') {
      if (typeof value !== 'string' || value.length === 0) throw new LlmSettingsError(key, 'expected a non-empty string');
      result[key] = value;
    } else if ((NUMBER_KEYS as readonly string[]).includes(key)) {
      result[key as (typeof NUMBER_KEYS)[number]] = nonNegativeNumber(key, value);
    } else if (key === 'checkInterval') {
      const interval = nonNegativeNumber(key, value);
      if (!Number.isInteger(interval) || interval < 1) throw new LlmSettingsError(key, 'expected a whole number ≥ 1');
      result.checkInterval = interval;
    } else if (key === 'budget') {
      result.budget = numberRecord(key, value, BUDGET_KEYS);
    } else if (key === 'prices') {
      const prices = numberRecord(key, value, PRICE_KEYS);
      if (prices.inputPerMillionUsd === undefined || prices.outputPerMillionUsd === undefined) throw new LlmSettingsError(key, 'needs inputPerMillionUsd and outputPerMillionUsd');
      result.prices = prices as LlmPrices;
    } else if (key === 'structuredOutputs') {
      if (typeof value !== 'boolean') throw new LlmSettingsError(key, 'expected true or false');
      result.structuredOutputs = value;
    }
  }
  return result;
}

/**
 * Resolves the settings of a model from the configuration, the environment and the command line. Throws a
 * {@link ModelSpecError} when no model is named anywhere or the name is invalid. The API key is read from
 * the provider's environment variable; whether one is required is checked when the model is created.
 */
export function resolveLlmSettings(sources: LlmSettingsSources): LlmSettings {
  const environment = sources.environment ?? process.env;
  const fromConfig = validateLlmConfig(sources.config ?? {});
  const { model: configModel, checkInterval: _checkInterval, ...configSettings } = fromConfig;
  const specificationText = sources.model ?? (environment[MODEL_VARIABLE] || undefined) ?? configModel;
  if (!specificationText) throw new ModelSpecError('', 'no model named: pass --model <provider>:<model-id> or set llm.model in the configuration');
  const specification = parseModelSpecification(specificationText);
  const baseUrl = sources.baseUrl ?? environment[BASE_URL_VARIABLE] ?? configSettings.baseUrl;
  const apiKey = environment[API_KEY_VARIABLES[specification.provider]];
  // Key by key: `overrides: { budget: { runTokens } }` keeps the configuration's other budget limits.
  const configured = mergeOptions(mergeOptions(DEFAULT_LLM_SETTINGS, configSettings), { ...specification, ...(baseUrl ? { baseUrl } : {}), ...(apiKey ? { apiKey } : {}) });
  return mergeOptions(configured as LlmSettings, sources.overrides);
}
