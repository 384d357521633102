/**
 * How the server reaches the PACS. The credentials stay inside this object: `authorization`
 * is a function so that logging or serialising the configuration never prints them.
 */
export interface DicomwebConfig {
  /** The DICOMweb root without credentials or trailing slash, e.g. http://127.0.0.1:8042/dicom-web. */
  readonly baseUrl: URL;
  /** A short name for the worklist ("PACS 127.0.0.1:8042" unless DICOMWEB_LABEL says otherwise). */
  readonly label: string;
  /** The Authorization header value to send, if any. */
  readonly authorization: () => string | undefined;
}

const clean = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t ? t : undefined;
};

/** A URL for messages: no credentials, no query, no trailing slash. */
export const describePacs = (url: URL): string => `${url.origin}${url.pathname.replace(/\/+$/, '')}`;

/**
 * Reads DICOMWEB_URL and its optional credentials: DICOMWEB_USER with DICOMWEB_PASSWORD (HTTP
 * Basic), or DICOMWEB_AUTHORIZATION (a whole header value such as "Bearer ..."), or a
 * user:password in the URL itself. Undefined when DICOMWEB_URL is unset. Throws with a message
 * naming the variable when a value is unusable; messages never repeat a credential.
 */
export function readDicomwebConfig(env: NodeJS.ProcessEnv): DicomwebConfig | undefined {
  const raw = clean(env.DICOMWEB_URL);
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('DICOMWEB_URL is not a URL; expected e.g. http://127.0.0.1:8042/dicom-web');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`DICOMWEB_URL must start with http:// or https://, got ${url.protocol}//`);
  }
  const urlUser = decodeURIComponent(url.username);
  const urlPassword = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/\/+$/, '');

  const user = clean(env.DICOMWEB_USER);
  const password = env.DICOMWEB_PASSWORD ?? '';
  const header = clean(env.DICOMWEB_AUTHORIZATION);
  if ((user !== undefined) !== (password !== '')) {
    throw new Error('DICOMWEB_USER and DICOMWEB_PASSWORD must be set together');
  }
  const sources = [user !== undefined, header !== undefined, urlUser !== ''].filter(Boolean).length;
  if (sources > 1) {
    throw new Error(
      'Give the PACS credentials one way only: DICOMWEB_USER/DICOMWEB_PASSWORD, DICOMWEB_AUTHORIZATION, or user:password in DICOMWEB_URL',
    );
  }
  const basic = (u: string, p: string): string => `Basic ${Buffer.from(`${u}:${p}`, 'utf8').toString('base64')}`;
  const authorization =
    header ?? (user !== undefined ? basic(user, password) : urlUser !== '' ? basic(urlUser, urlPassword) : undefined);
  if (authorization && /[\r\n]/.test(authorization)) throw new Error('DICOMWEB_AUTHORIZATION must be a single line');

  return {
    baseUrl: url,
    label: clean(env.DICOMWEB_LABEL) ?? `PACS ${url.host}`,
    authorization: () => authorization,
  };
}
