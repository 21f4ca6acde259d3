/**
 * The Claude Code plugin and its marketplace, checked against the documented manifest schemas (Claude Code's
 * plugin-marketplace documentation: marketplace `name`, `owner.name`, `plugins[]` with `name` and `source`; plugin
 * `name`, semantic `version`; hooks in the settings' nesting). `npm run test:agents` also runs the real
 * `claude plugin validate --strict` on them and installs the plugin through the marketplace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AGENT_TARGETS, isWinkHandler } from '../../src/integrations/install/index.js';

const REPOSITORY = join(import.meta.dirname, '..', '..');

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(join(REPOSITORY, path), 'utf8'));
}

/** Kebab-case ids, as the documentation requires for marketplace and plugin names. */
const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Marketplace names Claude Code reserves. */
const RESERVED_MARKETPLACE_NAMES = ['claude-code-marketplace', 'claude-code-plugins', 'claude-plugins-official', 'anthropic-marketplace', 'anthropic-plugins', 'agent-skills', 'life-sciences'];
const SEMANTIC_VERSION = /^\d+\.\d+\.\d+(?:-[\w.]+)?$/;

const person = z.object({ name: z.string().min(1), email: z.string().optional(), url: z.string().optional() }).strict();
const pluginSource = z.union([
  z.string().regex(/^\.\//),
  z.object({ source: z.literal('npm'), package: z.string().min(1), version: z.string().optional(), registry: z.string().url().optional() }).strict(),
  z.object({ source: z.literal('github'), repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/), ref: z.string().optional(), sha: z.string().optional() }).strict(),
  z.object({ source: z.literal('url'), url: z.string().min(1), ref: z.string().optional(), sha: z.string().optional() }).strict(),
]);
const marketplaceSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().regex(KEBAB_CASE).refine((name) => !RESERVED_MARKETPLACE_NAMES.includes(name), 'reserved marketplace name'),
    owner: person,
    metadata: z.object({ description: z.string().optional(), version: z.string().optional(), pluginRoot: z.string().optional() }).strict().optional(),
    plugins: z
      .array(
        z
          .object({
            name: z.string().regex(KEBAB_CASE),
            source: pluginSource,
            description: z.string().optional(),
            version: z.string().regex(SEMANTIC_VERSION).optional(),
            author: person.optional(),
            homepage: z.string().optional(),
            repository: z.string().optional(),
            license: z.string().optional(),
            keywords: z.array(z.string()).optional(),
            category: z.string().optional(),
            tags: z.array(z.string()).optional(),
            strict: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
const pluginSchema = z
  .object({
    name: z.string().regex(KEBAB_CASE),
    version: z.string().regex(SEMANTIC_VERSION),
    description: z.string().min(1),
    author: person.optional(),
    homepage: z.string().optional(),
    repository: z.string().optional(),
    license: z.string().optional(),
    keywords: z.array(z.string()).optional(),
  })
  .strict();
const handler = z.object({ type: z.literal('command'), command: z.string().min(1), timeout: z.number().positive().optional() }).strict();
const hooksSchema = z
  .object({
    description: z.string().optional(),
    hooks: z.record(z.string(), z.array(z.object({ matcher: z.string().optional(), hooks: z.array(handler).min(1) }).strict())),
  })
  .strict();

const packageJson = readJson('package.json') as { name: string; version: string; files: string[] };

describe('Claude Code plugin manifests', () => {
  it('the marketplace follows the documented schema and offers the npm package', () => {
    const marketplace = marketplaceSchema.parse(readJson('.claude-plugin/marketplace.json'));
    const [plugin] = marketplace.plugins;
    expect(plugin.source).toEqual({ source: 'npm', package: packageJson.name });
  });

  it('the plugin manifest follows the documented schema and carries the package version', () => {
    const plugin = pluginSchema.parse(readJson('.claude-plugin/plugin.json'));
    expect(plugin.version).toBe(packageJson.version);
    const marketplace = readJson('.claude-plugin/marketplace.json') as { plugins: { name: string }[] };
    expect(marketplace.plugins[0].name).toBe(plugin.name);
  });

  it("the plugin's hooks are the same hooks `wink install claude-code` writes, running the bundled hook entry", () => {
    const hooks = hooksSchema.parse(readJson('hooks/hooks.json')).hooks;
    const expected = AGENT_TARGETS['claude-code'].events;
    expect(Object.keys(hooks).sort()).toEqual(expected.map(({ event }) => event).sort());
    for (const { event, matcher } of expected) {
      expect(hooks[event]).toHaveLength(1);
      expect(hooks[event][0].matcher).toBe(matcher);
      const [only] = hooks[event][0].hooks;
      expect(only.command).toBe('node "${CLAUDE_PLUGIN_ROOT}/dist/hook.cjs" claude-code');
      expect(only.timeout).toBe(AGENT_TARGETS['claude-code'].timeout);
      expect(isWinkHandler(only)).toBe(true);
    }
  });

  it('the package carries what the plugin needs', () => {
    for (const needed of ['dist', '.claude-plugin', 'hooks']) expect(packageJson.files).toContain(needed);
  });
});
