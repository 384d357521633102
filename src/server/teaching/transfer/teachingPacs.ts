import { readDicomwebConfig } from '../../dicomweb/dicomwebConfig';
import { createPacs, type Pacs } from '../../dicomweb/pacs';

/** The variables of the teaching PACS: the main PACS's, each prefixed TEACHING_. */
const SUFFIXES = ['URL', 'USER', 'PASSWORD', 'AUTHORIZATION', 'LABEL'] as const;

/**
 * The teaching PACS from the environment (TEACHING_DICOMWEB_URL and its credentials), or undefined
 * when none is configured; a malformed setting throws an error naming the variable.
 *
 * The same rules as the main PACS (readDicomwebConfig: TEACHING_DICOMWEB_USER with
 * TEACHING_DICOMWEB_PASSWORD, or TEACHING_DICOMWEB_AUTHORIZATION, or user:password in the URL;
 * TEACHING_DICOMWEB_LABEL for its name), read by handing that function the TEACHING_ values under
 * the plain names, so there is one parser; its messages are given back under the names set.
 * Messages never repeat a credential (readDicomwebConfig's guarantee).
 */
export function teachingPacsFrom(env: NodeJS.ProcessEnv): Pacs | undefined {
  const renamed: NodeJS.ProcessEnv = {};
  for (const s of SUFFIXES) {
    const v = env[`TEACHING_DICOMWEB_${s}`];
    if (v !== undefined) renamed[`DICOMWEB_${s}`] = v;
  }
  let config;
  try {
    config = readDicomwebConfig(renamed);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(message.replace(/\bDICOMWEB_/g, 'TEACHING_DICOMWEB_').replace('PACS credentials', 'teaching PACS credentials'));
  }
  if (!config) return undefined;
  const label = renamed.DICOMWEB_LABEL?.trim() ? config.label : `Teaching PACS ${config.baseUrl.host}`;
  return createPacs({ ...config, label });
}
