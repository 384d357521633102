import type { IncomingMessage } from 'node:http';

/** What a records route handler gets: the request, its URL, the path parameters, and for writes the body and the user. */
export interface RouteInput {
  req: IncomingMessage;
  url: URL;
  /** Path parameters, already checked (ids are UUIDs, versions whole numbers). */
  params: [string, string];
  /** The parsed JSON body (undefined when empty); only read for POST and PUT. */
  body: unknown;
  /** Who the change is attributed to. */
  actor: string;
}
