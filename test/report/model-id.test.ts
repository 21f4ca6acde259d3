/** The model id normaliser on the ids the shared real data holds, and on the spellings logs use elsewhere. */
import { describe, expect, it } from 'vitest';
import { normalizeModelId } from '../../src/eval/model-id.js';

describe('normalizeModelId', () => {
  it.each([
    // The ids of the sessions in the shared real data (mini-swe-agent, OpenHands, SWE-agent, TRAIL, real users).
    ['google/gemini-3-pro-preview', 'gemini-3-pro-preview'],
    ['@google/gemini-3-pro-preview', 'gemini-3-pro-preview'],
    ['openai/openrouter-llama-4-maverick', 'openrouter-llama-4-maverick'],
    ['claude-3-5-sonnet-20241022', 'claude-3-5-sonnet-20241022'],
    ['gpt-4o-2024-08-06', 'gpt-4o-2024-08-06'],
    ['gpt-4o', 'gpt-4o'],
    ['claude-sonnet-4-6', 'claude-sonnet-4-6'],
    ['gpt-5.1-codex-max', 'gpt-5.1-codex-max'],
    ['o3-mini', 'o3-mini'],
    ['replay', 'replay'],
    // Case, spaces, other routes.
    ['Google/Gemini-3-Pro-Preview', 'gemini-3-pro-preview'],
    ['  o3-mini ', 'o3-mini'],
    ['models/gemini-2.5-pro', 'gemini-2.5-pro'],
    ['openrouter/anthropic/claude-sonnet-4.5', 'claude-sonnet-4.5'],
    ['@gemini-2.5-flash', 'gemini-2.5-flash'],
    // A version after an @ is part of the name.
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5@20250929'],
    // Nothing after the prefix: the prefix is all there is.
    ['google/', 'google'],
    ['@', undefined],
    ['   ', undefined],
    [undefined, undefined],
  ])('%j → %j', (model, expected) => {
    expect(normalizeModelId(model)).toBe(expected);
  });
});
