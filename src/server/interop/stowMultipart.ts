import { randomBytes } from 'node:crypto';

/** A multipart/related STOW-RS body and the Content-Type header that describes it. */
export interface StowBody {
  readonly contentType: string;
  readonly body: Uint8Array;
}

const CRLF = '\r\n';

/**
 * The body of a STOW-RS request (PS3.18 10.5): one `application/dicom` part per Part 10 file,
 * with the `type` parameter Orthanc insists on (it rejects a request whose parts are of another
 * type). The boundary is random, so it cannot occur in the files by accident in practice; it is
 * checked anyway, since a collision would cut a file in two.
 */
export function stowMultipart(files: readonly Uint8Array[], boundary = `percuplan-${randomBytes(16).toString('hex')}`): StowBody {
  const marker = Buffer.from(`--${boundary}`, 'latin1');
  for (const f of files) {
    if (Buffer.from(f.buffer, f.byteOffset, f.byteLength).includes(marker)) throw new Error(`stowMultipart: the boundary ${boundary} occurs in a file`);
  }
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}${CRLF}Content-Type: application/dicom${CRLF}${CRLF}`, 'latin1'), Buffer.from(f.buffer, f.byteOffset, f.byteLength), Buffer.from(CRLF, 'latin1'));
  }
  parts.push(Buffer.from(`--${boundary}--${CRLF}`, 'latin1'));
  return { contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`, body: new Uint8Array(Buffer.concat(parts)) };
}
