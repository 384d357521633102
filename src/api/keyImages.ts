import { z } from 'zod';
import { keyImageSchema, type KeyImage, type KeyImageCreateInput, type KeyImagePurpose } from '../records';
import { ApiError, fetchParsed, readProblem, request } from './apiProblem';
import { attachmentName } from './plans';

export type { KeyImage };

const json = { 'content-type': 'application/json' };
const listSchema = z.object({ keyImages: z.array(keyImageSchema) });
const caseUrl = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/key-images`;
const imageUrl = (id: string) => `/api/key-images/${encodeURIComponent(id)}`;
const sent = { sopClassUID: z.string(), sopInstanceUID: z.string() };

/** What the PACS did with a case's key images (KOS + Secondary Captures). */
export const keyImageStoreAnswerSchema = z.object({
  pacs: z.string(),
  caseId: z.string(),
  purpose: z.enum(['board', 'teaching']),
  stored: z.array(z.object({ ...sent, warning: z.string().optional() })),
  failed: z.array(z.object({ ...sent, reason: z.string() })),
});
/** The PACS's answer to key images sent to it. */
export type KeyImageStoreAnswer = z.infer<typeof keyImageStoreAnswerSchema>;

const query = (purpose: KeyImagePurpose, ids?: readonly string[]): string => {
  const p = new URLSearchParams({ purpose });
  if (ids?.length) p.set('ids', ids.join(','));
  return p.toString();
};

/**
 * Typed client of the key image API: a case's saved views with their rendered PNGs, and their
 * export as a Key Object Selection document plus Secondary Captures.
 */
export const keyImagesApi = {
  /** The case's key images, oldest first (removed ones left out). */
  async list(caseId: string): Promise<KeyImage[]> {
    return (await fetchParsed('GET /api/cases/:id/key-images', caseUrl(caseId), listSchema)).keyImages;
  },
  get: (id: string): Promise<KeyImage> => fetchParsed('GET /api/key-images/:id', imageUrl(id), keyImageSchema),
  /** Saves a view with its PNG (base64 in `input.png`). */
  create: (caseId: string, input: KeyImageCreateInput): Promise<KeyImage> =>
    fetchParsed('POST /api/cases/:id/key-images', caseUrl(caseId), keyImageSchema, { method: 'POST', headers: json, body: JSON.stringify(input) }),
  /** Changes the caption or purpose. */
  patch: (id: string, patch: { caption?: string; purpose?: KeyImagePurpose }): Promise<KeyImage> =>
    fetchParsed('PATCH /api/key-images/:id', imageUrl(id), keyImageSchema, { method: 'PATCH', headers: json, body: JSON.stringify(patch) }),
  /** Removes a key image from the case's list (the server keeps the row, marked removed). */
  async remove(id: string): Promise<void> {
    const endpoint = 'DELETE /api/key-images/:id';
    const res = await request(endpoint, imageUrl(id), { method: 'DELETE' });
    if (!res.ok) {
      const problem = await readProblem(res);
      throw new ApiError(endpoint, res.status, problem.error, problem);
    }
  },
  /** The URL of a key image's PNG (for <img src>). */
  pngUrl: (id: string): string => `${imageUrl(id)}/png`,
  /** The case's key images as DICOM (one KOS + one Secondary Capture per image), zipped. */
  async download(caseId: string, purpose: KeyImagePurpose, ids?: readonly string[]): Promise<{ blob: Blob; fileName: string }> {
    const endpoint = 'GET /api/cases/:id/key-images/dicom';
    const res = await request(endpoint, `${caseUrl(caseId)}/dicom?${query(purpose, ids)}`, { headers: { accept: 'application/zip, application/json' } });
    if (!res.ok) {
      const problem = await readProblem(res);
      throw new ApiError(endpoint, res.status, problem.error, problem);
    }
    return { blob: await res.blob(), fileName: attachmentName(res.headers.get('content-disposition')) ?? `PercuPlan-key-images-${caseId.slice(0, 8)}.zip` };
  },
  /** Sends them to the PACS (STOW-RS); 207 answers carry the same body. */
  sendToPacs: (caseId: string, purpose: KeyImagePurpose, ids?: readonly string[]): Promise<KeyImageStoreAnswer> =>
    fetchParsed('POST /api/cases/:id/key-images/dicom/store', `${caseUrl(caseId)}/dicom/store?${query(purpose, ids)}`, keyImageStoreAnswerSchema, {
      method: 'POST',
      headers: { accept: 'application/json' },
    }),
};
