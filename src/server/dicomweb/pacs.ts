import type { DicomwebConfig } from './dicomwebConfig';
import { createPacsClient, type PacsClient } from './pacsClient';
import { createPacsSource, type PacsSource } from './pacsSource';

/** The configured PACS: its HTTP client (for the proxy) and its studies (for the API). */
export interface Pacs {
  client: PacsClient;
  source: PacsSource;
}

/** The client and source of the configured PACS; nothing is sent to it until the first request. */
export function createPacs(config: DicomwebConfig): Pacs {
  const client = createPacsClient(config);
  return { client, source: createPacsSource(client, config.label) };
}
