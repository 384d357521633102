import { canonicalJson } from './canonicalJson';

/** A plan content hash: the full SHA-256 in hex and the first 12 hex characters shown on reports. */
export interface ContentHash {
  readonly hex: string;
  readonly short: string;
}

/** How many hex characters of the hash a report shows (48 bits: enough to tell versions apart by eye). */
export const SHORT_HASH_CHARS = 12;

/**
 * SHA-256 of the UTF-8 bytes of {@link canonicalJson}(content). Uses Web Crypto (browsers in a
 * secure context, Node ≥ 20), as the interop layer does for its UIDs; throws, saying why, where
 * it is missing (a page served over plain http from another host).
 */
export async function contentHash(content: unknown): Promise<ContentHash> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('SHA-256 needs Web Crypto, which the browser offers only on https or localhost');
  const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(content))));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  return { hex, short: hex.slice(0, SHORT_HASH_CHARS) };
}
