/**
 * Features of a whole trajectory for the learned tier: what happened, not what was said. Each step gives one
 * token (`call:<tool>`, `result:<status>:<kind>`, `user:<origin>`, …) and each pair of consecutive steps a bigram;
 * each deterministic finding gives `finding:<detector>` and `finding:<detector>:<message id>`. Tokens are hashed
 * (FNV-1a, 32 bits) into a fixed number of buckets and counted; a bucket's value is `log(1 + count)`. No text of
 * the messages or outputs is used, so the features carry over between tasks of the same agent scaffold.
 */
import type { Finding } from '../detectors/define.js';
import { fnv1a } from '../trajectory/hash.js';
import type { Step } from '../trajectory/step.js';

/**
 * Version of the feature set: bump it whenever a token changes, so a model trained on other features is refused
 * when loaded (retrain with `npm run train:learned`).
 */
export const FEATURE_VERSION = 2;

/** A sparse feature vector: bucket indices in increasing order, with their values. */
export interface FeatureVector {
  indices: number[];
  values: number[];
}

/** Tool names longer than this are cut (a hostile log can name a tool with a megabyte). */
export const MAXIMUM_TOOL_NAME_CHARACTERS = 64;
/** Steps read per trajectory; the rest are counted in the length token only. */
export const MAXIMUM_FEATURE_STEPS = 20_000;

/** FNV-1a hash of a token, as an unsigned 32-bit integer. */
export const hashToken = fnv1a;

/** The token one step gives. */
export function stepToken(step: Step): string {
  switch (step.kind) {
    case 'user':
      return `user:${step.origin}`;
    case 'assistant':
      return step.text.trim().length === 0 ? 'assistant:empty' : 'assistant';
    case 'tool-call': {
      const tool = step.tool.toLowerCase().slice(0, MAXIMUM_TOOL_NAME_CHARACTERS);
      if (step.calledFrom !== undefined) return `call-from-code:${tool}`;
      return step.code ? `call-code:${tool}` : `call:${tool}`;
    }
    case 'tool-result': {
      const outcome = step.outcome;
      if (!outcome) return step.isError ? 'result:error' : 'result:success';
      return outcome.kind === undefined ? `result:${outcome.status}` : `result:${outcome.status}:${outcome.kind}`;
    }
    case 'event':
      return `event:${step.event}`;
  }
}

/** Characters of an error output's head read for its first words. */
export const ERROR_HEAD_CHARACTERS = 200;
/** Words of an error's head that make its token. */
export const ERROR_HEAD_WORDS = 3;

/** `error-head:<first words>` of a failed result: which complaint it was, without its particulars. */
function errorHeadToken(output: string): string {
  const words = output.slice(0, ERROR_HEAD_CHARACTERS).toLowerCase().match(/[a-z]+/g) ?? [];
  return `error-head:${words.slice(0, ERROR_HEAD_WORDS).join(' ')}`;
}

/** Characters of a call's canonical input read for its words. */
export const INPUT_WORDS_CHARACTERS = 1_000;

/** Word set of a call's input, for the similarity of consecutive calls of one tool. */
function inputWords(step: Step): Set<string> {
  if (step.kind !== 'tool-call') return new Set();
  return new Set(step.canonicalInput.slice(0, INPUT_WORDS_CHARACTERS).toLowerCase().match(/[a-z0-9]+/g) ?? []);
}

/** Jaccard similarity of two word sets, in quarters: `0`…`4`. */
function similarityQuarter(left: Set<string>, right: Set<string>): number {
  if (left.size === 0 && right.size === 0) return 4;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return Math.floor((4 * shared) / (left.size + right.size - shared));
}

/** Extra tokens a step gives beside its own: an error's cause and first words, the tools a code action calls. */
function stepDetailTokens(step: Step): string[] {
  if (step.kind === 'tool-result' && step.outcome?.status === 'error') {
    const tokens = [errorHeadToken(step.output)];
    if (step.outcome.cause !== undefined) tokens.push(`result-cause:${step.outcome.cause}`);
    return tokens;
  }
  if (step.kind === 'tool-call' && step.code) return step.code.calls.map((call) => `code-calls:${call.tool.toLowerCase().slice(0, MAXIMUM_TOOL_NAME_CHARACTERS)}`);
  return [];
}

/** The bucket of the trajectory's length: `steps:<floor(log2(steps))>`. */
function lengthToken(steps: number): string {
  return `steps:${steps === 0 ? 0 : Math.floor(Math.log2(steps))}`;
}

/** All tokens of a trajectory and its findings, in order (repeats count). */
export function trajectoryTokens(steps: readonly Step[], findings: readonly Finding[]): string[] {
  const tokens: string[] = [lengthToken(steps.length)];
  let previous = '^';
  const lastCallByTool = new Map<string, { canonicalInput: string; words: Set<string> }>();
  const read = Math.min(steps.length, MAXIMUM_FEATURE_STEPS);
  for (let index = 0; index < read; index++) {
    const step = steps[index] as Step;
    const token = stepToken(step);
    tokens.push(token, `${previous}>${token}`);
    for (const detail of stepDetailTokens(step)) tokens.push(detail);
    if (step.kind === 'tool-call' && step.calledFrom === undefined) {
      const words = inputWords(step);
      const last = lastCallByTool.get(step.tool);
      if (last) tokens.push(last.canonicalInput === step.canonicalInput ? 'same-call-again' : `similar-call:${similarityQuarter(last.words, words)}`);
      lastCallByTool.set(step.tool, { canonicalInput: step.canonicalInput, words });
    }
    previous = token;
  }
  for (const finding of findings) {
    if (finding.signal) continue;
    tokens.push(`finding:${finding.detector}`, `finding:${finding.detector}:${finding.messageId}`);
  }
  return tokens;
}

/** Hashes tokens into `2 ** hashBits` buckets: `log(1 + count)` per bucket. */
export function hashFeatures(tokens: readonly string[], hashBits: number): FeatureVector {
  const mask = (1 << hashBits) - 1;
  const counts = new Map<number, number>();
  for (const token of tokens) {
    const bucket = hashToken(token) & mask;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  const indices = [...counts.keys()].sort((left, right) => left - right);
  return { indices, values: indices.map((index) => Math.log1p(counts.get(index) as number)) };
}

/** The feature vector of a trajectory. */
export function trajectoryFeatures(steps: readonly Step[], findings: readonly Finding[], hashBits: number): FeatureVector {
  return hashFeatures(trajectoryTokens(steps, findings), hashBits);
}
