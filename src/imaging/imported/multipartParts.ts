/**
 * The bodies of a `multipart/related` answer (WADO-RS retrieve of whole instances), in order.
 * Works on bytes, never on text: the parts are binary Part 10 files. `contentType` is the
 * answer's Content-Type header, which names the boundary.
 */
export function multipartParts(body: Uint8Array, contentType: string): Uint8Array[] {
  const m = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!m?.[1]) throw new Error(`not a multipart answer (Content-Type: ${contentType || 'none'})`);
  const delimiter = new TextEncoder().encode(`--${m[1]}`);
  const parts: Uint8Array[] = [];
  let at = indexOf(body, delimiter, 0);
  while (at >= 0) {
    const afterDelimiter = at + delimiter.length;
    // "--" right after the boundary closes the body.
    if (body[afterDelimiter] === 0x2d && body[afterDelimiter + 1] === 0x2d) break;
    const headersEnd = indexOf(body, CRLFCRLF, afterDelimiter);
    if (headersEnd < 0) break;
    const start = headersEnd + CRLFCRLF.length;
    const next = indexOf(body, delimiter, start);
    if (next < 0) break;
    // The CRLF before the next delimiter belongs to the delimiter, not to the part.
    let end = next;
    if (end >= 2 && body[end - 2] === 0x0d && body[end - 1] === 0x0a) end -= 2;
    parts.push(body.subarray(start, end));
    at = next;
  }
  return parts;
}

const CRLFCRLF = new Uint8Array([0x0d, 0x0a, 0x0d, 0x0a]);

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
