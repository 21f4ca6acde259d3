import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyOrderVariants } from '../../test/support/key-order-variants.js';
import { fixture } from '../../test/support/shared-data.js';
import { chooseReader, sampleFile, SAMPLE_BYTES } from './detect.js';
import { readFileTrajectories } from './read.js';
import { allReaders } from './registry.js';

describe('format detection does not depend on where the keys of a log fall', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'wink-key-order-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  for (const variant of keyOrderVariants) {
    it(variant.name, async () => {
      const original = fixture(variant.fixture);
      const text = variant.rewrite(await readFile(original, 'utf8'));
      expect(text.indexOf(variant.lateKey)).toBeGreaterThan(SAMPLE_BYTES);
      const file = join(directory, basename(variant.fixture));
      await writeFile(file, text);
      expect(chooseReader(await sampleFile(file), allReaders).id).toBe(variant.format);
      const [expected, actual] = await Promise.all([readFileTrajectories(original), readFileTrajectories(file)]);
      expect(actual.format).toBe(variant.format);
      expect(actual.diagnostics).toEqual([]);
      expect(actual.trajectories.map((trajectory) => trajectory.steps.length)).toEqual(expected.trajectories.map((trajectory) => trajectory.steps.length));
      await rm(file);
    });
  }
});
