/**
 * The PACS could not serve a request: unreachable, failing, or refusing our credentials.
 * The API answers 502 with the message, which names the PACS URL but never a credential.
 */
export class PacsError extends Error {
  /** The HTTP status our server answers with. */
  readonly status = 502;

  constructor(message: string) {
    super(message);
    this.name = 'PacsError';
  }
}
