/**
 * Every subpath the package exports resolves to a built file that holds the names the documentation promises
 * (README, docs/integrations.md), and every documented subpath is exported. The build runs before `npm test`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string> };

/** Subpath → names a user imports from it. */
const DOCUMENTED: Record<string, readonly string[]> = {
  '.': ['readFileTrajectories', 'chooseReader'],
  './testing': ['trajectory', 'startFakeAnthropicServer', 'startFakeOpenAiServer'],
  './trajectory': ['canonicalJson'],
  './formats': ['readFileTrajectories', 'allReaders'],
  './observer': ['Observer'],
  './detectors': ['allDetectors'],
  './llm': ['createLlmAsyncCheckStarter', 'resolveLlmSettings'],
  './session': ['createWinkSession', 'loadWinkConfig'],
  './ai-sdk': ['winkPrepareStep', 'winkMiddleware', 'winkTools', 'WinkToolRefusal'],
  './claude-agent-sdk': ['winkHooks', 'createWinkClaudeAgent', 'winkQuery', 'ClaudeAgentSdkMissingError'],
};

describe('package exports', () => {
  it('every documented subpath is exported, and nothing else', () => {
    expect(Object.keys(manifest.exports).sort()).toEqual(Object.keys(DOCUMENTED).sort());
  });

  it.each(Object.entries(DOCUMENTED))('%s resolves to a built module with its documented names', async (subpath, names) => {
    const file = resolve(ROOT, manifest.exports[subpath]);
    expect(existsSync(file), `${file} is not built`).toBe(true);
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const name of names) expect(typeof module[name], `${subpath} exports ${name}`).not.toBe('undefined');
  });
});
