import catalogueJson from './catalogue.json';
import type { DeviceCatalogue } from './deviceSchema';
import { parseCatalogue } from './parseCatalogue';

let cached: DeviceCatalogue | undefined;

/**
 * The shipped catalogue of generic devices (catalogue.json), validated once on first use.
 * A broken shipped file is a programming error, so it throws with every problem listed.
 */
export function defaultCatalogue(): DeviceCatalogue {
  if (cached) return cached;
  const result = parseCatalogue(catalogueJson);
  if (!result.ok) throw new Error(`src/planning/devices/catalogue.json is invalid:\n${result.error.join('\n')}`);
  cached = result.value;
  return cached;
}
