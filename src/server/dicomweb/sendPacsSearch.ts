import type { ServerResponse } from 'node:http';
import { sendError, sendJson } from '../http';
import { parsePacsSearch } from './pacsSearch';
import type { PacsSource } from './pacsSource';

/**
 * Answers `GET /api/pacs/studies?patientName=&patientId=&dateFrom=&dateTo=&modality=&accession=&offset=&limit=`
 * with one page `{ studies, offset, limit, more }`: 400 naming a bad parameter, 404 when no
 * PACS is configured.
 */
export async function sendPacsSearch(pacs: PacsSource | undefined, url: URL, res: ServerResponse): Promise<void> {
  if (!pacs) {
    sendError(res, 404, 'not-configured', 'No PACS is configured: set DICOMWEB_URL in the server environment to search one');
    return;
  }
  const search = parsePacsSearch(url.searchParams);
  if (!search.ok) {
    sendError(res, 400, 'invalid-query', search.error);
    return;
  }
  sendJson(res, 200, await pacs.search(search.value));
}
