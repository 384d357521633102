import { inflateRaw } from 'pako';

/** Raw-deflate decompression for Deflated Explicit VR Little Endian files read in the browser. */
export const inflateRawSync = (data: Uint8Array): Uint8Array => inflateRaw(data);
