import type { ImageAttributes, PixelDataLocation } from '../../dicom/instanceHeader';

/** A local file the viewer can show without parsing it again: the file, its attributes, where its pixels are. */
export interface LocalImage {
  file: File;
  json: ImageAttributes['json'];
  pixelData: PixelDataLocation;
  transferSyntaxUID: string;
}

/** The image id scheme of the local-files loader (loadLocalImage). */
export const LOCAL_SCHEME = 'percuplan-local';

const BIG_ENDIAN = '1.2.840.10008.1.2.2';
const images = new Map<string, LocalImage>();

const firstString = (json: ImageAttributes['json'], tag: string): string | undefined => {
  const v = json[tag]?.Value?.[0];
  return typeof v === 'string' ? v : undefined;
};
const firstNumber = (json: ImageAttributes['json'], tag: string): number | undefined => {
  const v = json[tag]?.Value?.[0];
  return typeof v === 'number' ? v : undefined;
};

/**
 * Whether the local loader can show this file from its recorded attributes: one frame, one
 * monochrome sample per pixel, little endian (native or encapsulated), pixel data located in
 * the file itself. Anything else (multi-frame objects with per-frame geometry, colour, 4:2:2,
 * big endian, deflated files) keeps Cornerstone's whole-file path, which handles it.
 */
export function servesLocally(image: ImageAttributes, transferSyntaxUID: string): image is ImageAttributes & { pixelData: PixelDataLocation } {
  const { json, pixelData } = image;
  if (!pixelData || transferSyntaxUID === BIG_ENDIAN) return false;
  if ((firstNumber(json, '00280008') ?? 1) > 1) return false;
  if ((firstNumber(json, '00280002') ?? 1) !== 1) return false;
  if (!/^MONOCHROME[12]$/.test(firstString(json, '00280004') ?? '')) return false;
  const bits = firstNumber(json, '00280100');
  if (bits !== 8 && bits !== 16) return false;
  if (!firstNumber(json, '00280010') || !firstNumber(json, '00280011')) return false;
  return !pixelData.encapsulated || (pixelData.fragments?.length ?? 0) > 0;
}

/** Remembers a file read in this tab under its object URL, if the local loader can serve it. */
export function rememberLocalImage(url: string, file: File, image: ImageAttributes | undefined, transferSyntaxUID: string): void {
  if (image && servesLocally(image, transferSyntaxUID)) images.set(url, { file, json: image.json, pixelData: image.pixelData, transferSyntaxUID });
}

/** The local image behind an object URL, if the local loader serves it. */
export const localImageAt = (url: string): LocalImage | undefined => images.get(url);

/** The image id of a local file's (single) frame. */
export const localImageIdOf = (url: string): string => `${LOCAL_SCHEME}:${url}`;

/** The object URL an image id of the local scheme names. */
export const urlOfLocalImageId = (imageId: string): string => imageId.slice(LOCAL_SCHEME.length + 1).replace(/[?&]frame=\d+$/, '');
