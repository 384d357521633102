import { issuesOf, keyImageCreateSchema } from '../../records';
import { decodePng } from '../../interop/png/decodePng';
import { err, ok, type Result } from '../../shared/result';
import { problem, type Reply } from '../records/apiProblem';
import type { NewKeyImage } from './keyImagesRepository';

/** The largest PNG accepted, decoded from its base64 (8 MB). */
export const MAX_PNG_BYTES = 8 * 1024 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const badPng = (message: string): Reply => problem(400, 'invalid-fields', `The key image's picture is not usable: ${message}`, { issues: [{ path: 'png', message }] });

/**
 * The PNG of a create request: standard base64 (Node's decoder would skip stray characters
 * silently), at most 8 MB decoded, and a PNG a canvas makes (8-bit RGB or RGBA, not interlaced,
 * 1 to 8192 pixels a side) that decodes whole, CRCs and filters included: a picture the server
 * accepts is one it can later write as a Secondary Capture.
 */
export function checkPng(base64: string): Result<{ bytes: Uint8Array; width: number; height: number }, Reply> {
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) return err(badPng('not base64 (expected A–Z, a–z, 0–9, + and / only, padded with =, no data: prefix)'));
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  if (bytes.length > MAX_PNG_BYTES) return err(badPng(`${(bytes.length / 1024 / 1024).toFixed(1)} MB decoded; at most 8 MB`));
  const decoded = decodePng(bytes);
  if (!decoded.ok) return err(badPng(decoded.error));
  return ok({ bytes, width: decoded.value.width, height: decoded.value.height });
}

/** A create request's body as the repository stores it, or the 400 naming the fields. */
export function parseKeyImageCreate(caseId: string, body: unknown): Result<NewKeyImage, Reply> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return err(problem(400, 'invalid-json', 'The body must be a JSON object (a key image)'));
  const parsed = keyImageCreateSchema.safeParse(body);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    return err(problem(400, 'invalid-fields', `Invalid key image: ${issues.length} field${issues.length === 1 ? '' : 's'} to correct`, { issues }));
  }
  const png = checkPng(parsed.data.png);
  if (!png.ok) return png;
  const { caption, purpose, view, references } = parsed.data;
  return ok({ caseId, caption, purpose, view, references, png: png.value.bytes, width: png.value.width, height: png.value.height });
}
