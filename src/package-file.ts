/** This package's own package.json, found from this file's place: one folder up, the same in `src/` and in `dist/`. */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's package.json. */
export const PACKAGE_FILE = fileURLToPath(new URL('../package.json', import.meta.url));
/** This package's root folder. */
export const PACKAGE_ROOT = dirname(PACKAGE_FILE);

/** A package.json file, parsed (this package's by default). */
export function readPackageManifest(packageFile = PACKAGE_FILE): Record<string, unknown> {
  return JSON.parse(readFileSync(packageFile, 'utf8')) as Record<string, unknown>;
}
