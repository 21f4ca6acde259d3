import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defineDetector, type Detector } from '../detectors/define.js';
import { ConfigError, findConfigFile, loadConfig, validateConfig } from './index.js';

/** A detector with options of every type, so the tables do not depend on the detectors being written. */
const sampleDetector = defineDetector({
  id: 'sample-detector',
  meta: {
    category: 'infinite-loop',
    requiresLlm: false,
    description: 'test detector',
    messages: { repeated: '{{tool}} repeated' },
    defaultOptions: { threshold: 3, exemptTools: ['sleep'], strict: false, label: 'x' },
  },
  create: () => ({}),
}) as Detector<object>;
const detectors = [sampleDetector];
const FILE = 'wink.config.json';

describe('validateConfig', () => {
  const good: { name: string; value: unknown; expected: object }[] = [
    { name: 'empty object', value: {}, expected: { detectors: {}, guidance: {}, observer: {} } },
    { name: 'options over defaults', value: { detectors: { 'sample-detector': { threshold: 5, exemptTools: ['wait'] } } }, expected: { detectors: { 'sample-detector': { threshold: 5, exemptTools: ['wait'] } } } },
    { name: 'detector turned off', value: { detectors: { 'sample-detector': false } }, expected: { detectors: { 'sample-detector': false } } },
    { name: 'detector turned on (a detector off by default)', value: { detectors: { 'sample-detector': true } }, expected: { detectors: { 'sample-detector': { mode: 'on' } } } },
    { name: 'detector in shadow mode', value: { detectors: { 'sample-detector': 'shadow' } }, expected: { detectors: { 'sample-detector': { mode: 'shadow' } } } },
    { name: 'mode with options', value: { detectors: { 'sample-detector': { mode: 'shadow', threshold: 5 } } }, expected: { detectors: { 'sample-detector': { mode: 'shadow', threshold: 5 } } } },
    { name: 'empty array option', value: { detectors: { 'sample-detector': { exemptTools: [] } } }, expected: { detectors: { 'sample-detector': { exemptTools: [] } } } },
    { name: 'guidance override', value: { guidance: { repeated: { do: 'try another way', dont: 'repeat' } } }, expected: { guidance: { repeated: { do: 'try another way', dont: 'repeat' } } } },
    { name: 'observer options kept', value: { observer: { everySteps: 5 } }, expected: { observer: { everySteps: 5 } } },
    { name: '$schema allowed', value: { $schema: './schema.json' }, expected: { detectors: {} } },
  ];
  it.each(good)('accepts $name', ({ value, expected }) => {
    expect(validateConfig(value, FILE, detectors)).toMatchObject(expected);
  });

  const bad: { name: string; value: unknown; key: string; problem: RegExp }[] = [
    { name: 'not an object', value: [], key: '', problem: /expected a configuration object, got array/ },
    { name: 'unknown top-level key', value: { detector: {} }, key: 'detector', problem: /unknown key/ },
    { name: 'unknown detector id', value: { detectors: { 'no-such-detector': {} } }, key: 'detectors.no-such-detector', problem: /unknown detector id \(known: sample-detector\)/ },
    { name: 'detectors not an object', value: { detectors: ['sample-detector'] }, key: 'detectors', problem: /expected an object/ },
    { name: 'setting neither a mode nor an object', value: { detectors: { 'sample-detector': 'quiet' } }, key: 'detectors.sample-detector', problem: /expected true, false, "shadow" or an options object, got "quiet"/ },
    { name: 'setting a number', value: { detectors: { 'sample-detector': 3 } }, key: 'detectors.sample-detector', problem: /expected true, false, "shadow" or an options object, got number/ },
    { name: 'unknown mode', value: { detectors: { 'sample-detector': { mode: 'loud' } } }, key: 'detectors.sample-detector.mode', problem: /expected one of on, shadow, off/ },
    { name: 'unknown option', value: { detectors: { 'sample-detector': { treshold: 4 } } }, key: 'detectors.sample-detector.treshold', problem: /unknown option \(known: mode, threshold/ },
    { name: 'number given as string', value: { detectors: { 'sample-detector': { threshold: '4' } } }, key: 'detectors.sample-detector.threshold', problem: /expected number, got string/ },
    { name: 'array given as string', value: { detectors: { 'sample-detector': { exemptTools: 'sleep' } } }, key: 'detectors.sample-detector.exemptTools', problem: /expected array, got string/ },
    { name: 'wrong array element', value: { detectors: { 'sample-detector': { exemptTools: ['a', 2] } } }, key: 'detectors.sample-detector.exemptTools[1]', problem: /expected string, got number/ },
    { name: 'boolean given as number', value: { detectors: { 'sample-detector': { strict: 1 } } }, key: 'detectors.sample-detector.strict', problem: /expected boolean/ },
    { name: 'unknown messageId', value: { guidance: { nope: { do: 'x' } } }, key: 'guidance.nope', problem: /unknown messageId \(known: repeated\)/ },
    { name: 'guidance text not a string', value: { guidance: { repeated: { do: 3 } } }, key: 'guidance.repeated.do', problem: /expected string, got number/ },
    { name: 'unknown guidance key', value: { guidance: { repeated: { say: 'x' } } }, key: 'guidance.repeated.say', problem: /unknown key/ },
    { name: 'observer not an object', value: { observer: true }, key: 'observer', problem: /expected an object, got boolean/ },
  ];
  it.each(bad)('rejects $name', ({ value, key, problem }) => {
    let caught: unknown;
    try {
      validateConfig(value, FILE, detectors);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.file).toBe(FILE);
    expect(error.key).toBe(key);
    expect(error.message).toMatch(problem);
    expect(error.message.startsWith(`${FILE}: `)).toBe(true);
  });
});

describe('loadConfig', () => {
  const directories: string[] = [];
  const temporaryDirectory = (): string => {
    const directory = mkdtempSync(join(tmpdir(), 'wink-config-'));
    directories.push(directory);
    return directory;
  };
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  const layouts: { name: string; files: Record<string, string>; expectedFile: string | undefined; threshold?: number }[] = [
    { name: 'no file', files: {}, expectedFile: undefined },
    { name: 'wink.config.json', files: { 'wink.config.json': '{"detectors":{"sample-detector":{"threshold":4}}}' }, expectedFile: 'wink.config.json', threshold: 4 },
    { name: 'wink.config.mjs default export', files: { 'wink.config.mjs': 'export default { detectors: { "sample-detector": { threshold: 6 } } };' }, expectedFile: 'wink.config.mjs', threshold: 6 },
    { name: 'wink.config.js default export', files: { 'package.json': '{"type":"module"}', 'wink.config.js': 'export default { detectors: { "sample-detector": { threshold: 7 } } };' }, expectedFile: 'wink.config.js', threshold: 7 },
    { name: '.wink/config.json', files: { '.wink/config.json': '{"detectors":{"sample-detector":{"threshold":8}}}' }, expectedFile: '.wink/config.json', threshold: 8 },
    { name: 'wink.config.json wins over .wink/config.json', files: { 'wink.config.json': '{"detectors":{"sample-detector":{"threshold":4}}}', '.wink/config.json': '{"detectors":{"sample-detector":{"threshold":8}}}' }, expectedFile: 'wink.config.json', threshold: 4 },
    { name: 'found in a parent directory', files: { 'wink.config.json': '{"detectors":{"sample-detector":{"threshold":9}}}', 'nested/deeper/.keep': '' }, expectedFile: 'wink.config.json', threshold: 9 },
  ];
  it.each(layouts)('finds $name', async ({ files, expectedFile, threshold }) => {
    const root = temporaryDirectory();
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(root, name, '..'), { recursive: true });
      writeFileSync(join(root, name), content);
    }
    const start = Object.keys(files).some((name) => name.startsWith('nested/')) ? join(root, 'nested', 'deeper') : root;
    const loaded = await loadConfig({ workingDirectory: start, detectors });
    if (expectedFile === undefined) {
      // A configuration further up (outside the temporary folder) would be found too; only check ours is not.
      expect(loaded.file === undefined || !loaded.file.startsWith(root)).toBe(true);
      return;
    }
    expect(loaded.file).toBe(join(root, expectedFile));
    expect(loaded.config.detectors['sample-detector']).toMatchObject({ threshold });
  });

  it('an explicit file overrides the search', async () => {
    const root = temporaryDirectory();
    writeFileSync(join(root, 'wink.config.json'), '{"detectors":{"sample-detector":{"threshold":4}}}');
    writeFileSync(join(root, 'other.json'), '{"detectors":{"sample-detector":false}}');
    const loaded = await loadConfig({ workingDirectory: root, configFile: join(root, 'other.json'), detectors });
    expect(loaded.config.detectors['sample-detector']).toBe(false);
  });

  const broken: { name: string; fileName: string; content: string; problem: RegExp }[] = [
    { name: 'invalid JSON', fileName: 'wink.config.json', content: '{ "detectors": ', problem: /wink\.config\.json: invalid JSON/ },
    { name: 'module without default export', fileName: 'wink.config.mjs', content: 'export const detectors = {};', problem: /wink\.config\.mjs: the module has no default export/ },
    { name: 'module that throws', fileName: 'wink.config.mjs', content: 'throw new Error("boom");', problem: /wink\.config\.mjs: cannot load module \(boom\)/ },
    { name: 'wrong option type', fileName: 'wink.config.json', content: '{"detectors":{"sample-detector":{"threshold":"high"}}}', problem: /wink\.config\.json: detectors\.sample-detector\.threshold: expected number, got string/ },
  ];
  it.each(broken)('reports $name with the file name', async ({ fileName, content, problem }) => {
    const root = temporaryDirectory();
    writeFileSync(join(root, fileName), content);
    await expect(loadConfig({ workingDirectory: root, detectors })).rejects.toThrow(problem);
  });

  it('a missing explicit file is a ConfigError', async () => {
    await expect(loadConfig({ configFile: '/no/such/wink.config.json', detectors })).rejects.toBeInstanceOf(ConfigError);
  });

  it('validates against the real detectors by default', async () => {
    const root = temporaryDirectory();
    writeFileSync(join(root, 'wink.config.json'), '{"detectors":{"repeated-tool-call":{"threshold":4}}}');
    const loaded = await loadConfig({ workingDirectory: root });
    expect(loaded.config.detectors['repeated-tool-call']).toEqual({ threshold: 4 });
    expect(findConfigFile(root)).toBe(join(root, 'wink.config.json'));
  });
});
