import type { Pacs } from '../../dicomweb/pacs';

/**
 * The teaching PACS from the environment (TEACHING_DICOMWEB_URL and its credentials), or undefined
 * when none is configured; a malformed setting throws an error naming the variable.
 * (Stub of the contract: read with the transfer work.)
 */
export function teachingPacsFrom(env: NodeJS.ProcessEnv): Pacs | undefined {
  void env;
  return undefined;
}
