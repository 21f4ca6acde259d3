/** The version `wink --version` prints: read from the package's own package.json when asked, never a copy kept in code. */
import { PACKAGE_FILE, readPackageManifest } from '../package-file.js';

export { PACKAGE_FILE };

/** The `version` field of a package.json file; throws when the file has none. */
export function readPackageVersion(packageFile = PACKAGE_FILE): string {
  const { version } = readPackageManifest(packageFile);
  if (typeof version !== 'string' || version.length === 0) throw new Error(`${packageFile} has no version`);
  return version;
}
