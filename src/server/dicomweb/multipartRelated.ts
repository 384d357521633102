/** One body part of a multipart answer: its headers (names in lower case) and its bytes. */
export interface MultipartPart {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * The boundary a multipart Content-Type declares (`boundary=abc` or `boundary="a b"`), or
 * undefined when it declares none or the type is not multipart.
 */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return undefined;
  // Parameters are `;`-separated; a quoted value may hold `;` itself, so match them one by one.
  const param = /;\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g;
  for (let m = param.exec(contentType); m; m = param.exec(contentType)) {
    if (m[1]!.toLowerCase() !== 'boundary') continue;
    const raw = m[2]!;
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    return value.length > 0 && value.length <= 70 ? value : undefined;
  }
  return undefined;
}

type State = 'preamble' | 'boundary-line' | 'headers' | 'body' | 'done';

/** Headers of a part, from the lines between its boundary and the blank line. */
function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return headers;
}

/**
 * A push parser of a multipart body (RFC 2046, as DICOMweb's multipart/related answers use
 * it): feed it chunks as they arrive, in any sizes (a delimiter may be split across chunks);
 * every completed part is handed to `onPart` at once, so a long answer is never held whole.
 * Lines end in CRLF; a bare LF is accepted too, since some servers write one. The preamble
 * before the first delimiter and the epilogue after the closing one are ignored. `end()`
 * throws when the body stopped before its closing delimiter (a truncated answer).
 */
export function createMultipartParser(boundary: string, onPart: (part: MultipartPart) => void): { push(chunk: Uint8Array): void; end(): void } {
  const dash = Buffer.from(`--${boundary}`, 'latin1');
  let buf = Buffer.alloc(0);
  let state: State = 'preamble';
  let headers: Record<string, string> = {};
  // Where the next search for a delimiter starts: bytes before it were already searched.
  let searchFrom = 0;

  /** The position of the next delimiter at a line start in buf from `from`, and where its line start (CRLF/LF) begins. */
  const findDelimiter = (from: number): { lineStart: number; after: number } | undefined => {
    let at = buf.indexOf(dash, from);
    while (at >= 0) {
      if (at === 0 && state === 'preamble') return { lineStart: 0, after: dash.length };
      if (at >= 1 && buf[at - 1] === 0x0a) {
        const lineStart = at >= 2 && buf[at - 2] === 0x0d ? at - 2 : at - 1;
        return { lineStart, after: at + dash.length };
      }
      at = buf.indexOf(dash, at + 1);
    }
    return undefined;
  };

  const step = (): boolean => {
    switch (state) {
      case 'preamble':
      case 'body': {
        const found = findDelimiter(searchFrom);
        if (!found) {
          // Keep searching only the tail that could still start a delimiter.
          searchFrom = Math.max(0, buf.length - dash.length - 2);
          return false;
        }
        if (state === 'body') onPart({ headers, body: Buffer.from(buf.subarray(0, found.lineStart)) });
        buf = buf.subarray(found.after);
        searchFrom = 0;
        state = 'boundary-line';
        return true;
      }
      case 'boundary-line': {
        if (buf.length < 2) return false;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'done';
          buf = Buffer.alloc(0);
          return false;
        }
        const eol = buf.indexOf(0x0a);
        if (eol < 0) return false;
        // Anything but transport padding on the delimiter line means the boundary was only a prefix of it.
        if (!/^[ \t]*\r?$/.test(buf.subarray(0, eol).toString('latin1'))) throw new Error('multipart: a delimiter line carries more than the boundary');
        buf = buf.subarray(eol + 1);
        state = 'headers';
        return true;
      }
      case 'headers': {
        // Headers end at the first empty line; a part with no headers starts with it.
        let end: number;
        let skip: number;
        if (buf[0] === 0x0d && buf[1] === 0x0a) [end, skip] = [0, 2];
        else if (buf[0] === 0x0a) [end, skip] = [0, 1];
        else {
          const crlf = buf.indexOf('\r\n\r\n');
          const lf = buf.indexOf('\n\n');
          if (crlf < 0 && lf < 0) {
            if (buf.length > 64 * 1024) throw new Error('multipart: a part header is longer than 64 KB');
            return false;
          }
          [end, skip] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : [lf, 2];
        }
        if (end === 0 && buf.length < skip) return false;
        headers = parseHeaders(buf.subarray(0, end).toString('latin1'));
        buf = buf.subarray(end + skip);
        searchFrom = 0;
        state = 'body';
        return true;
      }
      case 'done':
        return false;
    }
  };

  return {
    push(chunk) {
      if (state === 'done') return; // the epilogue
      buf = buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([buf, chunk]);
      while (step());
    },
    end() {
      if (state !== 'done') throw new Error('multipart: the body ended before its closing boundary');
    },
  };
}
