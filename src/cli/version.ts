/** The version `wink --version` prints: read from the package's own package.json when asked, never a copy kept in code. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package.json of this package: two folders above this file, both in `src/cli/` and in `dist/cli/`. */
export const PACKAGE_FILE = fileURLToPath(new URL('../../package.json', import.meta.url));

/** The `version` field of a package.json file; throws when the file has none. */
export function readPackageVersion(packageFile = PACKAGE_FILE): string {
  const manifest = JSON.parse(readFileSync(packageFile, 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string' || manifest.version.length === 0) throw new Error(`${packageFile} has no version`);
  return manifest.version;
}
